#include "outputs/results_document.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace dayopps::outputs {

namespace {

template <typename Items>
const auto& find_by_name(const Items& items, const std::string& name, const char* what) {
  for (const auto& item : items) {
    if (item.name == name) return item;
  }
  throw std::out_of_range(std::string("no ") + what + " named " + name);
}

}  // namespace

const Dimension& Group::dimension(const std::string& dimension_name) const {
  return find_by_name(dimensions, dimension_name, "dimension");
}
const Variable& Group::variable(const std::string& variable_name) const {
  return find_by_name(variables, variable_name, "variable");
}
const Group& ResultsDocument::group(const std::string& group_name) const {
  return find_by_name(groups, group_name, "group");
}

NamedValues::NamedValues(const Group& group, const std::string& variable_name) : name_(variable_name) {
  const Variable& variable = group.variable(variable_name);
  dimensions_ = variable.dimensions;
  for (const std::string& d : dimensions_) sizes_.push_back(group.dimension(d).size());
  if (const auto* doubles = std::get_if<std::vector<double>>(&variable.data)) {
    values_ = *doubles;
  } else if (const auto* ints = std::get_if<std::vector<std::int32_t>>(&variable.data)) {
    values_.assign(ints->begin(), ints->end());
  } else {
    throw std::invalid_argument(variable_name + " is not numeric");
  }
}

double NamedValues::operator()(std::initializer_list<std::pair<std::string_view, std::size_t>> at) const {
  if (at.size() != dimensions_.size())
    throw std::invalid_argument(name_ + ": name each of its " + std::to_string(dimensions_.size()) + " dimensions");
  std::size_t offset = 0;
  for (std::size_t d = 0; d < dimensions_.size(); ++d) {
    const auto named = std::find_if(at.begin(), at.end(), [&](const auto& p) { return p.first == dimensions_[d]; });
    if (named == at.end()) throw std::invalid_argument(name_ + ": dimension " + dimensions_[d] + " not named");
    if (named->second >= sizes_[d])
      throw std::out_of_range(name_ + ": position " + std::to_string(named->second) + " beyond " + dimensions_[d]);
    offset = offset * sizes_[d] + named->second;
  }
  return values_.at(offset);
}

void append_run(ResultsDocument& document, const std::string& prefix, ResultsDocument run) {
  Group header;
  header.name = prefix;
  header.attributes = std::move(run.attributes);
  document.groups.push_back(std::move(header));
  for (Group& group : run.groups) {
    group.name = prefix + "/" + group.name;
    document.groups.push_back(std::move(group));
  }
}

}  // namespace dayopps::outputs
