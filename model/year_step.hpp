#pragma once
// One year of the simulation for every resident: death, ageing, onset of care-need conditions, then
// alignment of every age × sex cell to its target, with the conditions of people who join drawn on entry.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "model/care_need_rates.hpp"
#include "model/care_need_status.hpp"
#include "model/cell_counts.hpp"
#include "model/population.hpp"
#include "model/service_rates.hpp"

namespace dayopps::model {

// Flows of one year by cell. Deaths are by cell at the start of the year; additions and removals by the
// cell the person is in at the end of the year (after ageing).
struct YearFlows {
  std::span<std::int32_t, kCellCount> deaths;
  std::span<std::int32_t, kCellCount> additions;
  std::span<std::int32_t, kCellCount> removals;
  // Deaths of people with each condition level (ConditionLevel × cell); empty when care need is off.
  std::span<std::int32_t> deaths_by_condition = {};
  // Service users who died (first kServiceCount × kSupportReasonCount values) or were removed by alignment,
  // i.e. moved away (next block), by service and support reason; empty when services are off.
  std::span<std::int32_t> user_exits = {};
};

struct StepKey {
  std::uint64_t master_seed;
  std::uint32_t replication;
  std::uint32_t year;  // the year the step ends in (mid-year year-1 -> mid-year year)
};

struct StepRates {
  // Implicit from the death probabilities alone: the population-only step.
  StepRates(const RatesByCell& death_probability,
            const CareNeedRates* care = nullptr,  // NOLINT(google-explicit-constructor)
            const ServiceRates* day_services = nullptr)
      : annual_death_probability(death_probability), care_need(care), services(day_services) {}
  const RatesByCell& annual_death_probability;
  const CareNeedRates* care_need;  // nullptr: population only, conditions left as they are
  const ServiceRates* services;    // nullptr: no carers assigned to people who join, no user exits counted
};

// Draws the conditions (and, with service rates, the family carer) of records [first, population.size())
// as people joining in `year`.
void assign_conditions_to_new_records(Population& population, std::size_t first, const CareNeedRates& rates,
                                      std::uint64_t master_seed, std::uint32_t replication, std::uint32_t year,
                                      const ServiceRates* services = nullptr);

// Owns the scratch buffers, so stepping year after year allocates only when the population grows.
class YearStep {
 public:
  // Advances `population` from mid-year key.year-1 to mid-year key.year:
  //  1. each person dies with probability q[cell at start of year] × their conditions' multipliers (≤ 1);
  //  2. survivors age one year (the open group 90+ stays 90+);
  //  3. survivors without a condition may develop it (onset rates by their new cell);
  //  4. alignment: in every cell, if there are more people than target_people, the surplus with the lowest
  //     random priority are removed; if fewer, new people (fresh ids) are added and their conditions drawn
  //     from the prevalence of their cell. Those who stay keep their records.
  // Records are not kept in order: a record that leaves is overwritten by one from the end. Nothing in the
  // model depends on where a record sits (every draw is keyed by id, every choice ties by id).
  // Flows are added to (not overwritten), so the caller zeroes them.
  void advance(Population& population, const StepRates& rates, std::span<const std::int32_t, kCellCount> target_people,
               const StepKey& key, const YearFlows& flows);

  // People in each cell after the last advance: target_people, by the step's own bookkeeping.
  const std::array<std::int32_t, kCellCount>& people_per_cell() const { return people_per_cell_; }

 private:
  struct RemovalCandidate {
    std::uint64_t priority;
    std::uint32_t index;  // the record; its id breaks ties, looked up only when priorities tie
  };
  // The phases of advance, in order; each leaves its results in the members below for the next.
  void tabulate_year(const StepRates& rates, int year);  // death, onset and physical-support thresholds
  void deaths_and_ageing(Population& population, const StepRates& rates, const StepKey& key, const YearFlows& flows);
  void onset(Population& population, const StepRates& rates, const StepKey& key);
  void align(const Population& population, std::span<const std::int32_t, kCellCount> target_people,
             const YearFlows& flows);
  void add_newcomers(Population& population, const StepRates& rates, const StepKey& key, const YearFlows& flows);
  void compact(Population& population);
  void remove_surplus(const Population& population, int cell, std::int32_t surplus, std::uint32_t survivors,
                      std::span<RemovalCandidate> below_threshold, const YearFlows& flows);

  // The year's tables (tabulate_year).
  double onset_multiplier_ = 1.0;
  std::array<bool, kCellCount> onset_possible_{};
  std::array<std::uint64_t, kCellCount> physical_start_{};
  // What deaths_and_ageing leaves for the later phases.
  std::size_t start_size_ = 0;     // records at the start of the year
  std::size_t onset_count_ = 0;    // the first onset_count_ of onset_records_ draw for onset
  std::size_t deaths_listed_ = 0;  // leaving_ holds the dead first, then align's removals
  std::array<std::uint32_t, kCellCount> survivors_in_cell_{};
  std::array<std::int32_t, kCellCount> shortfall_{};  // align: people to add by cell

  std::vector<std::uint64_t> removal_priority_;  // by record, for survivors
  std::vector<std::uint8_t> cell_after_;         // by record: the survivor's cell after ageing, or kLeaving
  std::vector<std::uint32_t> leaving_;           // records that died or were removed
  std::vector<std::uint64_t> death_threshold_;   // the year's, by mortality class × cell
  std::vector<std::uint32_t> onset_records_;     // survivors who may develop a condition (the first onset_count)
  std::vector<PersonId> onset_ids_;              // their ids, contiguous for the batched draws
  std::vector<RemovalCandidate> candidates_;
  std::vector<RemovalCandidate> cell_candidates_;
  std::array<std::int32_t, kCellCount> people_per_cell_{};
};

}  // namespace dayopps::model
