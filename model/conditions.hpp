#pragma once
// A person's care-need conditions packed in one byte, so that the common case (none of them) is one test
// and a person's support reason is one table lookup:
//   bits 0-1 learning disability (LearningDisability), bit 2 autism, bits 3-4 physical disability
//   (PhysicalDisability), bit 5 dementia; 0 = no condition.
#include <array>
#include <cstdint>

namespace dayopps::model {

// Levels of the care-need conditions (docs/model.md). 0 always means "does not have it".
enum class LearningDisability : std::uint8_t { none = 0, mild = 1, moderate_severe = 2 };
enum class PhysicalDisability : std::uint8_t { none = 0, moderate = 1, serious = 2 };

using Conditions = std::uint8_t;
inline constexpr Conditions kNoCondition = 0;
inline constexpr int kConditionsValueCount = 64;  // every value a Conditions byte can hold

inline constexpr unsigned kLearningDisabilityMask = 0b000011;
inline constexpr unsigned kAutismBit = 0b000100;
inline constexpr int kPhysicalDisabilityShift = 3;
inline constexpr unsigned kPhysicalDisabilityMask = 0b011000;
inline constexpr unsigned kDementiaBit = 0b100000;

constexpr LearningDisability learning_disability(Conditions c) {
  return static_cast<LearningDisability>(c & kLearningDisabilityMask);
}
constexpr bool has_autism(Conditions c) { return (c & kAutismBit) != 0; }
constexpr PhysicalDisability physical_disability(Conditions c) {
  return static_cast<PhysicalDisability>((c & kPhysicalDisabilityMask) >> kPhysicalDisabilityShift);
}
constexpr bool has_dementia(Conditions c) { return (c & kDementiaBit) != 0; }

constexpr Conditions pack_conditions(LearningDisability ld, bool autism, PhysicalDisability pd, bool dementia) {
  return static_cast<Conditions>(static_cast<unsigned>(ld) | (autism ? kAutismBit : 0u) |
                                 (static_cast<unsigned>(pd) << kPhysicalDisabilityShift) |
                                 (dementia ? kDementiaBit : 0u));
}
constexpr Conditions with_learning_disability(Conditions c, LearningDisability ld) {
  return static_cast<Conditions>((c & ~kLearningDisabilityMask) | static_cast<unsigned>(ld));
}
constexpr Conditions with_autism(Conditions c, bool autism) {
  return static_cast<Conditions>((c & ~kAutismBit) | (autism ? kAutismBit : 0u));
}
constexpr Conditions with_physical_disability(Conditions c, PhysicalDisability pd) {
  return static_cast<Conditions>((c & ~kPhysicalDisabilityMask) |
                                 (static_cast<unsigned>(pd) << kPhysicalDisabilityShift));
}
constexpr Conditions with_dementia(Conditions c, bool dementia) {
  return static_cast<Conditions>((c & ~kDementiaBit) | (dementia ? kDementiaBit : 0u));
}

}  // namespace dayopps::model
