#include "inputs/loaders/usage_data.hpp"

#include <array>
#include <map>
#include <set>
#include <sstream>
#include <string_view>
#include <tuple>

#include "inputs/loaders/area_code.hpp"
#include "inputs/loaders/csv_table.hpp"
#include "model/service_rates.hpp"

namespace dayopps::inputs {

namespace {

using inputs::kAll;
using inputs::UsageMeasure;

constexpr std::array<std::string_view, 9> kUsageColumns = {
    "area_code", "year", "measure", "service", "centre", "primary_support_reason", "age_band", "count", "source"};
constexpr std::array<std::string_view, 5> kEngagementColumns = {"source", "question", "option", "group", "count"};
constexpr std::array<std::string_view, 4> kMeasures = {"users", "starters", "leavers", "centre_users"};

// Service names of the model, "all" first.
int service_index(const CsvRow& row, std::string_view column) {
  const std::string& value = row.text(column);
  if (value == "all") return kAll;
  for (int s = 1; s < model::kServiceCount; ++s)
    if (value == model::kServiceNames[static_cast<std::size_t>(s)]) return s;
  throw row.error(column,
                  "'" + value +
                      "' is not a service (all, internal_day_centre, external_day_centre, community, direct_payment, "
                      "supported_employment)");
}

// The model's names, and the primary support reasons of NHS Digital's SALT/ASC-FR tables that map to them.
int support_reason_index(const CsvRow& row) {
  const std::string& value = row.text("primary_support_reason");
  static const std::map<std::string, int, std::less<>> kNames = {
      {"all", kAll},           {"learning_disability", 1},
      {"autism", 2},           {"physical_disability", 3},
      {"dementia", 4},         {"Learning Disability Support", 1},
      {"Physical Support", 3}, {"Support with Memory and Cognition", 4},
  };
  const auto found = kNames.find(value);
  if (found == kNames.end()) {
    throw row.error(
        "primary_support_reason",
        "'" + value +
            "' is not a support reason the model has (all, learning_disability, autism, physical_disability, "
            "dementia, or the SALT names Learning Disability Support, Physical Support, Support with Memory "
            "and Cognition)");
  }
  return found->second;
}

int age_group_index(const CsvRow& row) {
  const std::string& value = row.text("age_band");
  if (value == "all") return kAll;
  if (value == "18-64" || value == "18 to 64") return 0;
  if (value == "65+" || value == "65 and over") return 1;
  throw row.error("age_band", "'" + value +
                                  "' is not an age band (all, 18-64, 65+, or the SALT names 18 to 64, "
                                  "65 and over)");
}

std::string label_of(const inputs::UsageObservation& o, const std::string& centre) {
  std::ostringstream label;
  label << inputs::kUsageMeasureNames[static_cast<std::size_t>(o.measure)] << ", ";
  if (o.measure == UsageMeasure::centre_users) {
    label << centre;
  } else {
    label << (o.service == kAll ? "all services" : model::kServiceNames[static_cast<std::size_t>(o.service)]) << ", "
          << (o.support_reason == kAll ? "all reasons"
                                       : model::kSupportReasonNames[static_cast<std::size_t>(o.support_reason)])
          << ", "
          << (o.age_group == kAll ? "all ages"
              : o.age_group == 0  ? "18-64"
                                  : "65+");
  }
  return label.str();
}

}  // namespace

std::vector<inputs::UsageObservation> load_usage_observations(const std::filesystem::path& file,
                                                              const std::string& area_code,
                                                              const std::vector<std::string>& centre_names,
                                                              SimulatedYears simulated, bool other_areas_only) {
  const CsvTable csv(file, kUsageColumns);
  std::vector<inputs::UsageObservation> out;
  std::map<std::tuple<int, int, int, int, int, int>, long> seen;
  std::map<long, InputLocation> year_at;  // by line
  for (const CsvRow& row : csv.rows()) {
    // Rows of other areas may share the file; a malformed code would silently drop its row, so it is refused.
    if (!is_ons_area_code(row.text("area_code")))
      throw row.error("area_code", "'" + row.text("area_code") + "' is not an ONS area code (e.g. E08000025)");
    if (row.text("area_code") != area_code) continue;
    inputs::UsageObservation o;
    o.year = static_cast<int>(row.integer("year", 1990, 2100));
    o.measure = static_cast<UsageMeasure>(row.choice("measure", kMeasures));
    o.service = service_index(row, "service");
    o.support_reason = support_reason_index(row);
    o.age_group = age_group_index(row);
    const std::string& centre = row.raw("centre");
    if (o.measure == UsageMeasure::centre_users) {
      if (o.service != static_cast<int>(model::Service::internal_day_centre))
        throw row.error("service", "centre_users rows are about council centres: service must be internal_day_centre");
      if (o.support_reason != kAll || o.age_group != kAll)
        throw row.error("primary_support_reason", "centre_users rows are totals: support reason and age band 'all'");
      bool known = false;
      for (std::size_t c = 0; c < centre_names.size(); ++c) {
        if (centre_names[c] == centre) {
          o.centre = static_cast<int>(c);
          known = true;
        }
      }
      if (centre.empty()) throw row.error("centre", "missing value (a centre_users row names its centre)");
      if (!known) throw row.error("centre", "'" + centre + "' is not a council centre of the day-services parameters");
    } else if (!centre.empty()) {
      throw row.error("centre", "only centre_users rows name a centre; leave it empty");
    }
    if ((o.measure == UsageMeasure::starters || o.measure == UsageMeasure::leavers) && o.age_group != kAll) {
      throw row.error("age_band",
                      "flows (starters, leavers) are compared by service and support reason only: use 'all'");
    }
    const bool flow = o.measure == UsageMeasure::starters || o.measure == UsageMeasure::leavers;
    if (flow && (o.year <= simulated.base_year || o.year > simulated.horizon))
      throw row.error("year", "flows in " + std::to_string(o.year) + " are not simulated: flows run from " +
                                  std::to_string(simulated.base_year + 1) + " (the year after the base year) to " +
                                  std::to_string(simulated.horizon));
    if (!flow && o.year > simulated.horizon)
      throw row.error("year", std::to_string(o.year) + " is after the horizon " + std::to_string(simulated.horizon));
    o.count = static_cast<double>(row.integer("count", 0, 100'000'000));
    o.source = row.text("source");
    o.label = label_of(o, centre);
    o.where = file.string() + ":" + std::to_string(row.line());
    o.count_at = row.error("count", {}).where();
    year_at.emplace(std::make_pair(row.line(), row.error("year", {}).where()));
    const auto key = usage_key(o);
    const auto [it, inserted] = seen.emplace(key, row.line());
    if (!inserted)
      throw row.error("count", "the same count is given again (first on line " + std::to_string(it->second) + ")");
    out.push_back(std::move(o));
  }
  if (out.empty() && !other_areas_only && csv.rows().empty())
    throw InputError({file, csv.last_line(), 0, {}}, "no data rows");
  if (out.empty() && !other_areas_only) {
    // Named at the first row's code, where the other area is written, with every area the file holds.
    std::set<std::string> held;
    for (const CsvRow& row : csv.rows()) held.insert(row.text("area_code"));
    std::string list;
    for (const std::string& code : held) list += (list.empty() ? "" : ", ") + code;
    throw csv.rows().front().error("area_code",
                                   "no rows for area " + area_code + ", the run's area (the file holds " + list + ")");
  }
  // A series (the same measure, service, centre, reason and age band) has a count for every year from its first
  // to its last: a missing year would be fitted as if the series were complete.
  std::map<std::tuple<int, int, int, int, int>, std::map<int, long>> series;  // key -> year -> line
  for (const auto& [key, line] : seen) {
    const auto& [year, measure, service, centre, reason, age] = key;
    series[std::make_tuple(measure, service, centre, reason, age)][year] = line;
  }
  for (const auto& [key, years] : series) {
    int previous = years.begin()->first;
    long previous_line = years.begin()->second;
    for (const auto& [year, line] : years) {
      if (year > previous + 1) {
        throw InputError(year_at.at(line), "the series has no count for " + std::to_string(previous + 1) +
                                               (year > previous + 2 ? "-" + std::to_string(year - 1) : std::string()) +
                                               " (between " + std::to_string(previous) + " on line " +
                                               std::to_string(previous_line) + " and " + std::to_string(year) +
                                               "): give every year of a series");
      }
      previous = year;
      previous_line = line;
    }
  }
  return out;
}

void load_engagement_tallies(const std::filesystem::path& file, inputs::EngagementPrior& prior) {
  const CsvTable csv(file, kEngagementColumns);
  if (csv.rows().empty()) throw InputError({file, csv.last_line(), 0, {}}, "no data rows");
  std::map<std::tuple<std::string, std::string, std::string, std::string>, long> seen;
  for (const CsvRow& row : csv.rows()) {
    const double count = static_cast<double>(row.integer("count", 0, 10'000'000));
    // A tally pasted twice would count its respondents twice and strengthen the prior.
    const auto key = std::make_tuple(row.text("source"), row.text("question"), row.text("option"), row.text("group"));
    const auto [it, inserted] = seen.emplace(key, row.line());
    if (!inserted)
      throw row.error("count", "the same count is given again (first on line " + std::to_string(it->second) + ")");
    const std::string& option = row.text("option");
    int service = kAll;
    for (int s = 1; s < model::kServiceCount; ++s)
      if (option == model::kServiceNames[static_cast<std::size_t>(s)]) service = s;
    if (service == kAll) {
      prior.respondents_other += count;
    } else {
      prior.respondents[static_cast<std::size_t>(service)] += count;
    }
    prior.sources.push_back(row.text("source"));
  }
}

}  // namespace dayopps::inputs
