#pragma once
// The results layout declared once (outputs/results_schema.toml, compiled in): every document the builders make
// is checked against it before it is written, so the writer cannot drift from what the readers and the
// documentation expect (outputs/tools/results_schema.py checks the files and docs/results-format.md against the
// same declaration).
#include "outputs/results_document.hpp"

namespace dayopps::outputs {

// Throws std::logic_error naming every group, variable or dimension of `document` that is not declared, or whose
// dimensions (in order) or unit differ from the declaration. A declared variable may be absent.
void check_declared_layout(const ResultsDocument& document);

}  // namespace dayopps::outputs
