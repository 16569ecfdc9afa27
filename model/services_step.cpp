#include "model/services_step.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "model/base_year_users.hpp"

namespace dayopps::model {

namespace {

constexpr auto u8(Service s) { return static_cast<std::uint8_t>(s); }

std::size_t flat(Service service, SupportReason reason) {
  return static_cast<std::size_t>(static_cast<int>(service) * kSupportReasonCount + static_cast<int>(reason));
}

bool building_based(Service s) { return s == Service::internal_day_centre || s == Service::external_day_centre; }

// Service drawn from probabilities p (index Service) with one uniform.
Service draw_service(const std::array<double, kServiceCount>& p, double u) {
  double cumulative = 0.0;
  Service last_offered = Service::none;
  for (int s = 1; s < kServiceCount; ++s) {
    if (p[static_cast<std::size_t>(s)] <= 0.0) continue;
    last_offered = static_cast<Service>(s);
    cumulative += p[static_cast<std::size_t>(s)];
    if (u < cumulative) return last_offered;
  }
  return last_offered;  // rounding: the cumulative sum fell just short of 1
}

}  // namespace

void assign_carer_at_entry(Population& population, std::size_t i, int cell, const ServiceRates& rates,
                           const RandomWords& words) {
  population.carer[i] = kNoCarer;
  if (learning_disability(population.conditions[i]) != LearningDisability::moderate_severe) return;
  if (uniform_01(words[0]) >= rates.lives_with_family_carer(cell)) return;
  const int carer_age = population.age[i] + rates.carer_age_gap;
  population.carer[i] =
      carer_age >= rates.carer_breakdown_age ? kCarerBrokeDown : static_cast<std::uint8_t>(std::max(1, carer_age));
}

template <typename Records>
void ServicesStep::count_places(const Population& population, const ServiceRates& rates, const Records& records) {
  centre_users_.assign(rates.internal_centres.size(), 0);
  external_users_ = 0;
  for (const std::size_t i : records) {
    const auto service = static_cast<Service>(population.service[i]);
    if (service == Service::internal_day_centre && population.centre[i] != kNoCentre) {
      ++centre_users_[population.centre[i]];
    } else if (service == Service::external_day_centre) {
      ++external_users_;
    }
  }
}

bool ServicesStep::take_place(Population& population, std::size_t i, Service service, const ServiceRates& rates,
                              int year) {
  if (service == Service::internal_day_centre && rates.internal_centres.empty()) {
    population.centre[i] = kNoCentre;  // no centres listed: council places have no limit
  } else if (service == Service::internal_day_centre) {
    // The open centre with the most free places (lowest index on ties): no geography is modelled.
    int best = -1;
    std::int32_t best_free = 0;
    for (std::size_t c = 0; c < rates.internal_centres.size(); ++c) {
      const std::int32_t free = rates.internal_centres[c].places_in(year) - centre_users_[c];
      if (free > best_free) {
        best = static_cast<int>(c);
        best_free = free;
      }
    }
    if (best < 0) return false;
    ++centre_users_[static_cast<std::size_t>(best)];
    population.centre[i] = static_cast<std::uint8_t>(best);
  } else if (service == Service::external_day_centre) {
    if (rates.external_places >= 0 && external_users_ >= rates.external_places) return false;
    ++external_users_;
    population.centre[i] = kNoCentre;
  } else {
    population.centre[i] = kNoCentre;
  }
  population.service[i] = u8(service);
  return true;
}

void ServicesStep::allocate(Population& population, const ServiceRates& rates, int year, const ServiceFlows* flows) {
  // People already waiting go first, each group in the order of its random priority (ties by id), so the
  // outcome does not depend on where people sit in the arrays.
  std::sort(candidates_.begin(), candidates_.end(), [](const Candidate& a, const Candidate& b) {
    if (a.waiting != b.waiting) return a.waiting;
    if (a.priority != b.priority) return a.priority < b.priority;
    return a.id < b.id;
  });
  const bool record_waits = flows != nullptr && !flows->affected.empty();
  for (const Candidate& c : candidates_) {
    allocate_one(population, c, rates, year, flows);
    const std::size_t i = c.index;
    if (record_waits && !c.already_waiting && population.service[i] == u8(Service::none) &&
        population.wanted[i] != u8(Service::none)) {
      const int cell = cell_index(population.sex[i], population.age[i]);
      ++flows->affected[static_cast<std::size_t>(
          affected_index(AffectedMeasure::started_waiting, static_cast<int>(support_reason(population, i)), cell))];
    }
  }
  candidates_.clear();
}

void ServicesStep::allocate_one(Population& population, const Candidate& c, const ServiceRates& rates, int year,
                                const ServiceFlows* flows) {
  const std::size_t i = c.index;
  const auto reason = support_reason(population, i);
  const auto want = static_cast<Service>(population.wanted[i]);
  const auto before = static_cast<Service>(population.service[i]);
  if (before == want) return;
  if (before != Service::none && c.waiting) {
    // In a fallback: move only if the wanted service has room.
    const auto fallback_centre = population.centre[i];
    if (!take_place(population, i, want, rates, year)) return;
    if (before == Service::internal_day_centre && fallback_centre != kNoCentre) --centre_users_[fallback_centre];
    if (before == Service::external_day_centre) --external_users_;
    if (flows != nullptr) {
      ++flows->leavers[flat(before, reason)];
      ++flows->starters[flat(want, reason)];
    }
    return;
  }
  if (take_place(population, i, want, rates, year)) {
    if (flows != nullptr) ++flows->starters[flat(want, reason)];
    return;
  }
  if (rates.capacity_policy_in(year) == CapacityPolicy::next_best) {
    // The most preferred offered service that has room, by the same choice constants.
    const auto& constants = rates.choice_constant[static_cast<std::size_t>(reason)];
    std::array<int, kServiceCount - 1> order{};
    for (int s = 1; s < kServiceCount; ++s) order[static_cast<std::size_t>(s - 1)] = s;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return constants[static_cast<std::size_t>(a)] > constants[static_cast<std::size_t>(b)];
    });
    for (const int s : order) {
      const auto alternative = static_cast<Service>(s);
      if (alternative == want || constants[static_cast<std::size_t>(s)] == kNotOffered) continue;
      if (take_place(population, i, alternative, rates, year)) {
        if (flows != nullptr) ++flows->starters[flat(alternative, reason)];
        return;
      }
    }
  }
  // Otherwise the person waits: service none, wanted kept.
}

namespace {

// Stationary distribution of one person's service (index Service, sums to 1) under the start, continuation
// and choice process among the living, who survive the year with probability v: none -> s with v × start ×
// P(s); s stays with v × continuation(s); the dead are replaced by non-users. Weight 1 for none and
// v × start × P(s) / (1 - v × continuation(s)) for each service.
// A resident with no support reason is weighed as a starter of physical support per head.
std::array<double, kServiceCount> stationary_distribution(const Population& population, std::size_t i,
                                                          SupportReason reason, const ServiceRates& rates,
                                                          const std::array<double, kServiceCount>& p,
                                                          bool physical_support_per_head) {
  const int cell = cell_index(population.sex[i], population.age[i]);
  const double survive = rates.survival[static_cast<std::size_t>(reason)](cell);
  // The per-head rate is the probability of surviving the year and starting (YearStep draws it so).
  double start = physical_support_per_head
                     ? rates.physical_support_start[static_cast<std::size_t>(age_group(population.age[i]))] /
                           std::max(survive, 1e-12)
                     : rates.start_probability[static_cast<std::size_t>(reason)](cell);
  if (population.carer[i] == kCarerBrokeDown) start = std::min(1.0, start * rates.carer_breakdown_start_multiplier);
  std::array<double, kServiceCount> weight{};
  weight[0] = 1.0;
  bool absorbing = false;
  for (int s = 1; s < kServiceCount; ++s) {
    const double flow_in = survive * start * p[static_cast<std::size_t>(s)];
    const double stay = survive * rates.continuation[static_cast<std::size_t>(s)];
    if (flow_in > 0.0 && stay >= 1.0) absorbing = true;
    weight[static_cast<std::size_t>(s)] = flow_in > 0.0 ? (stay < 1.0 ? flow_in / (1.0 - stay) : 0.0) : 0.0;
  }
  if (absorbing) {  // a service nobody leaves ends up holding everyone who can reach it
    weight.fill(0.0);
    for (int s = 1; s < kServiceCount; ++s) {
      if (start * p[static_cast<std::size_t>(s)] > 0.0 &&
          survive * rates.continuation[static_cast<std::size_t>(s)] >= 1.0) {
        weight[static_cast<std::size_t>(s)] = p[static_cast<std::size_t>(s)];
      }
    }
  }
  double total = 0.0;
  for (const double w : weight) total += w;
  for (double& w : weight) w /= total;
  return weight;
}

}  // namespace

void ServicesStep::assign_at_start(Population& population, const ServiceRates& rates, const ServiceKey& key) {
  std::array<std::array<double, kServiceCount>, kSupportReasonCount> choice{};
  for (int r = 1; r < kSupportReasonCount; ++r)
    choice[static_cast<std::size_t>(r)] = choice_probabilities(rates, static_cast<SupportReason>(r));
  candidates_.clear();
  // With physical support per head, every adult without a support reason may be a user of it in the base year.
  const bool physical_support = rates.physical_support_per_head();
  const auto want = [&](std::size_t i, Service chosen, const RandomWords& words) {
    if (physical_support && support_reason(population, i) == SupportReason::none)
      population.conditions[i] = with_physical_disability(population.conditions[i], PhysicalDisability::serious);
    population.wanted[i] = u8(chosen);
    candidates_.push_back({(static_cast<std::uint64_t>(words[2]) << 32) | words[3], population.id[i],
                           static_cast<std::uint32_t>(i), false, false});
  };
  // Adults with a support reason, with their stationary distribution and the draws of their base year.
  struct Eligible {
    std::uint32_t index;
    int row;
    std::array<double, kServiceCount> distribution;
    RandomWords words;
  };
  std::vector<Eligible> eligible;
  // Meeting observed margins weighs every adult without a support reason when physical support is per head
  // (about 900,000 in Birmingham): one allocation, not a growing vector copied as it doubles.
  if (rates.base_year_users && physical_support) eligible.reserve(population.size());
  constexpr auto kPhysical = SupportReason::physical_disability;
  for (std::size_t i = 0; i < population.size(); ++i) {
    population.service[i] = u8(Service::none);
    population.wanted[i] = u8(Service::none);
    population.centre[i] = kNoCentre;
    const SupportReason reason = support_reason(population, i);
    if (population.age[i] < rates.adulthood_age) continue;
    const bool per_head = reason == SupportReason::none;
    if (per_head && !physical_support) continue;
    const SupportReason as = per_head ? kPhysical : reason;
    Eligible e{
        static_cast<std::uint32_t>(i), base_year_row(as, age_group(population.age[i])),
        stationary_distribution(population, i, as, rates, choice[static_cast<std::size_t>(as)], per_head),
        random_words(key.master_seed, key.replication, population.id[i], key.year, RandomEvent::service_at_start)};
    // Drawn from the stationary distribution below, most residents without a support reason draw "none": they
    // are left out now (the same draw), so the list stays the size of the users.
    if (per_head && !rates.base_year_users && uniform_01(e.words[0], e.words[1]) < e.distribution[0]) continue;
    eligible.push_back(e);
  }

  if (!rates.base_year_users) {
    // Each person's service drawn from their stationary distribution.
    for (const Eligible& e : eligible) {
      const double u = uniform_01(e.words[0], e.words[1]);
      double cumulative = 0.0;
      for (int s = 0; s < kServiceCount; ++s) {
        cumulative += e.distribution[static_cast<std::size_t>(s)];
        if (u < cumulative) {
          if (s != 0) want(e.index, static_cast<Service>(s), e.words);
          break;
        }
      }
    }
  } else {
    // Whole users per (support reason × age group, service) meeting the observed margins, from the expected
    // users of this population; then, in each row and service in turn, the people with the largest keys
    // log(u) / P(service) (weighted sampling without replacement, Efraimidis and Spirakis 2006).
    Table expected = Table::Zero(kBaseYearRowCount, kBaseYearColumnCount);
    std::vector<std::vector<const Eligible*>> by_row(kBaseYearRowCount);
    for (const Eligible& e : eligible) {
      for (int s = 1; s < kServiceCount; ++s) expected(e.row, s - 1) += e.distribution[static_cast<std::size_t>(s)];
      by_row[static_cast<std::size_t>(e.row)].push_back(&e);
    }
    IntegerTable users;
    try {
      users = base_year_user_table(expected, *rates.base_year_users);
    } catch (const std::invalid_argument& error) {
      throw std::invalid_argument(std::string("base-year users cannot meet the counts observed in ") +
                                  std::to_string(rates.base_year_users->observed_year) + ": " + error.what());
    }
    struct Keyed {
      double key;
      const Eligible* person;
    };
    std::vector<Keyed> keyed;
    for (int row = 0; row < kBaseYearRowCount; ++row) {
      auto& people = by_row[static_cast<std::size_t>(row)];
      for (int s = 1; s < kServiceCount; ++s) {
        const std::int64_t needed = users(row, s - 1);
        if (needed == 0) continue;
        keyed.clear();
        for (const Eligible* e : people) {
          const double weight = e->distribution[static_cast<std::size_t>(s)];
          if (population.wanted[e->index] != u8(Service::none) || weight <= 0.0) continue;
          keyed.push_back({std::log(uniform_01(e->words[0], e->words[1])) / weight, e});
        }
        if (static_cast<std::int64_t>(keyed.size()) < needed) {
          throw std::invalid_argument("base-year users cannot meet the counts observed in " +
                                      std::to_string(rates.base_year_users->observed_year) + ": " +
                                      std::to_string(needed) + " users of " +
                                      kServiceNames[static_cast<std::size_t>(s)] + " needed among " +
                                      std::to_string(keyed.size()) + " people who could use it");
        }
        const auto larger = [&](const Keyed& a, const Keyed& b) {
          if (a.key != b.key) return a.key > b.key;
          return population.id[a.person->index] < population.id[b.person->index];
        };
        std::partial_sort(keyed.begin(), keyed.begin() + needed, keyed.end(), larger);
        for (std::int64_t k = 0; k < needed; ++k) {
          const Eligible& e = *keyed[static_cast<std::size_t>(k)].person;
          want(e.index, static_cast<Service>(s), e.words);
        }
      }
    }
  }
  concerned_.clear();
  for (std::size_t i = 0; i < population.size(); ++i)
    if ((population.carer[i] | population.conditions[i]) != 0) concerned_.push_back(static_cast<std::uint32_t>(i));
  concerned_count_ = concerned_.size();
  count_places(population, rates, AllRecords{population.size()});
  allocate(population, rates, static_cast<int>(key.year), nullptr);
}

void ServicesStep::advance(Population& population, const ServiceRates& rates, const ServiceKey& key,
                           const ServiceFlows& flows) {
  candidates_.clear();
  list_concerned(population);
  age_carers_and_list_active(population, rates, key);
  decide_each_year(population, rates, key, flows);
  count_places(population, rates, active_);
  allocate(population, rates, static_cast<int>(key.year), &flows);
}

void ServicesStep::list_concerned(const Population& population) {
  // The people the services may concern: users, people waiting, and everyone with a condition or a carer. Most
  // residents are none of these, so this pass touches a few bytes each and draws nothing for them. Listing
  // without a branch: whether a resident has a condition is as good as random in record order.
  if (concerned_.size() < population.size()) concerned_.resize(population.size());
  std::size_t concerned_count = 0;
  for (std::size_t i = 0; i < population.size(); ++i) {
    concerned_[concerned_count] = static_cast<std::uint32_t>(i);
    concerned_count +=
        (population.carer[i] | population.conditions[i] | population.service[i] | population.wanted[i]) != 0 ? 1u : 0u;
  }
  concerned_count_ = concerned_count;
}

void ServicesStep::age_carers_and_list_active(Population& population, const ServiceRates& rates,
                                              const ServiceKey& key) {
  // Carers age (their support ends at death or at the breakdown age), and the people the services concern this
  // year are listed: users, people waiting, and adults with a support reason.
  active_.clear();
  active_ids_.clear();
  for (const std::size_t i : concerned_records()) {
    const std::uint8_t carer = population.carer[i];
    if (carer != kNoCarer && carer != kCarerBrokeDown) {
      const RandomWords carer_words =
          random_words(key.master_seed, key.replication, population.id[i], key.year, RandomEvent::carer);
      const int carer_cell = cell_index(Sex::female, std::min<int>(carer, kOpenAgeGroup));
      const bool died = uniform_01(carer_words[1]) < rates.carer_death_probability(carer_cell);
      const int older = carer + 1;
      population.carer[i] =
          (died || older >= rates.carer_breakdown_age) ? kCarerBrokeDown : static_cast<std::uint8_t>(older);
    }
    const bool eligible =
        support_reason(population, i) != SupportReason::none && population.age[i] >= rates.adulthood_age;
    if (!eligible && population.service[i] == u8(Service::none) && population.wanted[i] == u8(Service::none)) {
      continue;
    }
    active_.push_back(static_cast<std::uint32_t>(i));
    active_ids_.push_back(population.id[i]);
  }
}

void ServicesStep::decide_each_year(Population& population, const ServiceRates& rates, const ServiceKey& key,
                                    const ServiceFlows& flows) {
  // Each listed person's year (continue or leave, a closed centre, a voluntary move, waiting, or a start), with
  // the service draws made kRandomBatch people at a time. Who gets a place is decided after, by allocate.
  const int year = static_cast<int>(key.year);
  std::array<std::array<double, kServiceCount>, kSupportReasonCount> choice{};
  for (int r = 1; r < kSupportReasonCount; ++r)
    choice[static_cast<std::size_t>(r)] = choice_probabilities(rates, static_cast<SupportReason>(r));
  const ServiceLevers& levers = rates.levers;
  const double new_user_shift = levers.new_user_shift.at(year);
  const double voluntary_move = levers.voluntary_move.at(year);
  const double start_multiplier = 1.0 - levers.start_reduction.at(year);
  const std::array<double, kUptakeGroupCount> uptake = rates.uptake.in(year);
  const double continuation_multiplier = 1.0 - levers.exit_to_independence.at(year);
  const bool record_affected = !flows.affected.empty();
  // Physical support per head: the reason lasts while the person uses or waits for a service.
  const bool physical_support = rates.physical_support_per_head();
  const auto end_physical_support = [&](std::size_t i, SupportReason reason) {
    if (physical_support && reason == SupportReason::physical_disability)
      population.conditions[i] = with_physical_disability(population.conditions[i], PhysicalDisability::none);
  };
  const auto affect = [&](AffectedMeasure measure, std::size_t i, SupportReason reason) {
    if (!record_affected) return;
    const int cell = cell_index(population.sex[i], population.age[i]);
    ++flows.affected[static_cast<std::size_t>(affected_index(measure, static_cast<int>(reason), cell))];
  };
  const auto lever_words = [&](std::size_t i) {
    return random_words(key.master_seed, key.replication, population.id[i], key.year, RandomEvent::lever);
  };
  RandomWordsBatch batch;
  for (std::size_t a = 0; a < active_.size(); ++a) {
    const auto lane = static_cast<std::size_t>(a % kRandomBatch);
    if (lane == 0) {
      const int count = static_cast<int>(std::min<std::size_t>(kRandomBatch, active_.size() - a));
      random_words_batch(key.master_seed, key.replication, active_ids_.data() + a, count, key.year,
                         RandomEvent::service, batch);
    }
    const std::size_t i = active_[a];
    const SupportReason reason = support_reason(population, i);
    const auto service = static_cast<Service>(population.service[i]);
    const auto wanted = static_cast<Service>(population.wanted[i]);
    const RandomWords words = batch.words(lane);
    const std::uint64_t priority = words[3];  // word 2 is the choice draw; ties (rare) go by id
    const std::uint32_t index = static_cast<std::uint32_t>(i);

    if (service != Service::none) {
      const double keep = rates.continuation[static_cast<std::size_t>(service)] * continuation_multiplier;
      if (uniform_01(words[0]) >= keep) {
        ++flows.leavers[flat(service, reason)];
        population.service[i] = u8(Service::none);
        population.wanted[i] = u8(Service::none);
        population.centre[i] = kNoCentre;
        end_physical_support(i, reason);
        continue;
      }
      // A user of a centre that has closed loses the place: reprovision at another council centre, or an
      // alternative service, by the scenario's closure outcome.
      if (service == Service::internal_day_centre && population.centre[i] != kNoCentre &&
          !rates.internal_centres[population.centre[i]].open_in(year)) {
        ++flows.leavers[flat(service, reason)];
        affect(AffectedMeasure::lost_centre_place, i, reason);
        population.service[i] = u8(Service::none);
        population.centre[i] = kNoCentre;
        if (levers.closure_outcome == ClosureOutcome::alternative) {
          population.wanted[i] = u8(draw_service(levers.alternative_shares, uniform_01(lever_words(i)[1])));
        }
        candidates_.push_back({priority, population.id[i], index, true, false});
        continue;
      }
      // The choice safeguard: a centre user moves only by choosing to, at the voluntary move rate.
      if (voluntary_move > 0.0 && building_based(service)) {
        const RandomWords lever = lever_words(i);
        if (uniform_01(lever[2]) < voluntary_move) {
          const Service destination = draw_service(levers.alternative_shares, uniform_01(lever[1]));
          ++flows.leavers[flat(service, reason)];
          ++flows.starters[flat(destination, reason)];
          affect(AffectedMeasure::moved_by_choice, i, reason);
          population.service[i] = u8(destination);
          population.wanted[i] = u8(destination);
          population.centre[i] = kNoCentre;  // the freed place is counted free below
          continue;
        }
      }
      if (wanted != service) candidates_.push_back({priority, population.id[i], index, true, false});
      continue;
    }
    if (wanted != Service::none) {  // waiting
      candidates_.push_back({priority, population.id[i], index, true, true});
      continue;
    }
    // Not using or waiting: may start, at the transition to adulthood or at the adult rate.
    // Someone who began physical support this year (start_physical_support) has already drawn their start.
    const int cell = cell_index(population.sex[i], population.age[i]);
    const bool physical_start = physical_support && reason == SupportReason::physical_disability;
    double start = physical_start ? 1.0
                   : population.age[i] == rates.adulthood_age
                       ? rates.transition_at_adulthood[static_cast<std::size_t>(reason)]
                       : rates.start_probability[static_cast<std::size_t>(reason)](cell);
    if (population.carer[i] == kCarerBrokeDown) start = std::min(1.0, start * rates.carer_breakdown_start_multiplier);
    // The uptake trend; a physical-support start per head had it in its draw (YearStep).
    if (!physical_start) start *= uptake[static_cast<std::size_t>(uptake_group(reason, age_group(population.age[i])))];
    if (uniform_01(words[1]) >= start * start_multiplier) {
      end_physical_support(i, reason);
      continue;
    }
    Service chosen = draw_service(choice[static_cast<std::size_t>(reason)], uniform_01(words[2]));
    if (chosen == Service::none) {
      end_physical_support(i, reason);
      continue;
    }
    if (new_user_shift > 0.0 && building_based(chosen)) {
      const RandomWords lever = lever_words(i);
      if (uniform_01(lever[0]) < new_user_shift) {
        chosen = draw_service(levers.alternative_shares, uniform_01(lever[1]));
        affect(AffectedMeasure::shifted_on_joining, i, reason);
      }
    }
    population.wanted[i] = u8(chosen);
    candidates_.push_back({priority, population.id[i], index, false, false});
  }
}

}  // namespace dayopps::model
