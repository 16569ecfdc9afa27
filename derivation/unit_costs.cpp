#include "derivation/unit_costs.hpp"

#include <cmath>
#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace dayopps::derivation {

namespace {

const DeflatorYear& year_of(const DeflatorSeries& deflators, const std::string& year) {
  for (const DeflatorYear& y : deflators.years) {
    if (y.financial_year == year) return y;
  }
  throw std::invalid_argument("financial year " + year + " is not in the deflator table (" +
                              deflators.years.front().financial_year + " to " + deflators.years.back().financial_year +
                              ")");
}

std::size_t position_of(const DeflatorSeries& deflators, const std::string& year) {
  for (std::size_t k = 0; k < deflators.years.size(); ++k) {
    if (deflators.years[k].financial_year == year) return k;
  }
  throw std::invalid_argument("financial year " + year + " is not in the deflator table");
}

int first_calendar_year(const std::string& financial_year) { return std::stoi(financial_year.substr(0, 4)); }

std::string money(double x) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(2) << x;
  return text.str();
}

}  // namespace

std::string financial_year_name(int first) {
  const int second = (first + 1) % 100;
  return std::to_string(first) + (second < 10 ? "-0" : "-") + std::to_string(second);
}

double to_price_base(const DeflatorSeries& deflators, const std::string& year, const std::string& price_base) {
  const DeflatorYear& from = year_of(deflators, year);
  const DeflatorYear& to = year_of(deflators, price_base);
  if (!from.index) throw std::invalid_argument("financial year " + year + " has no outturn deflator (a forecast)");
  if (!to.index) throw std::invalid_argument("price base " + price_base + " has no outturn deflator (a forecast year)");
  return *to.index / *from.index;
}

std::string latest_outturn_year(const DeflatorSeries& deflators) {
  std::string latest;
  for (const DeflatorYear& y : deflators.years) {
    if (y.index) latest = y.financial_year;
  }
  if (latest.empty()) throw std::invalid_argument("the deflator table has no outturn year");
  return latest;
}

std::vector<double> cash_index(const DeflatorSeries& deflators, const std::string& price_base,
                               const std::vector<std::string>& years, double after_forecast,
                               const std::map<std::string, double>& overrides) {
  const std::size_t base = position_of(deflators, price_base);
  if (!deflators.years[base].index) throw std::invalid_argument("price base " + price_base + " is a forecast year");
  for (const auto& [year, change] : overrides) {
    if (first_calendar_year(year) <= first_calendar_year(price_base))
      throw std::invalid_argument("an inflation override for " + year + " is not after the price base " + price_base);
  }
  std::vector<double> index;
  index.reserve(years.size());
  for (const std::string& year : years) {
    const int target = first_calendar_year(year);
    if (target < first_calendar_year(price_base))
      throw std::invalid_argument("financial year " + year + " is before the price base " + price_base);
    // Chain year by year from the price base: outturn ratio, published change, or the assumed rate.
    double level = 1.0;
    for (int y = first_calendar_year(price_base) + 1; y <= target; ++y) {
      const std::string fy = financial_year_name(y);
      double change = after_forecast;
      const auto k = static_cast<std::size_t>(y - first_calendar_year(deflators.years.front().financial_year));
      if (k < deflators.years.size()) {
        const DeflatorYear& d = deflators.years[k];
        const DeflatorYear& previous = deflators.years[k - 1];
        change = d.index && previous.index ? *d.index / *previous.index - 1.0 : d.change;
      }
      if (const auto o = overrides.find(fy); o != overrides.end()) change = o->second;
      level *= 1.0 + change;
    }
    index.push_back(level);
  }
  return index;
}

std::optional<CostSeriesKey> published_series_for(model::Service service, model::SupportReason reason, int age_group) {
  std::string what, provision, basis;
  switch (service) {
    case model::Service::internal_day_centre:
      what = "day_care", provision = "own_provision", basis = "average_clients_per_week_during_year";
      break;
    case model::Service::external_day_centre:
      what = "day_care", provision = "provision_by_others", basis = "average_clients_per_week_during_year";
      break;
    case model::Service::direct_payment:
      what = "direct_payments", provision = "all", basis = "people_receiving_at_31_march";
      break;
    default:
      return std::nullopt;
  }
  // 18-64: the client group of the reason (autism with learning disability: the returns have no autism group);
  // 65+, and dementia at any age: older people (the returns' "all client groups 65+").
  if (age_group == 1 || reason == model::SupportReason::dementia)
    return CostSeriesKey{what, "all_client_groups", "65+", provision, basis};
  if (reason == model::SupportReason::physical_disability)
    return CostSeriesKey{what, "physical_disability", "18-64", provision, basis};
  return CostSeriesKey{what, "learning_disability", "18-64", provision, basis};
}

std::string costed_as(model::SupportReason reason, int age_group) {
  if (age_group == 1 || reason == model::SupportReason::dementia) return "older people (65+)";
  if (reason == model::SupportReason::physical_disability) return "physical disability (18-64)";
  return "learning disability (18-64)";
}

UnitCostDerivation derive_unit_costs(const std::vector<PublishedUnitCost>& published,
                                     const std::vector<std::string>& years, const DeflatorSeries& deflators,
                                     const std::string& price_base,
                                     const std::map<model::Service, double>& assumed_multiple) {
  if (years.empty()) throw std::invalid_argument("no financial years of unit costs to use");
  UnitCostDerivation out;
  std::map<std::string, double> series_mean;  // by series label, so each is derived (and noted) once
  const auto mean_of = [&](const CostSeriesKey& key) {
    const std::string label = key.service + " " + key.client_group + " " + key.age_band + " " + key.provision;
    if (const auto found = series_mean.find(label); found != series_mean.end()) return found->second;
    double sum = 0.0;
    std::string values;
    for (const std::string& year : years) {
      const PublishedUnitCost* row = nullptr;
      for (const PublishedUnitCost& p : published) {
        if (p.financial_year == year && p.service == key.service && p.client_group == key.client_group &&
            p.age_band == key.age_band && p.provision == key.provision && p.basis == key.basis)
          row = &p;
      }
      if (row == nullptr)
        throw std::invalid_argument("no published unit cost for " + label + " (" + key.basis + ") in " + year);
      if (!(row->value > 0.0))
        throw std::invalid_argument("the published unit cost for " + label + " in " + year + " is " +
                                    money(row->value) + " (line " + std::to_string(row->line) +
                                    "): a series used for costs must be positive");
      const double real = row->value * to_price_base(deflators, year, price_base);
      sum += real;
      values += (values.empty() ? "" : ", ") + year + " " + money(row->value) + " (" + money(real) + ")";
    }
    const double mean = sum / static_cast<double>(years.size());
    series_mean.emplace(label, mean);
    out.notes.push_back(label + ": GBP " + values + " a client-week in cash (and " + price_base +
                        ") prices; mean GBP " + money(mean) + " at " + price_base + " prices");
    return mean;
  };
  for (int s = 1; s < model::kServiceCount; ++s) {
    const auto service = static_cast<model::Service>(s);
    for (int reason = 0; reason < model::kSupportReasonCount; ++reason) {
      for (int age_group = 0; age_group < model::kAgeGroupCount; ++age_group) {
        const auto r = static_cast<model::SupportReason>(reason);
        double cost = 0.0;
        if (const auto key = published_series_for(service, r, age_group)) {
          cost = mean_of(*key);
        } else {
          const auto multiple = assumed_multiple.find(service);
          if (multiple == assumed_multiple.end())
            throw std::invalid_argument(std::string("no assumed cost for ") +
                                        model::kServiceNames[static_cast<std::size_t>(s)]);
          cost = multiple->second * mean_of(*published_series_for(model::Service::direct_payment, r, age_group));
        }
        out.cost_per_week[static_cast<std::size_t>(s)][static_cast<std::size_t>(reason)]
                         [static_cast<std::size_t>(age_group)] = cost;
      }
    }
  }
  return out;
}

}  // namespace dayopps::derivation
