#pragma once
// One record per resident, stored as a structure of arrays: 11 bytes a person.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/conditions.hpp"

namespace dayopps::model {

using PersonId = std::uint32_t;

// Day-opportunity services (index of the `service` dimension in the results).
enum class Service : std::uint8_t {
  none = 0,
  internal_day_centre = 1,  // council-run
  external_day_centre = 2,  // commissioned
  community = 3,            // community day opportunity
  direct_payment = 4,       // direct payment / personal assistant
  supported_employment = 5,
};
inline constexpr int kServiceCount = 6;  // including none
// Names of the services (index = Service), as in the parameter files and the results.
inline constexpr std::array<const char*, kServiceCount> kServiceNames = {
    "none", "internal_day_centre", "external_day_centre", "community", "direct_payment", "supported_employment"};

// Family carer of a person: 0 none, 1..kCarerBrokeDown-1 the carer's age, kCarerBrokeDown after the carer
// died or reached the breakdown age (the person no longer has that support).
inline constexpr std::uint8_t kNoCarer = 0;
inline constexpr std::uint8_t kCarerBrokeDown = 255;
inline constexpr std::uint8_t kNoCentre = 255;

// The record indices 0..size-1 as a range, for code that runs over all records or over a list of them.
// (std::views::iota would do, but clang 14 with libstdc++ 12, the fuzzing build, cannot compile it.)
struct AllRecords {
  struct Iterator {
    std::size_t index;
    std::size_t operator*() const { return index; }
    Iterator& operator++() {
      ++index;
      return *this;
    }
    bool operator!=(const Iterator& other) const { return index != other.index; }
  };
  std::size_t size;
  Iterator begin() const { return {0}; }
  Iterator end() const { return {size}; }
};

struct Population {
  std::vector<PersonId> id;            // stable across years; never reused within a replication
  std::vector<std::uint8_t> age;       // completed years, kOpenAgeGroup = "and over"
  std::vector<std::uint8_t> sex;       // 0 female, 1 male (see Sex)
  std::vector<Conditions> conditions;  // care-need conditions (model/conditions.hpp)
  std::vector<std::uint8_t> service;   // Service used now
  std::vector<std::uint8_t> wanted;    // Service chosen; differs from `service` while waiting or in a fallback
  std::vector<std::uint8_t> centre;    // internal centre index, kNoCentre if none
  std::vector<std::uint8_t> carer;     // kNoCarer, the family carer's age, or kCarerBrokeDown
  PersonId next_id = 0;                // the id the next added person receives

  std::size_t size() const { return id.size(); }

  // Applies `f` to every per-person column, so operations on whole records cannot forget one.
  template <typename F>
  void for_each_column(F&& f) {
    f(id);
    f(age);
    f(sex);
    f(conditions);
    f(service);
    f(wanted);
    f(centre);
    f(carer);
  }

  void reserve(std::size_t n) {
    for_each_column([n](auto& column) { column.reserve(n); });
  }
  void resize(std::size_t n) {
    for_each_column([n](auto& column) { column.resize(n); });
  }
  // Copies record `from` over record `to` (to <= from), as used when compacting in place.
  void move_record(std::size_t from, std::size_t to) {
    for_each_column([from, to](auto& column) { column[to] = column[from]; });
  }

  // Appends a person with a fresh id, no condition, no service and no carer; returns the record's index.
  std::size_t add_person(std::uint8_t person_age, std::uint8_t person_sex) {
    id.push_back(next_id++);
    age.push_back(person_age);
    sex.push_back(person_sex);
    conditions.push_back(kNoCondition);
    service.push_back(0);
    wanted.push_back(0);
    centre.push_back(kNoCentre);
    carer.push_back(kNoCarer);
    return id.size() - 1;
  }
};

}  // namespace dayopps::model
