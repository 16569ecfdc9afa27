#include "derivation/history_population.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "model/integerise.hpp"

namespace dayopps::derivation {

model::YearCellCounts history_population(const std::vector<PublishedPopulation>& estimates,
                                         const PeopleRows& projection, int base_year, int first_year) {
  if (projection.rows() < 1) throw std::invalid_argument("the projection holds no year");
  if (first_year > base_year)
    throw std::invalid_argument("the history starts at " + std::to_string(first_year) + ", after the base year " +
                                std::to_string(base_year));
  // The published years, ascending, ending with the projection's base year.
  std::vector<PublishedPopulation> anchors = estimates;
  std::sort(anchors.begin(), anchors.end(), [](const auto& a, const auto& b) { return a.year < b.year; });
  for (std::size_t k = 0; k < anchors.size(); ++k) {
    if (anchors[k].year >= base_year)
      throw std::invalid_argument("the mid-year estimate of " + std::to_string(anchors[k].year) +
                                  " is not before the base year " + std::to_string(base_year));
    if (k > 0 && anchors[k].year == anchors[k - 1].year)
      throw std::invalid_argument("two mid-year estimates for " + std::to_string(anchors[k].year));
  }
  anchors.push_back({base_year, projection.row(0)});

  const int years_before = base_year - first_year;
  PeopleRows people(years_before + projection.rows(), model::kCellCount);
  for (int year = first_year; year < base_year; ++year) {
    const auto next = std::find_if(anchors.begin(), anchors.end(), [&](const auto& a) { return a.year >= year; });
    PeopleRow row;
    if (next == anchors.begin() || next->year == year) {
      row = next->people;  // a published year, or before the first one: held at it
    } else {
      const auto& before = *(next - 1);
      const double w = static_cast<double>(year - before.year) / static_cast<double>(next->year - before.year);
      row = (1.0 - w) * before.people + w * next->people;
    }
    people.row(year - first_year) = row;
  }
  people.bottomRows(projection.rows()) = projection;
  return {first_year, model::integerise_by_year(people)};
}

const char* history_population_assumption() {
  return "Before the base year the population is built from the published mid-year estimates and the projection's "
         "base year: each sex-by-age cell is linear between consecutive published years and held at the earliest "
         "published year before it; each year is then rounded to whole persons as the projection is. People are "
         "simulated from the first year of the history, so the fitted service rates meet the observed counts with "
         "the population of their own years.";
}

}  // namespace dayopps::derivation
