#pragma once
// One record per resident, stored as a structure of arrays: 6 bytes a person for the demographic core.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace dayopps::model {

using PersonId = std::uint32_t;

struct Population {
  std::vector<PersonId> id;       // stable across years; never reused within a replication
  std::vector<std::uint8_t> age;  // completed years, kOpenAgeGroup = "and over"
  std::vector<std::uint8_t> sex;  // 0 female, 1 male (see Sex)
  PersonId next_id = 0;           // the id the next added person receives

  std::size_t size() const { return id.size(); }

  void reserve(std::size_t n) {
    id.reserve(n);
    age.reserve(n);
    sex.reserve(n);
  }

  void add_person(std::uint8_t person_age, std::uint8_t person_sex) {
    id.push_back(next_id++);
    age.push_back(person_age);
    sex.push_back(person_sex);
  }
};

}  // namespace dayopps::model
