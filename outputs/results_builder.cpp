#include "outputs/results_builder.hpp"
#include "outputs/results_schema.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <stdexcept>

#include "model/age_sex.hpp"
#include "model/care_need_status.hpp"
#include "outputs/build_info.hpp"
#include "outputs/replication_summary.hpp"
#include "outputs/result_dimensions.hpp"
#include "outputs/results_format.hpp"
#include "outputs/stack_replications.hpp"
#include "outputs/summarised_variables.hpp"

namespace dayopps::outputs {

namespace {

constexpr const char* kRandomScheme =
    "Philox4x32-10 (Random123); counter = {person id, replication, year, event}, key = master_seed; "
    "uniforms from two 32-bit words with 53 bits (genrand_res53)";

Dimension age_dimension() {
  return {"age", range(0, model::kOpenAgeGroup), described("age in completed years (90 = 90 and over)", "years")};
}
Dimension flow_year_dimension(const model::ProjectionResult& p) {
  return {"flow_year", range(p.base_year + 1, p.horizon),
          described("year ending at mid-year flow_year (flows between mid-year flow_year-1 and flow_year)", "year")};
}

Group population_group(const model::ProjectionResult& projection, const RunRecord& run) {
  const std::size_t replications = projection.replications.size();
  Group group;
  group.name = "population";
  group.attributes = {{"description", std::string("Resident population by sex and single year of age, simulated one "
                                                  "person at a time and aligned each year to the ONS projection")}};

  group.dimensions = {
      replication_dimension(replications),
      year_dimension(projection.base_year, projection.horizon),
      flow_year_dimension(projection),
      sex_dimension(),
      age_dimension(),
      age_band_dimension(),
      statistic_dimension(),
  };

  std::vector<std::int32_t> population = stack_replications(
      projection, [](const auto& r) -> const auto& { return r.population.counts; });
  std::vector<std::int32_t> banded = by_age_band(population);
  add_with_summary(group, "population", {"replication", "year", "sex", "age"}, std::move(population), replications,
                   "people resident at mid-year", "persons");
  add_with_summary(group, "population_by_age_band", {"replication", "year", "sex", "age_band"}, std::move(banded),
                   replications, "people resident at mid-year", "persons");
  add_with_summary(group, "deaths", {"replication", "flow_year", "sex", "age"},
                   stack_replications(
                       projection, [](const auto& r) -> const auto& { return r.deaths.counts; }),
                   replications, "deaths in the year, by age at the start of the year (life-table probabilities)",
                   "persons");
  add_with_summary(group, "additions", {"replication", "flow_year", "sex", "age"},
                   stack_replications(
                       projection, [](const auto& r) -> const auto& { return r.additions.counts; }),
                   replications,
                   "people added to meet the projection, by age at mid-year (age 0: births; otherwise net "
                   "in-migration and the difference between life-table and projected deaths)",
                   "persons");
  add_with_summary(group, "removals", {"replication", "flow_year", "sex", "age"},
                   stack_replications(
                       projection, [](const auto& r) -> const auto& { return r.removals.counts; }),
                   replications,
                   "people removed to meet the projection, by age at mid-year (net out-migration and the "
                   "difference between life-table and projected deaths)",
                   "persons");

  const std::size_t expected =
      static_cast<std::size_t>(projection.horizon - projection.base_year + 1) * model::kCellCount;
  if (run.target_people.size() != expected) throw std::invalid_argument("target_people does not match the years run");
  Attributes target_attributes =
      described("ONS projected population the simulation is aligned to (unrounded)", "persons");
  target_attributes["projection_variant"] = run.projection_variant;
  group.variables.push_back({"target_population", {"year", "sex", "age"}, run.target_people, target_attributes});
  return group;
}

Group care_need_group(const model::ProjectionResult& projection) {
  const std::size_t replications = projection.replications.size();
  Group group;
  group.name = "care_need";
  group.attributes = {
      {"description", std::string("People with each care-need condition (a person with several is counted "
                                  "under each), simulated person by person: prevalence on joining, onset, "
                                  "and excess mortality")}};
  group.dimensions = {
      replication_dimension(replications),
      year_dimension(projection.base_year, projection.horizon),
      flow_year_dimension(projection),
      {"condition", std::vector<std::string>(model::kConditionLevelNames.begin(), model::kConditionLevelNames.end()),
       described("condition and level", "1")},
      sex_dimension(),
      age_band_dimension(),
      statistic_dimension(),
  };
  add_with_summary(group, "people", {"replication", "year", "condition", "sex", "age_band"},
                   by_age_band(stack_replications(
                       projection, [](const auto& r) -> const auto& { return r.people_with_condition; })),
                   replications, "people with the condition at mid-year", "persons");
  add_with_summary(group, "deaths", {"replication", "flow_year", "condition", "sex", "age_band"},
                   by_age_band(stack_replications(
                       projection, [](const auto& r) -> const auto& { return r.deaths_with_condition; })),
                   replications,
                   "deaths of people with the condition in the year, by age band at the start of the year", "persons");
  return group;
}

// (flow_year, service*reason) flows of every replication -> (replication, flow_year, service, reason).
std::vector<std::int32_t> service_flows(const model::ProjectionResult& projection,
                                        model::CountsTable model::ReplicationOutput::*table) {
  std::vector<std::int32_t> out;
  for (const model::ReplicationOutput& r : projection.replications) {
    const model::CountsTable& t = r.*table;
    for (Eigen::Index y = 0; y < t.rows(); ++y) {
      for (int s = 1; s < model::kServiceCount; ++s) {
        for (int reason = 1; reason < model::kSupportReasonCount; ++reason) {
          out.push_back(t(y, s * model::kSupportReasonCount + reason));
        }
      }
    }
  }
  return out;
}

Group services_group(const model::ProjectionResult& projection, const RunRecord& run) {
  const std::size_t replications = projection.replications.size();
  Group group;
  group.name = "services";
  group.attributes = {
      {"description", std::string("Day-opportunity services: who uses, wants and waits for each, flows, "
                                  "centre occupancy and cost")},
      {"price_year", run.price_year},
      {"money", "GBP in real terms at " + run.price_year +
                    " prices (HM Treasury GDP deflator); variables ending in _cash are in cash terms"}};
  group.dimensions = {
      replication_dimension(replications),
      year_dimension(projection.base_year, projection.horizon),
      flow_year_dimension(projection),
      service_dimension(),
      support_reason_dimension(),
      sex_dimension(),
      age_band_dimension(),
      {"centre", run.centre_names, described("council-run (internal) day centre", "1")},
      {"financial_year", run.financial_years, described("financial year, April to March", "1")},
      {"age_group", std::vector<std::string>{"18-64", "65+"}, described("age group of the calibration", "years")},
      measure_dimension(),
      statistic_dimension(),
  };
  const std::vector<std::string> stock = {"replication", "year", "service", "support_reason", "sex", "age_band"};
  const std::vector<std::string> flow = {"replication", "flow_year", "service", "support_reason"};
  add_with_summary(group, "users", stock, services_by_band(projection, &model::ReplicationOutput::service_users),
                   replications, "people using the service at mid-year", "persons");
  add_with_summary(group, "demand", stock, services_by_band(projection, &model::ReplicationOutput::service_demand),
                   replications, "people who chose the service (using it, waiting for it, or in another meanwhile)",
                   "persons");
  add_with_summary(group, "unmet_demand", stock, services_by_band(projection, &model::ReplicationOutput::service_unmet),
                   replications, "people who chose the service but do not have it (waiting, or in a fallback service)",
                   "persons");
  add_with_summary(group, "waiting", stock, services_by_band(projection, &model::ReplicationOutput::service_waiting),
                   replications, "people on the waiting list for the service, with no service meanwhile", "persons");
  add_with_summary(group, "starters", flow, service_flows(projection, &model::ReplicationOutput::service_starters),
                   replications, "people who took up the service in the year (new users, people waiting, moves)",
                   "persons");
  add_with_summary(group, "leavers", flow, service_flows(projection, &model::ReplicationOutput::service_leavers),
                   replications, "people who stopped the service in the year (not by death or moving away)", "persons");
  add_with_summary(group, "user_deaths", flow,
                   service_flows(projection, &model::ReplicationOutput::service_user_deaths), replications,
                   "users of the service who died in the year", "persons");
  add_with_summary(group, "user_moves", flow, service_flows(projection, &model::ReplicationOutput::service_user_moves),
                   replications, "users of the service who moved away in the year (removed by alignment)", "persons");

  std::vector<const std::int32_t*> affected_rows;
  for (const model::ReplicationOutput& r : projection.replications) {
    for (Eigen::Index y = 0; y < r.people_affected.rows(); ++y)
      affected_rows.push_back(r.people_affected.row(y).data());
  }
  add_with_summary(group, "people_affected",
                   {"replication", "flow_year", "measure", "support_reason", "sex", "age_band"},
                   affected_by_band(affected_rows), replications,
                   "people affected by the year's events (see the measure dimension), by age at mid-year", "persons");

  std::vector<std::int32_t> occupancy;
  for (const model::ReplicationOutput& r : projection.replications) {
    occupancy.insert(occupancy.end(), r.centre_users.data(), r.centre_users.data() + r.centre_users.size());
  }
  add_with_summary(group, "centre_users", {"replication", "year", "centre"}, std::move(occupancy), replications,
                   "people attending each council day centre at mid-year", "persons");
  group.variables.push_back({"centre_places",
                             {"year", "centre"},
                             run.centre_places,
                             described("places at each council day centre at mid-year (0 when closed)", "places")});

  if (!run.financial_years.empty() && projection.replications.front().service_cost.size() > 0) {
    std::vector<double> cost, total;
    for (const model::ReplicationOutput& r : projection.replications) {
      for (Eigen::Index fy = 0; fy < r.service_cost.rows(); ++fy) {
        double sum = 0.0;
        for (int s = 1; s < model::kServiceCount; ++s) {
          cost.push_back(r.service_cost(fy, s));
          sum += r.service_cost(fy, s);
        }
        total.push_back(sum);
      }
    }
    std::vector<double> cost_cash(cost.size()), total_cash(total.size());
    const std::size_t years = run.financial_years.size();
    constexpr std::size_t services = model::kServiceCount - 1;
    for (std::size_t k = 0; k < total.size(); ++k) {
      const double index = run.cash_index[k % years];
      total_cash[k] = total[k] * index;
      for (std::size_t s = 0; s < services; ++s) cost_cash[k * services + s] = cost[k * services + s] * index;
    }
    add_with_summary(group, "cost", {"replication", "financial_year", "service"}, std::move(cost), replications,
                     "cost of the service in the financial year, person-week by person-week (council centres: "
                     "with their running cost), real terms at " +
                         run.price_year + " prices",
                     "GBP");
    add_with_summary(
        group, "cost_total", {"replication", "financial_year"}, std::move(total), replications,
        "cost of all day-opportunity services in the financial year, real terms at " + run.price_year + " prices",
        "GBP");
    add_with_summary(group, "cost_cash", {"replication", "financial_year", "service"}, std::move(cost_cash),
                     replications, "cost of the service in the financial year in cash terms (cost x cash_index)",
                     "GBP");
    add_with_summary(group, "cost_total_cash", {"replication", "financial_year"}, std::move(total_cash), replications,
                     "cost of all day-opportunity services in the financial year in cash terms", "GBP");
    group.variables.push_back({"cash_index",
                               {"financial_year"},
                               run.cash_index,
                               described("prices of the financial year relative to the price base " + run.price_year +
                                             " (HM Treasury GDP deflator outturn and forecast, then the stated rate)",
                                         "1")});
    group.variables.push_back(
        {"centre_running_cost",
         {"financial_year"},
         run.centre_running_cost,
         described("running cost of the council centres open in the financial year (included in cost), real terms at " +
                       run.price_year + " prices",
                   "GBP")});
    group.variables.push_back(
        {"cost_per_user_week",
         {"service", "support_reason", "age_group"},
         run.cost_per_user_week,
         described("unit cost per user-week by service, support reason and age group (council centres: without their "
                   "running cost), real terms at " +
                       run.price_year + " prices",
                   "GBP per user-week")});
  }
  group.variables.push_back(
      {"calibration_people",
       {"support_reason", "age_group"},
       run.calibration_people,
       described("expected base-year residents with the support reason (from the prevalences)", "persons")});
  group.variables.push_back(
      {"calibration_target_users",
       {"support_reason", "age_group"},
       run.calibration_target_users,
       described("base-year users the anchor assigns to the group (anchor x user mix)", "persons")});
  group.variables.push_back({"calibration_start_probability",
                             {"support_reason", "age_group"},
                             run.calibration_start_probability,
                             described("calibrated annual probability of starting a service", "probability per year")});
  return group;
}

Group observed_group(const RunRecord& run) {
  Group group;
  group.name = "observed";
  group.attributes = {{"description", std::string("ONS mid-year population estimates (as first published, before the "
                                                  "2021 Census revisions), for comparison")}};
  std::vector<std::int32_t> years;
  std::vector<double> people;
  for (const ObservedPopulation& o : run.observed) {
    years.push_back(o.year);
    people.insert(people.end(), o.people_by_cell.begin(), o.people_by_cell.end());
  }
  group.dimensions = {
      {"year", years, described("mid-year (30 June)", "year")},
      sex_dimension(),
      age_dimension(),
  };
  group.variables.push_back(
      {"population", {"year", "sex", "age"}, people, described("ONS mid-year population estimate", "persons")});
  return group;
}

Group provenance_group(const RunRecord& run) {
  Group group;
  group.name = "provenance";
  group.attributes = {{"description", std::string("Every file the run read, with its SHA-256 and source, and the "
                                                  "assumptions the scenario states")}};
  std::vector<std::string> roles, paths, digests, publishers, tables, licences;
  for (const InputProvenance& p : run.inputs) {
    roles.push_back(p.role);
    paths.push_back(p.path);
    digests.push_back(p.sha256);
    publishers.push_back(p.publisher);
    tables.push_back(p.table);
    licences.push_back(p.licence);
  }
  std::vector<std::string> assumption_names, statements;
  for (const auto& [name, statement] : run.assumptions) {
    assumption_names.push_back(name);
    statements.push_back(statement);
  }
  group.dimensions = {{"input", roles, described("role of the input file in the run", "1")},
                      {"assumption", assumption_names,
                       described("named assumption: stated in the scenario, made by a derivation method, or a "
                                 "parameter value flagged assumption = true",
                                 "1")}};
  group.variables = {
      {"path", {"input"}, paths, described("path of the input file as read", "1")},
      {"sha256", {"input"}, digests, described("SHA-256 of the file's bytes", "1")},
      {"publisher", {"input"}, publishers, described("publisher of the data", "1")},
      {"table", {"input"}, tables, described("publisher's table or dataset", "1")},
      {"licence", {"input"}, licences, described("licence of the data", "1")},
      {"statement", {"assumption"}, statements, described("what is assumed and why", "1")},
  };
  if (!run.unit_cost_notes.empty()) {
    // The published unit cost series used: values by year in cash and at the price base, and their mean.
    std::string notes;
    for (const std::string& note : run.unit_cost_notes) notes += (notes.empty() ? "" : "\n") + note;
    group.attributes.emplace("unit_cost_series", notes);
  }
  if (!run.levers.empty()) {
    std::vector<std::string> names, descriptions;
    for (const auto& [name, description] : run.levers) {
      names.push_back(name);
      descriptions.push_back(description);
    }
    group.dimensions.push_back(
        {"lever", range(0, static_cast<int>(names.size()) - 1), described("one scenario lever in use", "1")});
    group.variables.push_back({"lever_name", {"lever"}, names, described("lever (key under [levers])", "1")});
    group.variables.push_back({"lever_description", {"lever"}, descriptions, described("the lever in words", "1")});
  }
  if (!run.parameters.empty()) {
    std::vector<std::string> names, ages, sexes, units, sources, derivations;
    std::vector<double> values;
    std::vector<std::int32_t> flags;
    for (const ParameterRecord& p : run.parameters) {
      names.push_back(p.name);
      ages.push_back(p.ages);
      sexes.push_back(p.sex);
      units.push_back(p.unit);
      sources.push_back(p.source);
      derivations.push_back(p.derivation);
      values.push_back(p.value);
      flags.push_back(p.assumption ? 1 : 0);
    }
    group.dimensions.push_back({"parameter_band", range(0, static_cast<int>(names.size()) - 1),
                                described("one band of one care-need parameter", "1")});
    group.variables.push_back({"parameter_name", {"parameter_band"}, names, described("parameter", "1")});
    group.variables.push_back(
        {"parameter_ages", {"parameter_band"}, ages, described("ages the value applies to", "years")});
    group.variables.push_back({"parameter_sex", {"parameter_band"}, sexes, described("sex the value applies to", "1")});
    group.variables.push_back(
        {"parameter_value", {"parameter_band"}, values, described("value", "see parameter_unit")});
    group.variables.push_back({"parameter_unit", {"parameter_band"}, units, described("unit of the value", "1")});
    group.variables.push_back({"parameter_assumption",
                               {"parameter_band"},
                               flags,
                               described("1 if the value is an assumption rather than a published figure", "1")});
    group.variables.push_back({"parameter_source", {"parameter_band"}, sources, described("source", "1")});
    group.variables.push_back({"parameter_derivation",
                               {"parameter_band"},
                               derivations,
                               described("how an assumed value was derived from the nearest published figure", "1")});
  }
  return group;
}

}  // namespace

std::vector<std::int32_t> services_by_band(const model::ProjectionResult& projection,
                                           model::CountsTable model::ReplicationOutput::*table) {
  std::vector<std::int32_t> by_age;
  for (const model::ReplicationOutput& r : projection.replications) {
    const model::CountsTable& t = r.*table;
    for (Eigen::Index y = 0; y < t.rows(); ++y) {
      for (int s = 1; s < model::kServiceCount; ++s) {
        for (int reason = 1; reason < model::kSupportReasonCount; ++reason) {
          const auto first = model::service_reason_cell(s, reason, 0);
          by_age.insert(by_age.end(), t.row(y).data() + first, t.row(y).data() + first + model::kCellCount);
        }
      }
    }
  }
  return by_age_band(by_age);
}

// The free parameters each replication used, so an analyst can see (and condition on) parameter draws.
Group parameters_group(const model::ProjectionResult& projection, const RunRecord& run) {
  Group g;
  g.name = "parameters";
  const int reps = static_cast<int>(projection.replications.size());
  std::vector<std::string> names;
  std::vector<std::string> units;
  for (const auto& info : model::kFreeParameters) {
    names.emplace_back(info.name);
    units.emplace_back(info.unit);
  }
  g.dimensions.push_back({"replication", range(0, reps - 1), described("replication number", "1")});
  g.dimensions.push_back({"parameter", names, described("calibrated free parameter", "1")});
  std::vector<double> values;
  for (const auto& r : projection.replications) values.insert(values.end(), r.parameters.begin(), r.parameters.end());
  Attributes attributes = described("value of each free parameter in each replication", "see parameter_units");
  g.variables.push_back({"value", {"replication", "parameter"}, values, attributes});
  g.variables.push_back({"parameter_units", {"parameter"}, units, described("unit of each parameter", "1")});
  g.attributes = {
      {"source", run.parameter_source},
      {"calibrated_parameters_file", run.calibrated_parameters_file},
      {"meaning",
       std::string("derived: the rates derived from the published figures (neutral values); calibrated: the estimates "
                   "of the calibrated-parameters file in every replication; drawn: each replication drew its values "
                   "from the calibrated distribution (intervals then carry parameter uncertainty)")},
  };
  return g;
}

// What the calibration was fitted to and how well it predicted held-back years (the report's history).
Group calibration_group(const RunRecord::CalibrationHistory& h, const RunRecord& run) {
  Group g;
  g.name = "calibration";
  const auto n = static_cast<std::int32_t>(h.series.size());
  std::vector<std::int32_t> index(static_cast<std::size_t>(n));
  for (std::int32_t i = 0; i < n; ++i) index[static_cast<std::size_t>(i)] = i;
  g.dimensions.push_back({"observation", index, described("observation the calibration compared with", "1")});
  g.variables.push_back({"series", {"observation"}, h.series, described("what was counted", "1")});
  g.variables.push_back({"year", {"observation"}, h.year, described("mid-year of the count", "year")});
  g.variables.push_back({"observed", {"observation"}, h.observed, described("observed count", "persons")});
  g.variables.push_back({"fitted",
                         {"observation"},
                         h.fitted,
                         described("simulated at the estimate (mean of the fit's replications)", "persons")});
  g.variables.push_back({"backcast",
                         {"observation"},
                         h.backcast,
                         described("simulated by the backcast fit, which saw only the years up to validate_to_year "
                                   "(NaN: no backcast check)",
                                   "persons")});
  g.variables.push_back({"backcast_predicted",
                         {"observation"},
                         h.predicted,
                         described("1 if the backcast value is a prediction (the year was held back)", "1")});
  if (!h.error_series.empty()) {
    g.dimensions.push_back({"backcast_series", h.error_series, described("series of the backcast error", "1")});
    g.variables.push_back(
        {"held_out_years", {"backcast_series"}, h.error_years, described("held-back observations in the series", "1")});
    g.variables.push_back({"mape_percent",
                           {"backcast_series"},
                           h.mape_percent,
                           described("backcast error: mean absolute percentage error of the predictions", "percent")});
  }
  g.attributes = {
      {"calibrated_parameters_file", run.calibrated_parameters_file},
      {"history_from", h.history_from},
      {"validate_to_year", h.validate_to_year},
      {"dispersion", h.dispersion},
      {"meaning", std::string("observed day-service counts against the calibrated model; history_from is the first "
                              "year the fit simulated (0: the base year), validate_to_year the last year the backcast "
                              "fit saw (0: no backcast check)")},
  };
  return g;
}

ResultsDocument build_results_document(const model::ProjectionResult& projection, const RunRecord& run) {
  ResultsDocument document;
  document.attributes = {
      {"format_version", std::string(kResultsFormatVersion)},
      {"title", "dayopps population projection: " + run.area_name + " (" + run.area_code + ")"},
      {"dayopps_version", std::string(dayopps_version())},
      {"git_commit", std::string(git_commit())},
      {"scenario_name", run.scenario_name},
      {"scenario_description", run.scenario_description},
      {"scenario_toml", run.scenario_toml},
      {"area_code", run.area_code},
      {"area_name", run.area_name},
      {"master_seed", run.master_seed},
      {"replications", static_cast<std::int64_t>(projection.replications.size())},
      {"base_year", static_cast<std::int64_t>(projection.base_year)},
      {"horizon", static_cast<std::int64_t>(projection.horizon)},
      {"threads", static_cast<std::int64_t>(run.threads)},
      {"processes", static_cast<std::int64_t>(run.processes)},
      {"random_number_scheme", std::string(kRandomScheme)},
      {"started_utc", run.started_utc},
      {"finished_utc", run.finished_utc},
  };
  document.groups.push_back(population_group(projection, run));
  if (!projection.replications.empty() && projection.replications.front().people_with_condition.rows() > 0) {
    document.groups.push_back(care_need_group(projection));
  }
  if (!projection.replications.empty() && projection.replications.front().service_users.rows() > 0) {
    document.groups.push_back(services_group(projection, run));
  }
  if (!projection.replications.empty() && projection.replications.front().service_users.rows() > 0) {
    document.groups.push_back(parameters_group(projection, run));
    if (run.calibration_history) document.groups.push_back(calibration_group(*run.calibration_history, run));
  }
  document.groups.push_back(observed_group(run));
  document.groups.push_back(provenance_group(run));
  check_declared_layout(document);  // outputs/results_schema.toml
  return document;
}

}  // namespace dayopps::outputs
