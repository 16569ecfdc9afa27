#include "outputs/xlsx_summary.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace dayopps::outputs {

namespace {

std::vector<std::string> labels(const Dimension& dimension) {
  if (const auto* text = std::get_if<std::vector<std::string>>(&dimension.values)) return *text;
  std::vector<std::string> out;
  for (const std::int32_t value : std::get<std::vector<std::int32_t>>(dimension.values))
    out.push_back(std::to_string(value));
  return out;
}

std::string text_attribute(const Attributes& attributes, const std::string& name) {
  const auto found = attributes.find(name);
  if (found == attributes.end()) return {};
  if (const auto* text = std::get_if<std::string>(&found->second)) return *text;
  if (const auto* value = std::get_if<std::int64_t>(&found->second)) return std::to_string(*value);
  return std::to_string(std::get<std::uint64_t>(found->second));
}

double whole_pounds(double value) {
  const double rounded = std::round(value);
  return rounded == 0.0 ? 0.0 : rounded;
}

class Sheet {
 public:
  Sheet(lxw_workbook* book, const char* name, lxw_format* header) : sheet_(workbook_add_worksheet(book, name)) {
    if (sheet_ == nullptr) throw std::runtime_error(std::string("summary.xlsx: cannot add sheet ") + name);
    header_ = header;
  }
  void header(const std::vector<std::string>& names, const std::vector<double>& widths) {
    for (std::size_t c = 0; c < names.size(); ++c) {
      worksheet_write_string(sheet_, 0, static_cast<lxw_col_t>(c), names[c].c_str(), header_);
      worksheet_set_column(sheet_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                           c < widths.size() ? widths[c] : 12.0, nullptr);
    }
    worksheet_freeze_panes(sheet_, 1, 0);
    row_ = 1;
  }
  Sheet& text(const std::string& value) {
    worksheet_write_string(sheet_, row_, column_++, value.c_str(), nullptr);
    return *this;
  }
  Sheet& number(double value, lxw_format* format) {
    worksheet_write_number(sheet_, row_, column_++, value, format);
    return *this;
  }
  // Money in whole pounds: no floating-point noise, and an exact 0 (never -0) where a difference rounds to none.
  Sheet& pounds(double value, lxw_format* format) { return number(whole_pounds(value), format); }
  Sheet& blank() {
    ++column_;
    return *this;
  }
  void end_row() {
    ++row_;
    column_ = 0;
  }

 private:
  lxw_worksheet* sheet_;
  lxw_format* header_ = nullptr;
  lxw_row_t row_ = 0;
  lxw_col_t column_ = 0;
};

// A workbook and the number formats every sheet uses: whole people, whole pounds (negatives in red), a
// percentage, a rate to one decimal. close() writes it, or throws naming the file.
struct Workbook {
  explicit Workbook(const std::filesystem::path& path) : file(path) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.tmpdir = nullptr;
    book = workbook_new_opt(file.c_str(), &options);
    if (book == nullptr) throw std::runtime_error("summary.xlsx: cannot create " + file.string());
    header = format(nullptr);
    format_set_bold(header);
    format_set_text_wrap(header);
    people = format("#,##0");
    money = format("#,##0;[Red]-#,##0");
    percent = format("0.0%");
    rate = format("0.0");
  }
  lxw_format* format(const char* number_format) {
    lxw_format* f = workbook_add_format(book);
    if (number_format != nullptr) format_set_num_format(f, number_format);
    return f;
  }
  void close() {
    const lxw_error status = workbook_close(book);
    if (status != LXW_NO_ERROR)
      throw std::runtime_error("summary.xlsx: " + std::string(lxw_strerror(status)) + " (" + file.string() + ")");
  }
  std::filesystem::path file;
  lxw_workbook* book = nullptr;
  lxw_format *header = nullptr, *people = nullptr, *money = nullptr, *percent = nullptr, *rate = nullptr;
};

}  // namespace

void write_summary_xlsx(const ResultsDocument& batch, const std::filesystem::path& file) {
  const Group& comparison = batch.group("comparison");
  const std::vector<std::string> scenarios = labels(comparison.dimension("scenario"));
  const std::vector<std::string> years = labels(comparison.dimension("year"));
  const std::vector<std::string> financial_years = labels(comparison.dimension("financial_year"));
  const std::vector<std::string> services = labels(comparison.dimension("service"));
  const std::vector<std::string> measures = labels(comparison.dimension("measure"));
  const std::vector<std::string> reasons = labels(comparison.dimension("support_reason"));
  const std::vector<std::string> sexes = labels(comparison.dimension("sex"));
  const std::vector<std::string> bands = labels(comparison.dimension("age_band"));
  constexpr std::size_t kStats = 4;  // mean, p05, p50, p95
  const auto summary = [&](const std::string& name) { return NamedValues(comparison, name + "_summary"); };

  Workbook workbook(file);
  lxw_workbook* book = workbook.book;
  lxw_format *header = workbook.header, *people = workbook.people, *money = workbook.money, *rate = workbook.percent;

  const std::string price_year = text_attribute(comparison.attributes, "price_year");
  {
    Sheet about(book, "About", header);
    about.header({"item", "value"}, {28, 120});
    const auto line = [&](const std::string& item, const std::string& value) {
      about.text(item).text(value);
      about.end_row();
    };
    line("title", text_attribute(batch.attributes, "title"));
    line("baseline", text_attribute(batch.attributes, "baseline"));
    line("scenarios", [&] {
      std::string all;
      for (const auto& s : scenarios) all += (all.empty() ? "" : ", ") + s;
      return all;
    }());
    line("replications", text_attribute(batch.attributes, "replications"));
    line("master seed", text_attribute(batch.attributes, "master_seed"));
    line("random numbers", text_attribute(batch.attributes, "random_numbers") +
                               " (common: every scenario sees the baseline's draws for the same person and event, so "
                               "savings are paired differences)");
    line("prices", "GBP in whole pounds, real terms at " + price_year +
                       " prices (HM Treasury GDP deflator), except the cash lines of the Budget sheet");
    line("savings", "baseline cost minus scenario cost: positive = a saving, negative = a cost");
    line("net present value", "real-terms savings discounted at the Green Book rate (Savings summary)");
    line("intervals", "p05 and p95: 5th and 95th percentiles across replications (a 90% interval)");
    line("dayopps", text_attribute(batch.attributes, "dayopps_version") + " (" +
                        text_attribute(batch.attributes, "git_commit") + ")");
    line("source file", "results.h5 in the same folder, group /comparison");
  }
  {
    // The layout of a medium-term financial plan: financial years as columns, then a total.
    Sheet budget(book, "Budget", header);
    std::vector<std::string> head = {"line", "statistic"};
    std::vector<double> widths = {58, 10};
    for (const std::string& fy : financial_years) {
      head.push_back(fy);
      widths.push_back(13);
    }
    head.push_back("total");
    widths.push_back(15);
    budget.header(head, widths);
    const std::size_t n = financial_years.size();
    const NamedValues cost = summary("cost_total"), cost_cash = summary("cost_total_cash");
    const NamedValues in_year = summary("savings"), to_horizon = summary("savings_to_horizon");
    const auto at = [](const NamedValues& v, std::size_t k, std::size_t stat, std::size_t y) {
      return v({{"scenario", k}, {"statistic", stat}, {"financial_year", y}});
    };
    const auto row = [&](const std::string& line, const std::string& statistic, const auto& value_of, double total) {
      budget.text(line).text(statistic);
      for (std::size_t y = 0; y < n; ++y) budget.pounds(value_of(y), money);
      budget.pounds(total, money);
      budget.end_row();
    };
    double sum = 0.0;
    for (std::size_t y = 0; y < n; ++y) sum += at(cost, 0, 0, y);
    row(
        "Baseline cost, real terms (" + price_year + " prices)", "mean",
        [&](std::size_t y) { return at(cost, 0, 0, y); }, sum);
    // Demand pressure: the year-on-year change of the baseline's real cost, from population and need alone.
    budget.text("Demand pressure: change in baseline cost on the year before (real)").text("mean").blank();
    double pressure = 0.0;
    for (std::size_t y = 1; y < n; ++y) {
      const double change = at(cost, 0, 0, y) - at(cost, 0, 0, y - 1);
      pressure += change;
      budget.pounds(change, money);
    }
    budget.pounds(pressure, money);
    budget.end_row();
    double inflation = 0.0, cash = 0.0;
    for (std::size_t y = 0; y < n; ++y) {
      inflation += at(cost_cash, 0, 0, y) - at(cost, 0, 0, y);
      cash += at(cost_cash, 0, 0, y);
    }
    row(
        "Price inflation (cash view: cash minus real)", "mean",
        [&](std::size_t y) { return at(cost_cash, 0, 0, y) - at(cost, 0, 0, y); }, inflation);
    row(
        "Baseline cost, cash terms", "mean", [&](std::size_t y) { return at(cost_cash, 0, 0, y); }, cash);
    for (std::size_t k = 1; k < scenarios.size(); ++k) {
      for (const auto& statistic : {std::pair<std::size_t, const char*>{kMean, "mean"}, {kP05, "p05"}, {kP95, "p95"}}) {
        const std::size_t stat = statistic.first;  // a structured binding cannot be captured in clang 14
        row(
            "Saving: " + scenarios[k] + " (real; negative = a cost)", statistic.second,
            [&](std::size_t y) { return at(in_year, k, stat, y); }, to_horizon({{"scenario", k}, {"statistic", stat}}));
      }
    }
    budget.end_row();
    budget.text(
        "Savings are baseline cost minus scenario cost, replication by replication (common random numbers); "
        "p05 and p95 bound a 90% interval, and their totals are percentiles of each replication's total.");
    budget.end_row();
    budget.text("Money in whole pounds. Real terms at " + price_year +
                " prices; the cash view applies HM Treasury's GDP deflator (outturn, then OBR forecast) and the "
                "stated rate after it (Assumptions sheet: cash_view_inflation).");
    budget.end_row();
  }
  {
    // Unit costs per user-week, from the baseline's results.
    Sheet unit(book, "Unit costs", header);
    unit.header({"service", "support reason", "age group", "GBP per user-week (" + price_year + " prices)"},
                {24, 22, 10, 22});
    const Group& base = batch.group("scenarios/" + scenarios.front() + "/services");
    bool found = false;
    for (const Variable& v : base.variables) found = found || v.name == "cost_per_user_week";
    if (found) {
      const NamedValues costs(base, "cost_per_user_week");
      const std::vector<std::string> groups = labels(base.dimension("age_group"));
      for (std::size_t sv = 0; sv < services.size(); ++sv)
        for (std::size_t r = 0; r < reasons.size(); ++r)
          for (std::size_t g = 0; g < groups.size(); ++g) {
            unit.text(services[sv]).text(reasons[r]).text(groups[g]);
            unit.pounds(costs({{"service", sv}, {"support_reason", r}, {"age_group", g}}), money);
            unit.end_row();
          }
    }
  }
  {
    Sheet demand(book, "Demand", header);
    demand.header({"scenario", "year", "service", "users mean", "users p05", "users p50", "users p95"},
                  {30, 8, 24, 12, 12, 12, 12});
    const NamedValues users = summary("users");
    for (std::size_t k = 0; k < scenarios.size(); ++k)
      for (std::size_t y = 0; y < years.size(); ++y)
        for (std::size_t s = 0; s < services.size(); ++s) {
          demand.text(scenarios[k]).number(std::stod(years[y]), nullptr).text(services[s]);
          for (std::size_t stat = 0; stat < kStats; ++stat)
            demand.number(users({{"scenario", k}, {"statistic", stat}, {"year", y}, {"service", s}}), people);
          demand.end_row();
        }
  }
  {
    Sheet cost(book, "Cost", header);
    cost.header({"scenario", "financial year", "cost mean (GBP)", "cost p05", "cost p50", "cost p95"},
                {30, 14, 16, 16, 16, 16});
    const NamedValues values = summary("cost_total");
    for (std::size_t k = 0; k < scenarios.size(); ++k)
      for (std::size_t y = 0; y < financial_years.size(); ++y) {
        cost.text(scenarios[k]).text(financial_years[y]);
        for (std::size_t stat = 0; stat < kStats; ++stat)
          cost.pounds(values({{"scenario", k}, {"statistic", stat}, {"financial_year", y}}), money);
        cost.end_row();
      }
  }
  {
    Sheet savings(book, "Savings", header);
    savings.header({"scenario", "financial year", "saving mean (GBP)", "saving p05", "saving p50", "saving p95",
                    "cumulative mean", "cumulative p05", "cumulative p50", "cumulative p95"},
                   {30, 14, 16, 14, 14, 14, 16, 14, 14, 14});
    const NamedValues in_year = summary("savings"), cumulative = summary("cumulative_savings");
    for (std::size_t k = 1; k < scenarios.size(); ++k)
      for (std::size_t y = 0; y < financial_years.size(); ++y) {
        savings.text(scenarios[k]).text(financial_years[y]);
        for (std::size_t stat = 0; stat < kStats; ++stat)
          savings.pounds(in_year({{"scenario", k}, {"statistic", stat}, {"financial_year", y}}), money);
        for (std::size_t stat = 0; stat < kStats; ++stat)
          savings.pounds(cumulative({{"scenario", k}, {"statistic", stat}, {"financial_year", y}}), money);
        savings.end_row();
      }
  }
  {
    Sheet totals(book, "Savings summary", header);
    totals.header({"scenario", "measure", "to financial year", "discount rate", "mean (GBP)", "p05", "p50", "p95"},
                  {30, 34, 16, 12, 16, 16, 16, 16});
    const NamedValues to_cutoff = summary("savings_to_cutoff"), to_horizon = summary("savings_to_horizon");
    const NamedValues npv = summary("net_present_value");
    const NamedValues discount(comparison, "discount_rate");
    const auto& cutoffs = std::get<std::vector<std::string>>(comparison.variable("cutoff_financial_year").data);
    for (std::size_t k = 1; k < scenarios.size(); ++k) {
      const auto row = [&](const std::string& measure, const std::string& to, const NamedValues& v, bool discounted) {
        totals.text(scenarios[k]).text(measure).text(to);
        if (discounted) {
          totals.number(discount({{"scenario", k}}), rate);
        } else {
          totals.text("");
        }
        for (std::size_t stat = 0; stat < kStats; ++stat)
          totals.pounds(v({{"scenario", k}, {"statistic", stat}}), money);
        totals.end_row();
      };
      row("cumulative saving", cutoffs[k], to_cutoff, false);
      row("cumulative saving", financial_years.back(), to_horizon, false);
      row("net present value of savings", financial_years.back(), npv, true);
    }
  }
  {
    Sheet affected(book, "People affected", header);
    affected.header({"scenario", "measure", "support reason", "sex", "age band", "people mean", "people p05",
                     "people p95", "vs baseline mean", "vs baseline p05", "vs baseline p95"},
                    {30, 20, 20, 8, 9, 12, 12, 12, 14, 14, 14});
    const NamedValues values = summary("people_affected"), difference = summary("people_affected_difference");
    for (std::size_t k = 0; k < scenarios.size(); ++k)
      for (std::size_t m = 0; m < measures.size(); ++m)
        for (std::size_t r = 0; r < reasons.size(); ++r)
          for (std::size_t s = 0; s < sexes.size(); ++s)
            for (std::size_t b = 0; b < bands.size(); ++b) {
              affected.text(scenarios[k]).text(measures[m]).text(reasons[r]).text(sexes[s]).text(bands[b]);
              const auto at = [&](const NamedValues& v, std::size_t stat) {
                return v({{"scenario", k},
                          {"statistic", stat},
                          {"measure", m},
                          {"support_reason", r},
                          {"sex", s},
                          {"age_band", b}});
              };
              for (const std::size_t stat : {kMean, kP05, kP95}) affected.number(at(values, stat), people);
              for (const std::size_t stat : {kMean, kP05, kP95}) affected.number(at(difference, stat), people);
              affected.end_row();
            }
  }
  {
    Sheet assumptions(book, "Assumptions", header);
    assumptions.header({"scenario", "kind", "name", "statement"}, {30, 12, 40, 140});
    for (const std::string& scenario : scenarios) {
      const Group& provenance = batch.group("scenarios/" + scenario + "/provenance");
      for (const Variable& v : provenance.variables) {
        if (v.name != "lever_description") continue;
        const auto& names = std::get<std::vector<std::string>>(provenance.variable("lever_name").data);
        const auto& descriptions = std::get<std::vector<std::string>>(v.data);
        for (std::size_t i = 0; i < names.size(); ++i) {
          assumptions.text(scenario).text("lever").text(names[i]).text(descriptions[i]);
          assumptions.end_row();
        }
      }
      const auto& names = std::get<std::vector<std::string>>(provenance.dimension("assumption").values);
      const auto& statements = std::get<std::vector<std::string>>(provenance.variable("statement").data);
      for (std::size_t i = 0; i < names.size(); ++i) {
        assumptions.text(scenario).text("assumption").text(names[i]).text(statements[i]);
        assumptions.end_row();
      }
    }
  }
  workbook.close();
}

void write_areas_summary_xlsx(const ResultsDocument& areas, const std::filesystem::path& file) {
  const Group& region = areas.group("region");
  const std::vector<std::string> codes = labels(region.dimension("area"));
  const std::vector<std::string> years = labels(region.dimension("year"));
  const std::vector<std::string> financial_years = labels(region.dimension("financial_year"));
  const auto& names = std::get<std::vector<std::string>>(region.variable("area_name").data);
  const auto summary = [&](const std::string& name) { return NamedValues(region, name + "_summary"); };
  const NamedValues users = summary("users_all_services"), total_users = summary("total_users_all_services");
  const NamedValues adults = summary("adults"), cost = summary("cost_total"), total_cost = summary("total_cost");
  const std::size_t n_years = years.size(), n_fy = financial_years.size(), n_areas = codes.size();

  // The years and financial years shown: the base year, 2030 and the horizon; the first financial year, 2029-30
  // and the last.
  std::vector<std::size_t> shown_years = {0};
  if (const auto y2030 = std::find(years.begin(), years.end(), "2030"); y2030 != years.end())
    shown_years.push_back(static_cast<std::size_t>(y2030 - years.begin()));
  if (n_years - 1 != shown_years.back()) shown_years.push_back(n_years - 1);
  std::vector<std::size_t> shown_fy = {0};
  if (const auto f2030 = std::find(financial_years.begin(), financial_years.end(), "2029-30");
      f2030 != financial_years.end() && f2030 != financial_years.begin())
    shown_fy.push_back(static_cast<std::size_t>(f2030 - financial_years.begin()));
  if (n_fy - 1 != shown_fy.back()) shown_fy.push_back(n_fy - 1);

  Workbook workbook(file);
  lxw_workbook* book = workbook.book;
  lxw_format *header = workbook.header, *people = workbook.people, *money = workbook.money, *rate = workbook.rate,
             *percent = workbook.percent;
  const std::string price_year = text_attribute(region.attributes, "price_year");
  {
    Sheet about(book, "About", header);
    about.header({"item", "value"}, {28, 120});
    const auto line = [&](const std::string& item, const std::string& value) {
      about.text(item).text(value);
      about.end_row();
    };
    line("title", text_attribute(areas.attributes, "title"));
    line("replications", text_attribute(areas.attributes, "replications") + " per area");
    line("master seed",
         text_attribute(areas.attributes, "master_seed") + " (each area's own seed is derived from it and its code)");
    line("users",
         "people using any day-opportunity service at mid-year (Monte Carlo mean; p05 and p95: 5th and "
         "95th percentiles across replications, a 90% interval)");
    line("users per 10,000 adults", "mean users over mean residents aged 18 and over, times 10,000");
    line("growth", "mean users at the last year shown over mean users in the base year, minus 1");
    line("prices", "GBP in whole pounds, real terms at " + price_year + " prices (HM Treasury GDP deflator)");
    line("all areas", "the last row adds the areas up replication by replication (/region total_ variables)");
    line("dayopps", text_attribute(areas.attributes, "dayopps_version") + " (" +
                        text_attribute(areas.attributes, "git_commit") + ")");
    line("source file", "results.h5 in the same folder, group /region; each area's detail in /areas/<code>");
  }
  {
    Sheet sheet(book, "Areas", header);
    std::vector<std::string> head = {"area_code", "area_name"};
    std::vector<double> widths = {12, 16};
    for (const std::size_t y : shown_years) {
      for (const char* stat : {"mean", "p05", "p95"}) head.push_back("users " + years[y] + " " + stat);
      head.push_back("users per 10,000 adults " + years[y]);
    }
    head.push_back("growth in users " + years[shown_years.front()] + "-" + years[shown_years.back()]);
    for (const std::size_t f : shown_fy)
      for (const char* stat : {"mean", "p05", "p95"}) head.push_back("cost " + financial_years[f] + " " + stat);
    widths.resize(head.size(), 12.0);
    sheet.header(head, widths);
    // One row: `user`, `adults_mean` and `cost_of` give an area's (or all areas') statistic by position.
    const auto row = [&](const std::string& code, const std::string& name, const auto& user, const auto& adults_mean,
                         const auto& cost_of) {
      sheet.text(code).text(name);
      for (const std::size_t y : shown_years) {
        for (const std::size_t stat : {kMean, kP05, kP95}) sheet.number(std::round(user(stat, y)), people);
        sheet.number(std::round(user(kMean, y) / adults_mean(y) * 1e5) / 10.0, rate);
      }
      const double growth = user(kMean, shown_years.back()) / user(kMean, 0) - 1.0;
      sheet.number(std::round(growth * 1000.0) / 1000.0, percent);
      for (const std::size_t f : shown_fy)
        for (const std::size_t stat : {kMean, kP05, kP95}) sheet.pounds(cost_of(stat, f), money);
      sheet.end_row();
    };
    for (std::size_t a = 0; a < n_areas; ++a) {
      row(
          codes[a], names[a],
          [&](std::size_t stat, std::size_t y) {
            return users({{"area", a}, {"statistic", stat}, {"year", y}});
          },
          [&](std::size_t y) {
            return adults({{"area", a}, {"statistic", kMean}, {"year", y}});
          },
          [&](std::size_t stat, std::size_t f) {
            return cost({{"area", a}, {"statistic", stat}, {"financial_year", f}});
          });
    }
    // All areas: the region's own totals (percentiles of the sum); mean adults add up.
    row(
        "all", "all areas",
        [&](std::size_t stat, std::size_t y) {
          return total_users({{"statistic", stat}, {"year", y}});
        },
        [&](std::size_t y) {
          double sum = 0.0;
          for (std::size_t a = 0; a < n_areas; ++a) sum += adults({{"area", a}, {"statistic", kMean}, {"year", y}});
          return sum;
        },
        [&](std::size_t stat, std::size_t f) {
          return total_cost({{"statistic", stat}, {"financial_year", f}});
        });
  }
  workbook.close();
}

}  // namespace dayopps::outputs
