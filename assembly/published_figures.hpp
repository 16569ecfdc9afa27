#pragma once
// The loaders' typed parameters turned into the published figures the derivations take (derivation/), and back:
// where a value a derivation refused is written.
#include <array>
#include <filesystem>

#include "derivation/care_need_derivation.hpp"
#include "derivation/parameter_error.hpp"
#include "derivation/service_derivation.hpp"
#include "inputs/loaders/care_need_parameters.hpp"
#include "inputs/loaders/input_error.hpp"
#include "inputs/loaders/service_parameters.hpp"

namespace dayopps::assembly {

derivation::PublishedCareNeed published_care_need(const inputs::CareNeedParameters& p);
derivation::PublishedServices published_services(const inputs::ServiceParameters& p);

// A day-services group's values by service (index model::Service; none gets 0).
std::array<double, model::kServiceCount> by_service(const inputs::ValueGroup& group);
// The index of a service name the loaders allowed.
int service_index(const std::string& name);

// Where the parameter a derivation failed on is written: its value (an all-age figure has one band), else its
// first band's value; a band set by a scenario lever has no place in the file, so the parameter is named.
inputs::InputLocation where_written(const inputs::CareNeedParameters& p, const derivation::ParameterError& e,
                                    const std::filesystem::path& file);
// Where the day-services value a derivation failed on is written: the value itself, else the group's `values`,
// else the first council centre (for places).
inputs::InputLocation where_written(const inputs::ServiceParameters& p, const derivation::ParameterError& e,
                                    const std::filesystem::path& file);

}  // namespace dayopps::assembly
