#include "model/life_table.hpp"

#include <cmath>
#include <stdexcept>

namespace dayopps::model {

double open_group_death_probability(const LifeTableColumns& table) {
  const std::size_t n = table.central_death_rate.size();
  if (n <= static_cast<std::size_t>(kOpenAgeGroup) || table.deaths_in_life_table.size() != n) {
    throw std::invalid_argument("life table must cover ages 0 to at least 90 in mx and dx");
  }
  double deaths = 0.0;
  double person_years = 0.0;
  for (std::size_t age = kOpenAgeGroup; age < n; ++age) {
    const double mx = table.central_death_rate[age];
    if (!(mx > 0.0)) throw std::invalid_argument("life table mx must be positive at ages 90 and over");
    deaths += table.deaths_in_life_table[age];
    person_years += table.deaths_in_life_table[age] / mx;
  }
  if (!(person_years > 0.0)) throw std::invalid_argument("life table has no person-years at ages 90 and over");
  return 1.0 - std::exp(-deaths / person_years);
}

RatesByCell annual_death_probability(const LifeTableColumns& female, const LifeTableColumns& male) {
  RatesByCell rates;
  const LifeTableColumns* by_sex[kSexCount] = {&female, &male};
  for (int sex = 0; sex < kSexCount; ++sex) {
    const LifeTableColumns& table = *by_sex[sex];
    if (table.death_probability.size() < static_cast<std::size_t>(kOpenAgeGroup)) {
      throw std::invalid_argument("life table qx must cover ages 0 to 89");
    }
    for (int age = 0; age < kOpenAgeGroup; ++age) {
      rates(cell_index(sex, age)) = table.death_probability[static_cast<std::size_t>(age)];
    }
    rates(cell_index(sex, kOpenAgeGroup)) = open_group_death_probability(table);
  }
  return rates;
}

}  // namespace dayopps::model
