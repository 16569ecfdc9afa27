#pragma once
// One year of the demographic core: deaths, ageing, then alignment of every age × sex cell to its target.
#include <cstdint>
#include <span>
#include <vector>

#include "model/cell_counts.hpp"
#include "model/population.hpp"

namespace dayopps::model {

// Flows of one year by cell. Deaths are by age at the start of the year; additions and removals by the
// cell the person is in at the end of the year (after ageing).
struct YearFlows {
  std::span<std::int32_t, kCellCount> deaths;
  std::span<std::int32_t, kCellCount> additions;
  std::span<std::int32_t, kCellCount> removals;
};

struct StepKey {
  std::uint64_t master_seed;
  std::uint32_t replication;
  std::uint32_t year;  // the year the step ends in (mid-year year-1 -> mid-year year)
};

// Owns the scratch buffers, so stepping year after year allocates only when the population grows.
class DemographyStep {
 public:
  // Advances `population` from mid-year key.year-1 to mid-year key.year:
  //  1. each person dies with probability annual_death_probability[cell at start of year];
  //  2. survivors age one year (the open group 90+ stays 90+);
  //  3. alignment: in every cell, if there are more people than target_people, the surplus with the lowest
  //     random priority are removed; if fewer, new people (fresh ids) are added. Those who stay keep their
  //     records. Afterwards every cell holds exactly target_people[cell].
  // Flows are added to (not overwritten), so the caller zeroes them.
  void advance(Population& population, const RatesByCell& annual_death_probability,
               std::span<const std::int32_t, kCellCount> target_people, const StepKey& key, const YearFlows& flows);

 private:
  std::vector<std::uint64_t> removal_priority_;
  std::vector<std::uint32_t> members_by_cell_;
  std::vector<std::uint8_t> leaving_;
};

}  // namespace dayopps::model
