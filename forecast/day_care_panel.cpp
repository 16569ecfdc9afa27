#include "forecast/day_care_panel.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace dayopps::forecast {

std::string_view client_group_name(ClientGroup group) {
  switch (group) {
    case ClientGroup::learning_disability_18_64:
      return "learning_disability 18-64";
    case ClientGroup::physical_disability_18_64:
      return "physical_disability 18-64";
    case ClientGroup::all_65_over:
      return "all 65+";
  }
  return "";
}

double population_in(const PanelSeries& series, int year) {
  if (year <= 2011) return series.population_mid2011;
  if (year <= 2018)
    return series.population_mid2011 + (year - 2011) / 7.0 * (series.population_mid2018 - series.population_mid2011);
  if (series.projected.empty() || year > series.projected.rbegin()->first)
    throw std::out_of_range(series.area_name + ": no population projection reaches " + std::to_string(year));
  const auto& [first_year, first] = *series.projected.begin();
  if (year >= first_year) return series.projected.at(year);
  return series.population_mid2018 + (year - 2018.0) / (first_year - 2018.0) * (first - series.population_mid2018);
}

double log_uptake(const PanelSeries& series, std::size_t k) {
  return std::log(series.counts[k] / population_in(series, series.years[k]));
}

}  // namespace dayopps::forecast
