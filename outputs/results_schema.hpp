#pragma once
// The results layout declared once (outputs/results_schema.toml, compiled in): every document the builders make
// is checked against it before it is written, so the writer cannot drift from what the readers and the
// documentation expect (outputs/tools/results_schema.py checks the files and docs/results-format.md against the
// same declaration).
#include <string>
#include <vector>

#include "outputs/results_document.hpp"

namespace dayopps::outputs {

// Throws std::logic_error naming every group, variable or dimension of `document` that is not declared, or whose
// dimensions (in order) or unit differ from the declaration. A declared variable may be absent. The root's
// attributes (and a nested run's header group's) must be exactly those [root] declares for the layout.
void check_declared_layout(const ResultsDocument& document);

// The root attributes [root] declares for a layout ("run", "batch" or "areas"); empty for any other.
std::vector<std::string> declared_root_attributes(const std::string& layout);

}  // namespace dayopps::outputs
