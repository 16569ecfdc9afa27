#pragma once
// Annual death probabilities on the dayopps age grid, derived from a period life table.
#include <span>

#include "model/cell_counts.hpp"

namespace dayopps::model {

// One sex of a period life table by single year of age 0..N (N >= kOpenAgeGroup), as ONS publishes it.
struct LifeTableColumns {
  std::span<const double> central_death_rate;    // mx, deaths per person-year at age x
  std::span<const double> death_probability;     // qx, probability of dying between exact ages x and x+1
  std::span<const double> deaths_in_life_table;  // dx, of the radix
};

// qx for ages 0..89 as published; for the open group 90+ the stationary-population death probability
// 1 - exp(-m), with m = sum(dx) / sum(Lx) over ages 90..N and person-years Lx = dx / mx.
// Throws std::invalid_argument if the columns are too short or mx is not positive at 90+.
double open_group_death_probability(const LifeTableColumns& table);

// Annual probability of death by cell for a person at that age at the start of the year.
RatesByCell annual_death_probability(const LifeTableColumns& female, const LifeTableColumns& male);

}  // namespace dayopps::model
