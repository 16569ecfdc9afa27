#include "model/year_step.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "model/random_draws.hpp"
#include "model/services_step.hpp"

namespace dayopps::model {

namespace {

// Removes the people flagged in `leaving`, keeping everyone else in their current order.
void remove_flagged(Population& population, std::span<const std::uint8_t> leaving) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < population.size(); ++i) {
    if (leaving[i]) continue;
    if (kept != i) population.move_record(i, kept);
    ++kept;
  }
  population.resize(kept);
}

}  // namespace

void assign_conditions_to_new_records(Population& population, std::size_t first, const CareNeedRates& rates,
                                      std::uint64_t master_seed, std::uint32_t replication, std::uint32_t year,
                                      const ServiceRates* services) {
  for (std::size_t i = first; i < population.size(); ++i) {
    const int cell = cell_index(population.sex[i], population.age[i]);
    const RandomWords words =
        random_words(master_seed, replication, population.id[i], year, RandomEvent::condition_at_entry);
    assign_conditions_at_entry(population, i, cell, static_cast<int>(year), rates, words);
    if (services != nullptr) {
      assign_carer_at_entry(population, i, cell, *services,
                            random_words(master_seed, replication, population.id[i], year, RandomEvent::carer));
    }
  }
}

namespace {

void count_user_exit(const Population& population, std::size_t i, std::span<std::int32_t> exits, int cause) {
  if (exits.empty() || population.service[i] == 0) return;
  const auto reason = static_cast<int>(support_reason(population, i));
  ++exits[static_cast<std::size_t>(cause * kServiceReasonCount + population.service[i] * kSupportReasonCount + reason)];
}

}  // namespace

void YearStep::advance(Population& population, const StepRates& rates,
                       std::span<const std::int32_t, kCellCount> target_people, const StepKey& key,
                       const YearFlows& flows) {
  // 1-3. Deaths, ageing and onset, in place: the dead are flagged and removed with the alignment's surplus
  // in one compaction at the end. The removal priority comes from the same Philox block as the survival
  // draw, so the population core costs one generator call a person a year, made 64 people at a time.
  const CareNeedRates* care = rates.care_need;
  const double onset_multiplier = care != nullptr ? 1.0 - care->onset_reduction.at(static_cast<int>(key.year)) : 1.0;
  const std::size_t start_size = population.size();
  if (removal_priority_.size() < start_size) removal_priority_.resize(start_size);
  leaving_.assign(start_size, 0);
  std::size_t survivors = 0;
  RandomWordsBatch batch;
  RandomWordsBatch onset_batch;
  for (std::size_t i = 0; i < start_size; ++i) {
    const auto lane = static_cast<std::size_t>(i % kRandomBatch);
    if (lane == 0) {  // the draws of the next kRandomBatch people
      const int count = static_cast<int>(std::min<std::size_t>(kRandomBatch, start_size - i));
      random_words_batch(key.master_seed, key.replication, population.id.data() + i, count, key.year,
                         RandomEvent::demography, batch);
      if (care != nullptr) {
        random_words_batch(key.master_seed, key.replication, population.id.data() + i, count, key.year,
                           RandomEvent::condition_onset, onset_batch);
      }
    }
    const std::uint8_t age = population.age[i];
    const int cell = cell_index(population.sex[i], age);
    const RandomWords words = {batch.word[0][lane], batch.word[1][lane], batch.word[2][lane], batch.word[3][lane]};
    const double death = care != nullptr ? death_probability(population, i, cell, rates.annual_death_probability, *care)
                                         : rates.annual_death_probability(cell);
    if (uniform_01(words[0], words[1]) < death) {
      leaving_[i] = 1;
      ++flows.deaths[static_cast<std::size_t>(cell)];
      count_user_exit(population, i, flows.user_exits, 0);
      if (care != nullptr && !flows.deaths_by_condition.empty()) {
        count_conditions(population, i, cell,
                         std::span<std::int32_t, kConditionLevelCount * kCellCount>(flows.deaths_by_condition.data(),
                                                                                    kConditionLevelCount * kCellCount));
      }
      continue;
    }
    const auto new_age = static_cast<std::uint8_t>(std::min<int>(age + 1, kOpenAgeGroup));
    population.age[i] = new_age;
    removal_priority_[i] = (static_cast<std::uint64_t>(words[2]) << 32) | words[3];
    if (care != nullptr) {
      const RandomWords onset = {onset_batch.word[0][lane], onset_batch.word[1][lane], onset_batch.word[2][lane],
                                 onset_batch.word[3][lane]};
      apply_onset(population, i, cell_index(population.sex[i], new_age), *care, onset, onset_multiplier);
    }
    ++survivors;
  }

  // 3. Group survivors by cell (stable counting sort).
  std::array<std::uint32_t, kCellCount + 1> cell_start{};
  for (std::size_t i = 0; i < start_size; ++i) {
    if (leaving_[i]) continue;
    ++cell_start[static_cast<std::size_t>(cell_index(population.sex[i], population.age[i])) + 1];
  }
  for (int c = 0; c < kCellCount; ++c)
    cell_start[static_cast<std::size_t>(c) + 1] += cell_start[static_cast<std::size_t>(c)];
  members_by_cell_.resize(survivors);
  {
    std::array<std::uint32_t, kCellCount> next = {};
    std::copy_n(cell_start.begin(), kCellCount, next.begin());
    for (std::size_t i = 0; i < start_size; ++i) {
      if (leaving_[i]) continue;
      const auto cell = static_cast<std::size_t>(cell_index(population.sex[i], population.age[i]));
      members_by_cell_[next[cell]++] = static_cast<std::uint32_t>(i);
    }
  }

  // Remove the surplus of each cell: the members with the lowest priority (ties broken by id, which
  // never happens in practice but keeps the choice a pure function of the draws).
  std::array<std::int32_t, kCellCount> shortfall{};
  for (int c = 0; c < kCellCount; ++c) {
    const auto cell = static_cast<std::size_t>(c);
    const std::int32_t target = target_people[cell];
    if (target < 0) throw std::invalid_argument("alignment target must not be negative");
    const auto have = static_cast<std::int32_t>(cell_start[cell + 1] - cell_start[cell]);
    if (have > target) {
      const auto surplus = have - target;
      // The surplus lowest priorities. Priorities are uniform, so the k-th lowest of n lies below
      // (k + 4√k + 8) / n of the range with overwhelming probability: one pass collects the members below
      // that threshold (every one of them ranks below every other member), and only those few are ordered.
      // If fewer than k fall below it, all members are candidates: the result is the same set either way.
      const auto first = members_by_cell_.begin() + cell_start[cell];
      const auto last = members_by_cell_.begin() + cell_start[cell + 1];
      const double k = static_cast<double>(surplus);
      const double share = (k + 4.0 * std::sqrt(k) + 8.0) / static_cast<double>(have);
      const std::uint64_t threshold =
          share >= 1.0 ? std::numeric_limits<std::uint64_t>::max() : static_cast<std::uint64_t>(share * 0x1.0p64);
      candidates_.clear();
      for (auto it = first; it != last; ++it) {
        const std::uint64_t priority = removal_priority_[*it];
        if (priority < threshold) candidates_.push_back({priority, population.id[*it], *it});
      }
      if (static_cast<std::int32_t>(candidates_.size()) < surplus) {
        candidates_.clear();
        for (auto it = first; it != last; ++it)
          candidates_.push_back({removal_priority_[*it], population.id[*it], *it});
      }
      std::nth_element(candidates_.begin(), candidates_.begin() + (surplus - 1), candidates_.end(),
                       [](const RemovalCandidate& a, const RemovalCandidate& b) {
                         if (a.priority != b.priority) return a.priority < b.priority;
                         return a.id < b.id;
                       });
      for (auto it = candidates_.begin(); it != candidates_.begin() + surplus; ++it) {
        leaving_[it->index] = 1;
        count_user_exit(population, it->index, flows.user_exits, 1);
      }
      flows.removals[cell] += surplus;
    } else {
      shortfall[cell] = target - have;
    }
  }
  remove_flagged(population, std::span<const std::uint8_t>(leaving_.data(), start_size));

  // Add the shortfall of each cell as new people, in cell order, so ids are assigned deterministically.
  const std::size_t first_new = population.size();
  for (int c = 0; c < kCellCount; ++c) {
    const auto cell = static_cast<std::size_t>(c);
    for (std::int32_t k = 0; k < shortfall[cell]; ++k) {
      population.add_person(static_cast<std::uint8_t>(age_of_cell(c)), static_cast<std::uint8_t>(sex_of_cell(c)));
    }
    flows.additions[cell] += shortfall[cell];
  }
  if (care != nullptr) {
    assign_conditions_to_new_records(population, first_new, *care, key.master_seed, key.replication, key.year,
                                     rates.services);
  }
}

}  // namespace dayopps::model
