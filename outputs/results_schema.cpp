#include "outputs/results_schema.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace dayopps::outputs {

extern const char* const kResultsSchemaText;

namespace {

const toml::table& schema() {
  static const toml::table parsed =
      toml::parse(std::string_view(kResultsSchemaText), std::string_view("outputs/results_schema.toml"));
  return parsed;
}

std::string units_of(const Attributes& attributes) {
  const auto found = attributes.find("units");
  if (found == attributes.end()) return {};
  const auto* text = std::get_if<std::string>(&found->second);
  return text != nullptr ? *text : std::string();
}

// The declaration a document group falls under: [run.<group>] for a run's groups wherever they sit (root,
// scenarios/<name>/, areas/<code>/), [batch.comparison], [areas.region]. Empty section: the header group of a
// nested run, which holds attributes only.
std::pair<std::string, std::string> declared_name(const std::string& group) {
  for (const std::string container : {"scenarios/", "areas/"}) {
    if (group.rfind(container, 0) != 0) continue;
    const std::size_t slash = group.find('/', container.size());
    if (slash == std::string::npos) return {"", group};
    return {"run", group.substr(slash + 1)};
  }
  if (group == "comparison") return {"batch", group};
  if (group == "region") return {"areas", group};
  return {"run", group};
}

// Root attributes: exactly the names [root].<layout> declares, where the layout is the root's "layout" attribute
// (none: a single run). A nested run's header group carries a run's root attributes.
void check_root_attributes(const Attributes& attributes, const std::string& where, std::vector<std::string>& problems) {
  std::string layout = "run";
  if (const auto found = attributes.find("layout"); found != attributes.end())
    if (const auto* text = std::get_if<std::string>(&found->second)) layout = *text;
  const std::vector<std::string> names = declared_root_attributes(layout);
  if (names.empty()) {
    problems.push_back(where + " has layout '" + layout + "', which [root] does not declare");
    return;
  }
  for (const auto& [name, value] : attributes)
    if (std::find(names.begin(), names.end(), name) == names.end())
      problems.push_back(where + " attribute " + name + " is not declared in [root]." + layout);
  for (const std::string& name : names)
    if (!attributes.contains(name)) problems.push_back(where + " lacks the declared attribute " + name);
}

}  // namespace

std::vector<std::string> declared_root_attributes(const std::string& layout) {
  std::vector<std::string> names;
  if (const toml::array* declared = schema()["root"][layout].as_array())
    for (const toml::node& name : *declared) names.push_back(name.value_or(std::string()));
  return names;
}

void check_declared_layout(const ResultsDocument& document) {
  const toml::table& declared = schema();
  std::vector<std::string> problems;
  const auto version = declared["format_version"].value<std::string>();
  check_root_attributes(document.attributes, "the root", problems);
  for (const Group& group : document.groups) {
    if (declared_name(group.name).first.empty()) check_root_attributes(group.attributes, "/" + group.name, problems);
    for (const Dimension& d : group.dimensions) {
      const auto units = declared["dimensions"][d.name]["units"].value<std::string>();
      if (!units)
        problems.push_back("dimension " + d.name + " of /" + group.name + " is not declared");
      else if (*units != units_of(d.attributes))
        problems.push_back("dimension " + d.name + " of /" + group.name + " has units '" + units_of(d.attributes) +
                           "', declared '" + *units + "'");
    }
    const auto [section, name] = declared_name(group.name);
    for (const Variable& v : group.variables) {
      const std::string where = "/" + group.name + "/" + v.name;
      const toml::node_view<const toml::node> entry = declared[section][name][v.name];
      if (section.empty() || !entry) {
        problems.push_back(where + " is not declared");
        continue;
      }
      std::vector<std::string> dims;
      if (const toml::array* list = entry["dims"].as_array())
        for (const toml::node& d : *list) dims.push_back(d.value_or(std::string()));
      if (dims != v.dimensions) problems.push_back(where + " has dimensions other than the declared ones");
      if (entry["units"].value_or(std::string()) != units_of(v.attributes))
        problems.push_back(where + " has units '" + units_of(v.attributes) + "', declared '" +
                           entry["units"].value_or(std::string()) + "'");
    }
  }
  if (problems.empty()) return;
  std::ostringstream text;
  text << "the results do not match outputs/results_schema.toml (format " << version.value_or("?") << "):";
  for (const std::string& p : problems) text << "\n  " << p;
  throw std::logic_error(text.str());
}

}  // namespace dayopps::outputs
