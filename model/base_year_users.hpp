#pragma once
// The base year's day-service users in whole people, meeting the observed margins exactly: a two-way table
// of (support reason × age group) by service, fitted by IPF to the margins from the model's own expected
// users, then rounded so both margins hold in integers (docs/model.md, "Base year").
#include <cstdint>

#include "model/ipf.hpp"
#include "model/service_rates.hpp"

namespace dayopps::model {

// Rows: (support reason - 1) × kAgeGroupCount + age group; columns: service - 1.
inline constexpr int kBaseYearRowCount = (kSupportReasonCount - 1) * kAgeGroupCount;
inline constexpr int kBaseYearColumnCount = kServiceCount - 1;
constexpr int base_year_row(SupportReason reason, int group) {
  return (static_cast<int>(reason) - 1) * kAgeGroupCount + group;
}

// `expected` holds the model's expected users of each row and service (the seed: its interactions are
// kept). Margins not observed take the seed's, scaled so the margin's total equals the observed one: a
// fully observed margin sets the total (both fully observed: they must agree within one person), otherwise
// the services' margin with its unobserved part from the seed. Throws std::invalid_argument when the
// margins cannot be met: an observed user with no one expected in their row or service, or totals apart.
IntegerTable base_year_user_table(const Table& expected, const BaseYearUserMargins& margins);

}  // namespace dayopps::model
