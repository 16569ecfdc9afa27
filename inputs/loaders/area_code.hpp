#pragma once
// ONS area codes: a country letter (E, W, S, N) and eight digits, e.g. E08000025 for Birmingham. The first three
// characters name the kind of area: E06 unitary authority, E07 non-metropolitan district, E08 metropolitan
// borough, E09 London borough, W06 Welsh, S12 Scottish and N09 Northern Irish councils; other kinds (E10
// county, E11 metropolitan county, E12 region, E92 England, ...) are totals of councils.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>

namespace dayopps::inputs {

inline bool is_ons_area_code(std::string_view code) {
  return code.size() == 9 && std::string_view("EWSN").find(code[0]) != std::string_view::npos &&
         std::all_of(code.begin() + 1, code.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// Councils do not overlap, so the people of several add up; a region next to its own councils would count twice.
inline bool is_council_code(std::string_view code) {
  constexpr std::array<std::string_view, 7> kCouncilKinds{"E06", "E07", "E08", "E09", "W06", "S12", "N09"};
  return is_ons_area_code(code) &&
         std::find(kCouncilKinds.begin(), kCouncilKinds.end(), code.substr(0, 3)) != kCouncilKinds.end();
}

// Why a multi-area run refuses `code` (for which is_council_code is false).
inline std::string not_a_council(std::string_view code) {
  std::string text = "'";  // appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "'" + string + ...
  text.append(code);
  text.append(
      "' is not a council's code (E06, E07, E08, E09, W06, S12 or N09): the region's results add the areas up, "
      "so a total of councils (a county, region or country) would count people twice; run it on its own with "
      "area_code");
  return text;
}

}  // namespace dayopps::inputs
