#pragma once
// Step 2 of the assembly (assembly/run_inputs.cpp): the published figures turned into the model's rates, once:
// the integerised population, death probabilities, care-need rates, service rates, the base year's observed
// users, costs by financial year, and the calibrated parameters (checked against the inputs they were fitted on).
#include <string>
#include <vector>

#include "assembly/published_inputs.hpp"

namespace dayopps::assembly {

void derive_model_rates(const Scenario& scenario, const PublishedInputs& published, RunInputs& run);

// The derivations' facts the assumptions state (assembly/assumptions.cpp), computed by the same functions.

// The users the start rates are derived from when the anchor is another council's: the area's own latest users.
struct UsersAnchor {
  double users = 0.0;
  std::string statement;
};
UsersAnchor anchor_from_usage(const Scenario& scenario, const std::vector<inputs::UsageObservation>& usage,
                              const inputs::ValueGroup& anchor);
// Whether the day-services anchor is the scenario's own council's count.
bool own_anchor(const Scenario& scenario, const ServiceParameters& parameters);

// [run] base_year_users = "observed": the margins the base population meets, and the sentence that says so.
struct BaseYearUsers {
  model::BaseYearUserMargins margins;
  std::string statement;
};
BaseYearUsers base_year_users(const Scenario& scenario, const std::vector<inputs::UsageObservation>& usage);

// The cash view after the deflator's last year: the rate and where it comes from.
struct CashViewRule {
  double rate_after_forecast = 0.0;
  std::string from;
};
CashViewRule cash_view_rule(const inputs::FinanceSettings& finance, const derivation::DeflatorSeries& deflators);

}  // namespace dayopps::assembly
