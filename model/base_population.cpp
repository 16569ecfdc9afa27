#include "model/base_population.hpp"

#include <numeric>
#include <stdexcept>

#include "model/age_sex.hpp"

namespace dayopps::model {

Population build_population(std::span<const std::int32_t> people_per_cell) {
  if (people_per_cell.size() != static_cast<std::size_t>(kCellCount)) {
    throw std::invalid_argument("build_population needs one count per age x sex cell");
  }
  std::int64_t total = 0;
  for (const std::int32_t n : people_per_cell) {
    if (n < 0) throw std::invalid_argument("build_population: negative count in a cell");
    total += n;
  }
  Population population;
  population.reserve(static_cast<std::size_t>(total));
  for (int cell = 0; cell < kCellCount; ++cell) {
    const auto age = static_cast<std::uint8_t>(age_of_cell(cell));
    const auto sex = static_cast<std::uint8_t>(sex_of_cell(cell));
    for (std::int32_t k = 0; k < people_per_cell[static_cast<std::size_t>(cell)]; ++k) population.add_person(age, sex);
  }
  return population;
}

Population build_base_population(const ProjectionInputs& inputs) {
  const auto base_row = inputs.people.counts.row(inputs.base_year - inputs.people.first_year);
  return build_population(std::span<const std::int32_t>(base_row.data(), kCellCount));
}

}  // namespace dayopps::model
