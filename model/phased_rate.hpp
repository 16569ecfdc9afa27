#pragma once
// A scenario lever that is phased in over years: 0 before start_year, then rising in equal steps to
// full_value, reached in full_year and held after it. Phasing in over n = full_year - start_year + 1 years,
// year t (start_year <= t <= full_year) gets full_value × (t - start_year + 1) / n.
namespace dayopps::model {

struct PhasedRate {
  int start_year = 9999;  // first mid-year the lever acts
  int full_year = 9999;   // first mid-year it acts in full
  double full_value = 0.0;

  double at(int year) const {
    if (year < start_year || full_value == 0.0) return 0.0;
    if (year >= full_year) return full_value;
    return full_value * static_cast<double>(year - start_year + 1) / static_cast<double>(full_year - start_year + 1);
  }
  bool active() const { return full_value != 0.0; }
};

// Throws std::invalid_argument (naming `name`) unless 0 <= full_value <= 1 and start_year <= full_year.
void validate(const PhasedRate& rate, const char* name);

}  // namespace dayopps::model
