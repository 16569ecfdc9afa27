#pragma once
// From published unit costs (cash prices of their year) to the model's cost per user-week at one price base,
// by service, support reason and age group; and the price index of the cash view. Pure functions of plain
// data: the files are read and validated in inputs/, the model receives model::CostRates.
//
//   real(y -> base) = value(y) × D(base) / D(y)              D = HM Treasury GDP deflator (financial years)
//   cost(s, reason, age group) = mean over the chosen years of real(y -> base)
//       of the published series that the (service, reason, age group) maps to (docs/model.md, "Unit costs").
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/cost_rates.hpp"
#include "model/service_rates.hpp"

namespace dayopps::derivation {

// One published financial-year deflator: an outturn index, or (forecast years) only the change on the year before.
struct DeflatorYear {
  std::string financial_year;   // "2022-23"
  std::optional<double> index;  // outturn: index (any base)
  double change = 0.0;          // change on the previous year (0.0610 = +6.10%)
};

// Financial years in order, without gaps (checked by the loader and again here).
struct DeflatorSeries {
  std::vector<DeflatorYear> years;
  std::string index_base;  // e.g. "2022-23 = 100", for messages
};

// "2023-24" for the financial year that starts in April 2023.
std::string financial_year_name(int first_calendar_year);

// Factor that moves a cash amount of `year` to prices of `price_base` (both must have an outturn index).
// Throws std::invalid_argument naming the year that has none.
double to_price_base(const DeflatorSeries& deflators, const std::string& year, const std::string& price_base);

// The latest financial year with an outturn index: the default price base.
std::string latest_outturn_year(const DeflatorSeries& deflators);

// Cash index of each financial year of `years` relative to price_base (1 at the price base): outturn ratios up to
// the last outturn year, then the published forecast changes, then `after_forecast` a year. `overrides` replaces
// the change of a year (any year after the price base). Throws std::invalid_argument on a year before the base.
std::vector<double> cash_index(const DeflatorSeries& deflators, const std::string& price_base,
                               const std::vector<std::string>& years, double after_forecast,
                               const std::map<std::string, double>& overrides);

// A unit cost as published: £ per client-week, cash prices of its financial year.
struct PublishedUnitCost {
  std::string financial_year;
  std::string service;       // "day_care" or "direct_payments"
  std::string client_group;  // "learning_disability", "physical_disability", "mental_health", "all_client_groups"
  std::string age_band;      // "18-64", "65+"
  std::string provision;     // "all", "own_provision", "provision_by_others"
  std::string basis;         // "average_clients_per_week_during_year" or "people_receiving_at_31_march"
  double value = 0.0;
  long line = 0;  // in the file, for messages
};

// The published series a (service, support reason, age group) is costed from, or nullopt for the services with
// no published figure (community, supported employment), which take an assumed multiple of another service.
struct CostSeriesKey {
  std::string service, client_group, age_band, provision, basis;
};
std::optional<CostSeriesKey> published_series_for(model::Service service, model::SupportReason reason, int age_group);

// The client group each (support reason, age group) is costed as, in words (for the provenance notes).
std::string costed_as(model::SupportReason reason, int age_group);

struct UnitCostDerivation {
  // £ per user-week at the price base, [service][support reason][age group].
  model::CostPerWeek cost_per_week{};
  // One line per published series used: its values by year and the real-terms mean (for /provenance).
  std::vector<std::string> notes;
};

// `years`: the financial years to average (each must be published for every series used); `assumed_multiple`:
// for community and supported_employment, a multiple of the direct-payment cost of the same client group.
// Throws std::invalid_argument naming the missing series and year.
UnitCostDerivation derive_unit_costs(const std::vector<PublishedUnitCost>& published,
                                     const std::vector<std::string>& years, const DeflatorSeries& deflators,
                                     const std::string& price_base,
                                     const std::map<model::Service, double>& assumed_multiple);

}  // namespace dayopps::derivation
