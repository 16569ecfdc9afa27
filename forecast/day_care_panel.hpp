#pragma once
// The national day-care panel as the forecast sees it: for each council and client group, the people receiving
// day care at 31 March of each year beside the population of the same ages. Read by
// inputs/loaders/day_care_panel_file.cpp; built by inputs/tools/pss_ex1_national_panel.py.
#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace dayopps::forecast {

// The three series PSS EX1 publishes for every council and the model fits (docs/model.md, "Forecast").
enum class ClientGroup { learning_disability_18_64, physical_disability_18_64, all_65_over };
inline constexpr int kClientGroupCount = 3;
inline constexpr std::array<ClientGroup, kClientGroupCount> kClientGroups{
    ClientGroup::learning_disability_18_64, ClientGroup::physical_disability_18_64, ClientGroup::all_65_over};
std::string_view client_group_name(ClientGroup group);  // "learning_disability 18-64", ...

struct PanelSeries {
  std::string area_code;  // ONS 2022 upper tier
  std::string area_name;
  ClientGroup group = ClientGroup::learning_disability_18_64;
  std::vector<int> years;           // ascending; a year may be missing (a suppressed count)
  std::vector<double> counts;       // people, > 0
  double population_mid2011 = 0.0;  // residents of the group's ages
  double population_mid2018 = 0.0;
  std::map<int, double> projected;  // residents of the ages by year from a projection (empty: none given)
};

struct Panel {
  std::vector<PanelSeries> series;
};

// Residents of the series' ages in `year`: held at mid-2011 before 2011 and linear from mid-2011 to mid-2018
// (assumption panel_population_interpolated; no 2009, 2010 or 2012-2017 estimate is bundled); after mid-2018, linear
// to the projection's first year and the projection from there. Throws std::out_of_range past mid-2018 without a
// projection that reaches `year`.
double population_in(const PanelSeries& series, int year);

// log(count / population) of the series' k-th year: the uptake per head the trend is fitted to.
double log_uptake(const PanelSeries& series, std::size_t k);

}  // namespace dayopps::forecast
