#include "outputs/results_document.hpp"

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
