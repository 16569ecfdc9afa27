#pragma once
// The age × sex grid every demographic table in dayopps is indexed by.
// Ages are completed years 0..89 plus an open group "90 and over" stored as 90: this is the grid of the
// ONS subnational projections and mid-year estimates, so the loaders reject any other shape.
#include <cstdint>
#include <string_view>

namespace dayopps::model {

enum class Sex : std::uint8_t { female = 0, male = 1 };

inline constexpr int kSexCount = 2;
inline constexpr int kOpenAgeGroup = 90;  // "90 and over"
inline constexpr int kAgeCount = kOpenAgeGroup + 1;
inline constexpr int kCellCount = kSexCount * kAgeCount;

// Cells are ordered sex-major (all female ages, then all male ages) so a cell index is a plain offset.
constexpr int cell_index(int sex, int age) { return sex * kAgeCount + age; }
constexpr int cell_index(Sex sex, int age) { return cell_index(static_cast<int>(sex), age); }
constexpr int sex_of_cell(int cell) { return cell / kAgeCount; }
constexpr int age_of_cell(int cell) { return cell % kAgeCount; }

constexpr std::string_view sex_name(int sex) { return sex == 0 ? "female" : "male"; }

}  // namespace dayopps::model
