#include "inputs/loaders/input_error.hpp"

#include <sstream>

namespace dayopps::inputs {

namespace {

std::string describe(const InputLocation& where, const std::string& problem) {
  std::ostringstream text;  // (not string +: GCC 12 warns falsely about -Wrestrict there)
  text << where.file.string();
  if (where.line > 0) text << ':' << where.line;
  if (where.line > 0 && where.column > 0) text << ':' << where.column;
  text << ": ";
  if (!where.field.empty()) text << "field '" << where.field << "': ";
  text << problem;
  return text.str();
}

}  // namespace

InputError::InputError(InputLocation where, const std::string& problem)
    : std::runtime_error(describe(where, problem)), where_(std::move(where)), problem_(problem) {}

}  // namespace dayopps::inputs
