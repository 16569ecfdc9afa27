#pragma once
// A results file as plain data: groups of labelled dimensions and variables over them, plus attributes.
// Built by results_builder, written by hdf5_writer; keeping the two apart lets tests inspect what would be
// written without HDF5, and lets other writers reuse the same tables.
#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace dayopps::outputs {

using Attribute = std::variant<std::string, std::int64_t, std::uint64_t>;
using Attributes = std::map<std::string, Attribute>;

// A dimension and its coordinate values: whole numbers (years, ages) or labels (sex, age band).
struct Dimension {
  std::string name;
  std::variant<std::vector<std::int32_t>, std::vector<std::string>> values;
  Attributes attributes;

  std::size_t size() const {
    return std::visit([](const auto& v) { return v.size(); }, values);
  }
};

struct Variable {
  std::string name;
  std::vector<std::string> dimensions;  // names of the group's dimensions, slowest-varying first
  std::variant<std::vector<std::int32_t>, std::vector<double>, std::vector<std::string>> data;  // row-major
  Attributes attributes;  // at least units and long_name
};

struct Group {
  std::string name;
  std::vector<Dimension> dimensions;
  std::vector<Variable> variables;
  Attributes attributes;

  const Dimension& dimension(const std::string& dimension_name) const;
  const Variable& variable(const std::string& variable_name) const;
};

// A numeric variable read by the names of its dimensions, not by offsets computed from their order:
// cost({{"scenario", k}, {"statistic", kMean}, {"financial_year", y}}). Every dimension of the variable must be
// named, once; a position beyond a dimension's size is refused.
class NamedValues {
 public:
  NamedValues(const Group& group, const std::string& variable_name);
  double operator()(std::initializer_list<std::pair<std::string_view, std::size_t>> at) const;

 private:
  std::string name_;
  std::vector<std::string> dimensions_;
  std::vector<std::size_t> sizes_;
  std::vector<double> values_;
};

// Positions on the `statistic` dimension of a `_summary` variable (replication_summary.hpp's kStatisticNames).
inline constexpr std::size_t kMean = 0, kP05 = 1, kP50 = 2, kP95 = 3;

struct ResultsDocument {
  Attributes attributes;
  std::vector<Group> groups;

  const Group& group(const std::string& group_name) const;
};

// Nests a one-run document in `document` under `prefix` (e.g. "scenarios/<name>" or "areas/<code>"): a group
// `prefix` holding the run's own attributes (its title, seed, resolved scenario, ...), then its groups.
void append_run(ResultsDocument& document, const std::string& prefix, ResultsDocument run);

}  // namespace dayopps::outputs
