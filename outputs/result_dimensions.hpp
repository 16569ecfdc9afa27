#pragma once
// The dimensions, labels and regroupings every results group shares (single runs and batches alike), so the
// two builders cannot drift apart in how they name or band the same thing.
#include <cstdint>
#include <string>
#include <vector>

#include "outputs/results_builder.hpp"

namespace dayopps::outputs {

// whole numbers first..last (empty if last < first)
std::vector<std::int32_t> range(int first, int last);
Attributes described(const std::string& long_name, const std::string& units);

Dimension replication_dimension(std::size_t replications);
Dimension year_dimension(int first_year, int last_year);
Dimension sex_dimension();
Dimension age_band_dimension();
Dimension statistic_dimension();
Dimension service_dimension();         // the services, without "none"
Dimension support_reason_dimension();  // the support reasons, without "none"
Dimension measure_dimension();         // how a person was affected (model::AffectedMeasure)

// (…, sex, age) -> (…, sex, age_band): sums ages within each band.
std::vector<std::int32_t> by_age_band(const std::vector<std::int32_t>& by_age);

// Rows of (measure*reason*cell) counts (model::affected_index) -> (row, measure, reason 1..4, sex, age_band).
std::vector<std::int32_t> affected_by_band(const std::vector<const std::int32_t*>& rows);

}  // namespace dayopps::outputs
