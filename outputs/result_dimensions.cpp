#include "outputs/result_dimensions.hpp"

#include <algorithm>
#include <numeric>

#include "model/services_step.hpp"
#include "outputs/replication_summary.hpp"

namespace dayopps::outputs {

namespace {

constexpr int kBandCount = static_cast<int>(std::size(kAgeBands));

template <std::size_t N>
std::vector<std::string> without_none(const std::array<const char*, N>& names) {
  return std::vector<std::string>(names.begin() + 1, names.end());
}

}  // namespace

std::vector<std::int32_t> range(int first, int last) {
  std::vector<std::int32_t> values(static_cast<std::size_t>(std::max(0, last - first + 1)));
  std::iota(values.begin(), values.end(), first);
  return values;
}

Attributes described(const std::string& long_name, const std::string& units) {
  return {{"long_name", long_name}, {"units", units}};
}

Dimension replication_dimension(std::size_t replications) {
  return {"replication", range(0, static_cast<int>(replications) - 1), described("Monte Carlo replication", "1")};
}

Dimension year_dimension(int first_year, int last_year) {
  return {"year", range(first_year, last_year), described("mid-year (30 June)", "year")};
}

Dimension sex_dimension() { return {"sex", std::vector<std::string>{"female", "male"}, described("sex", "1")}; }

Dimension age_band_dimension() {
  std::vector<std::string> labels;
  for (const AgeBand& band : kAgeBands) labels.emplace_back(band.label);
  return {"age_band", labels, described("age band (85+ includes 90 and over)", "years")};
}

Dimension statistic_dimension() {
  return {"statistic", std::vector<std::string>(kStatisticNames.begin(), kStatisticNames.end()),
          described("summary across replications (percentiles interpolate linearly, as numpy's default)", "1")};
}

Dimension service_dimension() {
  return {"service", without_none(model::kServiceNames), described("day-opportunity service", "1")};
}

Dimension support_reason_dimension() {
  return {"support_reason", without_none(model::kSupportReasonNames),
          described("primary support reason (precedence: learning disability, autism, physical disability, dementia)",
                    "1")};
}

Dimension measure_dimension() {
  return {"measure", std::vector<std::string>(model::kAffectedMeasureNames.begin(), model::kAffectedMeasureNames.end()),
          described("how a person was affected: moved_by_choice = a centre user who chose to move to an alternative; "
                    "shifted_on_joining = a new user who chose a centre but took an alternative; lost_centre_place = "
                    "a user whose council centre closed; started_waiting = began waiting with no service meanwhile",
                    "1")};
}

std::vector<std::int32_t> by_age_band(const std::vector<std::int32_t>& by_age) {
  const std::size_t slices = by_age.size() / model::kAgeCount;  // every leading index × sex
  std::vector<std::int32_t> banded(slices * kBandCount, 0);
  for (std::size_t s = 0; s < slices; ++s) {
    for (int b = 0; b < kBandCount; ++b) {
      std::int32_t sum = 0;
      for (int age = kAgeBands[b].first_age; age <= kAgeBands[b].last_age; ++age) {
        sum += by_age[s * model::kAgeCount + static_cast<std::size_t>(age)];
      }
      banded[s * kBandCount + static_cast<std::size_t>(b)] = sum;
    }
  }
  return banded;
}

std::vector<std::int32_t> affected_by_band(const std::vector<const std::int32_t*>& rows) {
  std::vector<std::int32_t> by_age;
  for (const std::int32_t* row : rows) {
    for (int m = 0; m < model::kAffectedMeasureCount; ++m) {
      for (int reason = 1; reason < model::kSupportReasonCount; ++reason) {
        const auto first =
            static_cast<std::size_t>(model::affected_index(static_cast<model::AffectedMeasure>(m), reason, 0));
        by_age.insert(by_age.end(), row + first, row + first + model::kCellCount);
      }
    }
  }
  return by_age_band(by_age);
}

}  // namespace dayopps::outputs
