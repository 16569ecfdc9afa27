#pragma once
// ONS area codes: a country letter (E, W, S, N) and eight digits, e.g. E08000025 for Birmingham.
#include <algorithm>
#include <cctype>
#include <string_view>

namespace dayopps::inputs {

inline bool is_ons_area_code(std::string_view code) {
  return code.size() == 9 && std::string_view("EWSN").find(code[0]) != std::string_view::npos &&
         std::all_of(code.begin() + 1, code.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

}  // namespace dayopps::inputs
