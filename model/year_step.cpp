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

// cell_after_ value of a record that leaves this year (died, or removed by alignment).
constexpr std::uint8_t kLeaving = 255;
static_assert(kCellCount < kLeaving, "cells must fit below the leaving marker");

}  // namespace

void assign_conditions_to_new_records(Population& population, std::size_t first, const CareNeedRates& rates,
                                      std::uint64_t master_seed, std::uint32_t replication, std::uint32_t year,
                                      const ServiceRates* services) {
  if (first >= population.size()) return;
  const RatesByCell severe_ld_at_entry = moderate_severe_learning_disability_at_entry(rates, static_cast<int>(year));
  RandomWordsBatch batch;
  for (std::size_t i = first; i < population.size(); ++i) {
    const auto lane = static_cast<std::size_t>((i - first) % kRandomBatch);
    if (lane == 0) {
      const int count = static_cast<int>(std::min<std::size_t>(kRandomBatch, population.size() - i));
      random_words_batch(master_seed, replication, population.id.data() + i, count, year,
                         RandomEvent::condition_at_entry, batch);
    }
    const int cell = cell_index(population.sex[i], population.age[i]);
    const RandomWords words = batch.words(lane);
    assign_conditions_at_entry(population, i, cell, rates, severe_ld_at_entry, words);
    if (services == nullptr) continue;
    // Only people with a moderate-severe learning disability may live with a family carer: only they draw.
    if (learning_disability(population.conditions[i]) == LearningDisability::moderate_severe) {
      assign_carer_at_entry(population, i, cell, *services,
                            random_words(master_seed, replication, population.id[i], year, RandomEvent::carer));
    } else {
      population.carer[i] = kNoCarer;
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
  tabulate_year(rates, static_cast<int>(key.year));
  deaths_and_ageing(population, rates, key, flows);  // 1-2, and the draws that ride on the survival uniform
  onset(population, rates, key);                     // 3
  align(population, target_people, flows);           // 4: the surplus of each cell leaves ...
  add_newcomers(population, rates, key, flows);      // ... and its shortfall joins
  compact(population);
}

void YearStep::tabulate_year(const StepRates& rates, int year) {
  const CareNeedRates* care = rates.care_need;
  onset_multiplier_ = care != nullptr ? 1.0 - care->onset_reduction.at(year) : 1.0;
  // Cells where a condition can start (in Birmingham's inputs, dementia from 65): only survivors ending the
  // year in one of them draw for onset, after the pass over everyone.
  onset_possible_.fill(false);
  if (care != nullptr) {
    for (int c = 0; c < kCellCount; ++c) {
      onset_possible_[static_cast<std::size_t>(c)] =
          onset_multiplier_ > 0.0 && (care->dementia_onset(c) > 0.0 || care->physical_disability_onset(c) > 0.0 ||
                                      care->physical_disability_progression(c) > 0.0);
    }
  }
  // Physical support per head (ServiceRates::physical_support_start): a survivor whose survival uniform falls
  // in the top h of its range, [1 - h, 1), starts it, so it costs no draw of its own and P(survive and start) = h.
  // By the cell after ageing; kNever where nobody starts.
  constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();
  physical_start_.fill(kNever);
  const ServiceRates* services = rates.services;
  if (services != nullptr && services->physical_support_per_head()) {
    for (int c = 0; c < kCellCount; ++c) {
      const int age = age_of_cell(c);
      const int group = age_group(age);
      const double h =
          std::min(1.0, services->physical_support_start[static_cast<std::size_t>(group)] *
                            services->uptake.at(year, uptake_group(SupportReason::physical_disability, group)));
      if (age >= services->adulthood_age && h > 0.0)
        physical_start_[static_cast<std::size_t>(c)] = threshold_53(1.0 - h);
    }
  }
  // Death thresholds (threshold_53 of the probability) by mortality class and cell, so the pass over everyone
  // looks a person's up instead of testing their conditions.
  death_threshold_.resize(static_cast<std::size_t>(kMortalityClassCount) * kCellCount);
  const double excess_kept = care != nullptr ? 1.0 - care->learning_disability_survival.at(year) : 1.0;
  for (int k = 0; k < kMortalityClassCount; ++k) {
    for (int c = 0; c < kCellCount; ++c) {
      const double probability = care != nullptr ? death_probability(conditions_of_mortality_class(k), c,
                                                                     rates.annual_death_probability, *care, excess_kept)
                                                 : std::clamp(rates.annual_death_probability(c), 0.0, 1.0);
      death_threshold_[static_cast<std::size_t>(k * kCellCount + c)] = threshold_53(probability);
    }
  }
}

void YearStep::deaths_and_ageing(Population& population, const StepRates& rates, const StepKey& key,
                                 const YearFlows& flows) {
  // One fused pass, in place. The removal priority comes from the same Philox block as the survival draw, so
  // the population core costs one generator call a person a year, made 64 at a time.
  const CareNeedRates* care = rates.care_need;
  const std::size_t start_size = population.size();
  start_size_ = start_size;
  if (removal_priority_.size() < start_size) removal_priority_.resize(start_size);
  if (cell_after_.size() < start_size) cell_after_.resize(start_size);
  leaving_.clear();
  // Two tallies, for even and odd records, so that neighbours in the same cell (the usual case) do not wait
  // for each other's increment.
  std::array<std::array<std::uint32_t, kCellCount>, 2> survivors_by_parity{};
  if (care != nullptr && onset_records_.size() < start_size) {
    onset_records_.resize(start_size);
    onset_ids_.resize(start_size);
  }
  std::size_t onset_count = 0;
  RandomWordsBatch batch;
  for (std::size_t i = 0; i < start_size; ++i) {
    const auto lane = static_cast<std::size_t>(i % kRandomBatch);
    if (lane == 0) {  // the draws of the next kRandomBatch people
      const int count = static_cast<int>(std::min<std::size_t>(kRandomBatch, start_size - i));
      random_words_batch(key.master_seed, key.replication, population.id.data() + i, count, key.year,
                         RandomEvent::demography, batch);
    }
    const std::uint8_t age = population.age[i];
    const int cell = cell_index(population.sex[i], age);
    const int mortality = care != nullptr ? kMortalityClassByConditions[population.conditions[i] & 63u] : 0;
    const std::uint64_t death = death_threshold_[static_cast<std::size_t>(mortality * kCellCount + cell)];
    const std::uint64_t survival_draw = uniform_53_bits(batch.word[0][lane], batch.word[1][lane]);
    if (survival_draw < death) {
      cell_after_[i] = kLeaving;
      leaving_.push_back(static_cast<std::uint32_t>(i));
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
    const int new_cell = cell_index(population.sex[i], new_age);
    population.age[i] = new_age;
    cell_after_[i] = static_cast<std::uint8_t>(new_cell);
    ++survivors_by_parity[i & 1u][static_cast<std::size_t>(new_cell)];
    removal_priority_[i] = (static_cast<std::uint64_t>(batch.word[2][lane]) << 32) | batch.word[3][lane];
    if (survival_draw >= physical_start_[static_cast<std::size_t>(new_cell)] &&
        support_reason(population, i) == SupportReason::none) {
      population.conditions[i] = with_physical_disability(population.conditions[i], PhysicalDisability::serious);
    }
    // Listed without a branch: written always, kept if onset is possible in the new cell.
    if (care != nullptr) {
      onset_records_[onset_count] = static_cast<std::uint32_t>(i);
      onset_ids_[onset_count] = population.id[i];
      onset_count += onset_possible_[static_cast<std::size_t>(new_cell)] ? 1u : 0u;
    }
  }
  onset_count_ = onset_count;
  deaths_listed_ = leaving_.size();
  for (std::size_t c = 0; c < kCellCount; ++c)
    survivors_in_cell_[c] = survivors_by_parity[0][c] + survivors_by_parity[1][c];
}

void YearStep::onset(Population& population, const StepRates& rates, const StepKey& key) {
  // Among the survivors listed by deaths_and_ageing, drawn kRandomBatch at a time. Deaths used the conditions
  // held at the start of the year, and onset changes nobody else's record, so doing it after the pass changes
  // nothing.
  if (rates.care_need == nullptr) return;
  RandomWordsBatch batch;
  for (std::size_t k = 0; k < onset_count_; ++k) {
    const auto lane = static_cast<std::size_t>(k % kRandomBatch);
    if (lane == 0) {
      const int count = static_cast<int>(std::min<std::size_t>(kRandomBatch, onset_count_ - k));
      random_words_batch(key.master_seed, key.replication, onset_ids_.data() + k, count, key.year,
                         RandomEvent::condition_onset, batch);
    }
    const std::size_t i = onset_records_[k];
    apply_onset(population, i, cell_after_[i], *rates.care_need, batch.words(lane), onset_multiplier_);
  }
}

void YearStep::align(const Population& population, std::span<const std::int32_t, kCellCount> target_people,
                     const YearFlows& flows) {
  // A cell's surplus are its survivors with the lowest priorities. Priorities are uniform, so the k-th lowest
  // of n lies below (k + 4√k + 8) / n of the range with overwhelming probability: one pass collects the
  // survivors below their cell's threshold (each of them ranks below every survivor above it), and only those
  // few are ordered. A cell where fewer than k fall below is ordered in full: the same set.
  std::array<std::uint64_t, 256> threshold{};  // by cell_after_ value; 0 (nobody) for kLeaving and no surplus
  std::array<std::int32_t, kCellCount> surplus{};
  shortfall_.fill(0);
  for (int c = 0; c < kCellCount; ++c) {
    const auto cell = static_cast<std::size_t>(c);
    const std::int32_t target = target_people[cell];
    if (target < 0) throw std::invalid_argument("alignment target must not be negative");
    const auto have = static_cast<std::int32_t>(survivors_in_cell_[cell]);
    if (have > target) {
      surplus[cell] = have - target;
      const double k = static_cast<double>(surplus[cell]);
      const double share = (k + 4.0 * std::sqrt(k) + 8.0) / static_cast<double>(have);
      threshold[cell] =
          share >= 1.0 ? std::numeric_limits<std::uint64_t>::max() : static_cast<std::uint64_t>(share * 0x1.0p64);
    } else {
      shortfall_[cell] = target - have;
    }
    people_per_cell_[cell] = have - surplus[cell] + shortfall_[cell];
  }
  candidates_.clear();
  for (std::size_t i = 0; i < start_size_; ++i) {
    const std::uint64_t priority = removal_priority_[i];
    if (priority < threshold[cell_after_[i]]) {
      candidates_.push_back({priority, static_cast<std::uint32_t>(i)});
    }
  }
  // Group the candidates by cell (stable, so each cell's list is in record order).
  std::array<std::uint32_t, kCellCount + 1> candidate_start{};
  for (const RemovalCandidate& c : candidates_) ++candidate_start[cell_after_[c.index] + 1u];
  for (std::size_t c = 0; c < kCellCount; ++c) candidate_start[c + 1] += candidate_start[c];
  cell_candidates_.resize(candidates_.size());
  {
    std::array<std::uint32_t, kCellCount> next{};
    std::copy_n(candidate_start.begin(), kCellCount, next.begin());
    for (const RemovalCandidate& c : candidates_) cell_candidates_[next[cell_after_[c.index]]++] = c;
  }
  for (int c = 0; c < kCellCount; ++c) {
    const auto cell = static_cast<std::size_t>(c);
    if (surplus[cell] == 0) continue;
    remove_surplus(population, c, surplus[cell], survivors_in_cell_[cell],
                   std::span<RemovalCandidate>(cell_candidates_.data() + candidate_start[cell],
                                               candidate_start[cell + 1] - candidate_start[cell]),
                   flows);
    flows.removals[cell] += surplus[cell];
  }
}

void YearStep::add_newcomers(Population& population, const StepRates& rates, const StepKey& key,
                             const YearFlows& flows) {
  // The shortfall of each cell joins as new people at the end, in cell order, so ids are assigned
  // deterministically, and their conditions are drawn.
  const std::size_t first_new = population.size();
  for (int c = 0; c < kCellCount; ++c) {
    const auto cell = static_cast<std::size_t>(c);
    for (std::int32_t k = 0; k < shortfall_[cell]; ++k) {
      population.add_person(static_cast<std::uint8_t>(age_of_cell(c)), static_cast<std::uint8_t>(sex_of_cell(c)));
    }
    flows.additions[cell] += shortfall_[cell];
  }
  if (rates.care_need != nullptr) {
    assign_conditions_to_new_records(population, first_new, *rates.care_need, key.master_seed, key.replication,
                                     key.year, rates.services);
  }
}

void YearStep::compact(Population& population) {
  // Fill the records of those who left with records from the end: the cost is the number who left, not the
  // size of the population. The dead were listed in record order; only the removals, appended after them,
  // need sorting.
  const auto removals_begin = leaving_.begin() + static_cast<std::ptrdiff_t>(deaths_listed_);
  std::sort(removals_begin, leaving_.end());
  std::inplace_merge(leaving_.begin(), removals_begin, leaving_.end());
  std::size_t end = population.size();
  std::size_t last_hole = leaving_.size();  // holes [0, last_hole) are still to fill
  for (std::size_t h = 0; h < last_hole; ++h) {
    // Records at the end that are themselves leaving are dropped, not moved.
    while (last_hole > h && end - 1 == leaving_[last_hole - 1]) {
      --end;
      --last_hole;
    }
    if (h >= last_hole) break;
    population.move_record(--end, leaving_[h]);
  }
  population.resize(end);
}

void YearStep::remove_surplus(const Population& population, int cell, std::int32_t surplus, std::uint32_t survivors,
                              std::span<RemovalCandidate> below_threshold, const YearFlows& flows) {
  std::span<RemovalCandidate> candidates = below_threshold;
  if (static_cast<std::int32_t>(candidates.size()) < surplus) {  // the rare fallback: every survivor of the cell
    candidates_.clear();
    candidates_.reserve(survivors);
    for (std::size_t i = 0; i < population.size(); ++i) {  // nobody has been added yet: every record is scored
      if (cell_after_[i] == cell) {
        candidates_.push_back({removal_priority_[i], static_cast<std::uint32_t>(i)});
      }
    }
    candidates = candidates_;
  }
  std::nth_element(candidates.begin(), candidates.begin() + (surplus - 1), candidates.end(),
                   [&population](const RemovalCandidate& a, const RemovalCandidate& b) {
                     if (a.priority != b.priority) return a.priority < b.priority;
                     return population.id[a.index] < population.id[b.index];
                   });
  for (auto it = candidates.begin(); it != candidates.begin() + surplus; ++it) {
    cell_after_[it->index] = kLeaving;
    leaving_.push_back(it->index);
    count_user_exit(population, it->index, flows.user_exits, 1);
  }
}

}  // namespace dayopps::model
