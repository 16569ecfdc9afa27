#include "assembly/published_figures.hpp"

#include <algorithm>

namespace dayopps::assembly {

using namespace dayopps::inputs;

namespace {

derivation::BandsBySex bands_by_sex(const Parameter& parameter) {
  derivation::BandsBySex bands;
  for (int sex = 0; sex < model::kSexCount; ++sex) {
    auto& list = bands[static_cast<std::size_t>(sex)];
    for (const ParameterBand& b : parameter.bands) {
      if (b.sex == -1 || b.sex == sex) list.push_back({b.first_age, b.last_age, b.value});
    }
    std::sort(list.begin(), list.end(), [](const auto& x, const auto& y) { return x.first_age < y.first_age; });
  }
  return bands;
}

double all_age_value(const CareNeedParameters& parameters, const std::string& name) {
  const Parameter& p = parameters.get(name);
  if (p.bands.size() != 1 || p.bands[0].sex != -1) {
    throw InputError({parameters.file, p.bands.empty() ? 0 : p.bands[0].line, 0, "parameter." + name},
                     "an all-age share takes one band, ages = [0, 90], for both sexes");
  }
  return p.bands[0].value;
}

}  // namespace

InputLocation where_written(const CareNeedParameters& p, const derivation::ParameterError& e,
                            const std::filesystem::path& file) {
  const auto found = p.parameters.find(e.parameter);
  if (found != p.parameters.end() && !found->second.bands.empty() && !found->second.bands.front().value_at.file.empty())
    return found->second.bands.front().value_at;
  return {file, 0, 0, "parameter." + e.parameter};
}

InputLocation where_written(const ServiceParameters& p, const derivation::ParameterError& e,
                            const std::filesystem::path& file) {
  if (const auto g = p.groups.find(e.parameter); g != p.groups.end()) {
    if (const auto v = g->second.value_at.find(e.key); v != g->second.value_at.end()) return v->second;
    if (!g->second.values_at.file.empty()) return g->second.values_at;
  }
  if (e.parameter == "centre" && !p.internal_centres.empty())
    return {file, p.internal_centres.front().line, 0, "centre"};
  return {file, 0, 0, e.parameter};
}

derivation::PublishedCareNeed published_care_need(const CareNeedParameters& p) {
  derivation::PublishedCareNeed published;
  published.learning_disability_moderate_severe_overall =
      all_age_value(p, "learning_disability_moderate_severe_prevalence");
  published.learning_disability_mild_overall = all_age_value(p, "learning_disability_mild_prevalence");
  published.learning_disability_moderate_severe_excess_mortality =
      bands_by_sex(p.get("learning_disability_moderate_severe_excess_mortality"));
  published.learning_disability_mild_excess_mortality =
      bands_by_sex(p.get("learning_disability_mild_excess_mortality"));
  published.learning_disability_moderate_severe_entry_trend =
      bands_by_sex(p.get("learning_disability_moderate_severe_entry_trend"));
  published.autism_with_learning_disability = bands_by_sex(p.get("autism_prevalence_with_learning_disability"));
  published.autism_without_learning_disability = bands_by_sex(p.get("autism_prevalence_without_learning_disability"));
  published.dementia_prevalence = bands_by_sex(p.get("dementia_prevalence"));
  published.dementia_excess_mortality = bands_by_sex(p.get("dementia_excess_mortality"));
  published.physical_disability_moderate_prevalence = bands_by_sex(p.get("physical_disability_moderate_prevalence"));
  published.physical_disability_serious_prevalence = bands_by_sex(p.get("physical_disability_serious_prevalence"));
  published.physical_disability_serious_excess_mortality =
      bands_by_sex(p.get("physical_disability_serious_excess_mortality"));
  return published;
}

std::array<double, model::kServiceCount> by_service(const ValueGroup& group) {
  std::array<double, model::kServiceCount> values{};
  for (std::size_t s = 1; s < values.size(); ++s) values[s] = group.values.at(model::kServiceNames[s]);
  return values;
}

derivation::PublishedServices published_services(const ServiceParameters& p) {
  derivation::PublishedServices out;
  const auto& anchor = p.group("anchor").values;
  out.anchor_users = anchor.at("users");
  const auto& mix = p.group("user_mix").values;
  using R = model::SupportReason;
  const auto set_mix = [&](R reason, const char* young, const char* old) {
    out.user_mix[static_cast<std::size_t>(reason)] = {mix.at(young), mix.at(old)};
  };
  set_mix(R::learning_disability, "learning_disability_18_64", "learning_disability_65_over");
  set_mix(R::autism, "autism_18_64", "autism_65_over");
  set_mix(R::physical_disability, "physical_disability_18_64", "physical_disability_65_over");
  set_mix(R::dementia, "dementia_18_64", "dementia_65_over");
  out.continuation = by_service(p.group("continuation"));
  out.choice_shares = by_service(p.group("choice_shares"));
  const auto& carers = p.group("carers").values;
  out.share_with_family_carer_children = carers.at("share_with_family_carer_0_17");
  out.share_with_family_carer_18_64 = carers.at("share_with_family_carer_18_64");
  out.share_with_family_carer_65_over = carers.at("share_with_family_carer_65_over");
  out.carer_age_gap = static_cast<int>(carers.at("carer_age_gap"));
  out.carer_breakdown_age = static_cast<int>(carers.at("carer_breakdown_age"));
  out.breakdown_start_multiplier = carers.at("breakdown_start_multiplier");
  out.capacity_policy =
      p.capacity_policy == "next_best" ? model::CapacityPolicy::next_best : model::CapacityPolicy::wait;
  for (const CentreRow& c : p.internal_centres)
    out.internal_centres.push_back({c.places, c.open_from_year, c.closed_from_year});
  out.external_places = static_cast<int>(p.centres_provenance.values.at("external_places"));
  if (const auto t = p.groups.find("transition_at_18"); t != p.groups.end()) {
    std::array<double, model::kSupportReasonCount> transition{};
    transition[static_cast<std::size_t>(R::learning_disability)] = t->second.values.at("learning_disability");
    transition[static_cast<std::size_t>(R::autism)] = t->second.values.at("autism");
    transition[static_cast<std::size_t>(R::physical_disability)] = t->second.values.at("physical_disability");
    transition[static_cast<std::size_t>(R::dementia)] = t->second.values.at("dementia");
    out.transition_at_adulthood = transition;
  }
  return out;
}

int service_index(const std::string& name) {
  for (std::size_t s = 1; s < model::kServiceNames.size(); ++s) {
    if (name == model::kServiceNames[s]) return static_cast<int>(s);
  }
  return -1;  // the loader allows only these names, so this is not reached
}

}  // namespace dayopps::assembly
