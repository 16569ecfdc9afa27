#pragma once
// The [levers] and [finance] tables of a scenario file, as read (schema: inputs/scenarios/README.md).
// Names of centres and services are checked against the day-services parameters in run_inputs, which
// knows them; everything else is checked here.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "inputs/loaders/input_error.hpp"
#include "model/phased_rate.hpp"

namespace dayopps::inputs {

class TomlFields;

struct ConsolidationLever {
  int year = 0;                                         // first mid-year the named centres are closed
  std::vector<std::string> close;                       // internal centres that close
  std::string users = "reprovision";                    // "reprovision" or "alternative"
  std::optional<std::string> capacity_policy;           // overrides day_services capacity.policy when given
  std::vector<std::pair<std::string, int>> add_places;  // places moved to remaining centres from `year`
  InputLocation close_at;                               // where `close` was written (for errors about centre names)
  InputLocation add_places_at;
};

struct CostLevers {
  std::map<std::string, double> cost_per_week;      // £ per user-week by service, at the price base (every reason)
  std::map<std::string, double> transport_per_day;  // £ per day attended by service
  InputLocation cost_per_week_at, transport_per_day_at;
};

struct ScenarioLevers {
  model::PhasedRate new_user_shift;
  model::PhasedRate voluntary_move;
  model::PhasedRate onset_reduction;
  model::PhasedRate learning_disability_survival;
  model::PhasedRate start_reduction;
  model::PhasedRate exit_to_independence;
  std::map<std::string, double> alternative_shares;  // by service name; empty = not given
  InputLocation alternative_shares_at;
  std::optional<ConsolidationLever> consolidation;
  CostLevers costs;
  // Replaces care_need.toml's cohort trend of moderate-severe learning disability (relative change a year).
  std::optional<double> learning_disability_cohort_trend;
  InputLocation learning_disability_cohort_trend_at;

  bool any() const {
    return new_user_shift.active() || voluntary_move.active() || onset_reduction.active() || start_reduction.active() ||
           learning_disability_survival.active() || exit_to_independence.active() || consolidation.has_value() ||
           !costs.cost_per_week.empty() || !costs.transport_per_day.empty() ||
           learning_disability_cohort_trend.has_value();
  }
};

struct FinanceSettings {
  double discount_rate = 0.035;   // a year; HM Treasury Green Book social time preference rate
  int cumulative_to_year = 2030;  // savings summed over financial years ending by 31 March of this year
  // Real terms are at the prices of this financial year; empty = the deflator table's latest outturn year.
  std::string price_base;
  InputLocation price_base_at;
  // The cash view's inflation: the deflator's outturn and forecast years, then inflation_after_forecast a year
  // (empty = the last forecast year's change continues); `inflation` replaces single years.
  std::optional<double> inflation_after_forecast;
  std::map<std::string, double> inflation;  // by financial year ("2030-31" = 0.02)
  InputLocation inflation_at;
  // Running cost of a council centre, £ a year at the price base, released when it closes (part of the centres'
  // unit cost, not added to it); by_centre replaces it for named centres.
  double centre_running_cost = 0.0;
  InputLocation centre_running_cost_at;
  std::map<std::string, double> centre_running_cost_by_centre;
  InputLocation centre_running_cost_by_centre_at;
};

// Reads [levers] (absent: all off). base_year and horizon bound the years.
ScenarioLevers read_levers(const TomlFields& levers, int base_year, int horizon);
FinanceSettings read_finance(const TomlFields& finance, int base_year, int horizon);

}  // namespace dayopps::inputs
