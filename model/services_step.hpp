#pragma once
// The day-opportunity services of every adult with a support reason, year by year: carers age and may stop
// caring, users keep their service or leave, places freed go first to people waiting, then to new users,
// who choose by a multinomial logit and take a place if there is one (docs/model.md).
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "model/population.hpp"
#include "model/random_draws.hpp"
#include "model/service_rates.hpp"

namespace dayopps::model {

inline constexpr int kServiceReasonCount = kServiceCount * kSupportReasonCount;  // index: service * reasons + reason
using ServiceReasonCounts = std::span<std::int32_t, kServiceReasonCount>;

// People affected by the year's events, for the equality view of a scenario (by support reason and cell).
enum class AffectedMeasure : std::uint8_t {
  moved_by_choice = 0,     // a centre user who chose to move to an alternative (voluntary_move lever)
  shifted_on_joining = 1,  // a new user who chose a centre but took an alternative (new_user_shift lever)
  lost_centre_place = 2,   // a user whose council centre closed
  started_waiting = 3,     // began waiting for a place with no service meanwhile
};
inline constexpr int kAffectedMeasureCount = 4;
inline constexpr std::array<const char*, kAffectedMeasureCount> kAffectedMeasureNames = {
    "moved_by_choice", "shifted_on_joining", "lost_centre_place", "started_waiting"};
constexpr int affected_index(AffectedMeasure measure, int reason, int cell) {
  return (static_cast<int>(measure) * kSupportReasonCount + reason) * kCellCount + cell;
}
inline constexpr int kAffectedCount = kAffectedMeasureCount * kSupportReasonCount * kCellCount;

struct ServiceFlows {
  ServiceReasonCounts starters;           // took up a service (new users, people waiting who got a place, moves)
  ServiceReasonCounts leavers;            // stopped a service (not by death or moving away: see YearFlows)
  std::span<std::int32_t> affected = {};  // kAffectedCount counts (affected_index), or empty: not recorded
};

struct ServiceKey {
  std::uint64_t master_seed;
  std::uint32_t replication;
  std::uint32_t year;  // mid-year at which the services are decided
};

// Carer of a record joining now: a person with a moderate-severe learning disability lives with a family
// carer with probability lives_with_family_carer[cell]; the carer is carer_age_gap years older.
void assign_carer_at_entry(Population& population, std::size_t i, int cell, const ServiceRates& rates,
                           const RandomWords& words);

class ServicesStep {
 public:
  // Base year: every adult with a support reason gets a service from the stationary distribution of the
  // start/continuation/choice process (so the base year is not empty), then places are allocated as below.
  void assign_at_start(Population& population, const ServiceRates& rates, const ServiceKey& key);

  // One year, at mid-year key.year (after deaths, ageing and alignment of the year).
  void advance(Population& population, const ServiceRates& rates, const ServiceKey& key, const ServiceFlows& flows);

  // People at each internal centre after the last call (index = centre).
  const std::vector<std::int32_t>& centre_occupancy() const { return centre_users_; }

  // After the last call, in record order: every record with a condition, a family carer, a service or a
  // chosen service (everyone else is none of these). Valid until the population changes.
  std::span<const std::uint32_t> concerned_records() const { return {concerned_.data(), concerned_count_}; }

 private:
  struct Candidate {
    std::uint64_t priority;
    PersonId id;
    std::uint32_t index;
    bool waiting;          // goes first: already chose and is waiting, in a fallback, or lost a place
    bool already_waiting;  // was waiting with no service before this year (for started_waiting)
  };
  // The phases of advance, in order: list the people the services may concern, age their carers and keep
  // those the services concern this year (active_), decide each one's year, then count places and allocate.
  void list_concerned(const Population& population);
  void age_carers_and_list_active(Population& population, const ServiceRates& rates, const ServiceKey& key);
  void decide_each_year(Population& population, const ServiceRates& rates, const ServiceKey& key,
                        const ServiceFlows& flows);
  // Users of each internal centre and of external centres among `records` (indices of the population).
  template <typename Records>
  void count_places(const Population& population, const ServiceRates& rates, const Records& records);
  void allocate(Population& population, const ServiceRates& rates, int year, const ServiceFlows* flows);
  void allocate_one(Population& population, const Candidate& c, const ServiceRates& rates, int year,
                    const ServiceFlows* flows);
  bool take_place(Population& population, std::size_t i, Service service, const ServiceRates& rates, int year);

  std::vector<Candidate> candidates_;
  std::vector<std::uint32_t> concerned_;  // see concerned_records(): its first concerned_count_ values
  std::size_t concerned_count_ = 0;
  std::vector<std::uint32_t> active_;  // records the services concern this year (advance)
  std::vector<PersonId> active_ids_;   // their ids, contiguous for the batched draws
  std::vector<std::int32_t> centre_users_;
  std::int32_t external_users_ = 0;
};

}  // namespace dayopps::model
