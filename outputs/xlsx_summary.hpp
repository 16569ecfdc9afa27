#pragma once
// summary.xlsx of a scenario batch: one sheet per table, in long format (one row per scenario × year × ...)
// so finance can filter and pivot without reshaping. Every figure is read from the batch's results
// document, the same tables results.h5 holds (/comparison), so the two cannot disagree.
#include <filesystem>

#include "outputs/results_document.hpp"

namespace dayopps::outputs {

// Sheet names, in order.
inline constexpr const char* kSummarySheets[] = {"About",           "Demand",          "Cost",       "Savings",
                                                 "Savings summary", "People affected", "Assumptions"};

// Writes `file` (xlsx) from a document built by build_batch_document. Throws std::runtime_error on failure.
void write_summary_xlsx(const ResultsDocument& batch, const std::filesystem::path& file);

// summary.xlsx of a multi-area run with services (build_areas_document): About, then Areas with one row per area
// and one for all areas together (users, users per 10,000 adults, growth, cost, with 90% intervals).
inline constexpr const char* kAreasSummarySheets[] = {"About", "Areas"};
void write_areas_summary_xlsx(const ResultsDocument& areas, const std::filesystem::path& file);

}  // namespace dayopps::outputs
