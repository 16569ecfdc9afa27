#include "model/projection_inputs.hpp"

#include <stdexcept>
#include <string>

namespace dayopps::model {

int replications_in_share(const RunSettings& settings) {
  if (settings.share_index >= settings.replications) return 0;
  return (settings.replications - settings.share_index + settings.share_count - 1) / settings.share_count;
}

void validate(const ProjectionInputs& inputs, const RunSettings& settings) {
  if (inputs.horizon < inputs.base_year) throw std::invalid_argument("horizon is before the base year");
  if (!inputs.people.covers(inputs.base_year) || !inputs.people.covers(inputs.horizon)) {
    throw std::invalid_argument("population targets cover " + std::to_string(inputs.people.first_year) + "-" +
                                std::to_string(inputs.people.last_year()) + ", not " +
                                std::to_string(inputs.base_year) + "-" + std::to_string(inputs.horizon));
  }
  if ((inputs.people.counts < 0).any()) throw std::invalid_argument("population targets must not be negative");
  const auto& q = inputs.annual_death_probability;
  if (!((q >= 0.0) && (q <= 1.0)).all()) throw std::invalid_argument("death probabilities must lie in [0, 1]");
  if (inputs.care_need) validate(*inputs.care_need);
  if (inputs.services) {
    if (!inputs.care_need) throw std::invalid_argument("services need the care-need conditions");
    validate(*inputs.services);
  }
  if (inputs.costs) {
    if (!inputs.services) throw std::invalid_argument("costs need the services");
    validate(*inputs.costs, inputs.base_year, inputs.horizon);
  }
  if (inputs.calibrated) {
    if (!inputs.services) throw std::invalid_argument("calibrated parameters need the services");
    if (static_cast<Eigen::Index>(inputs.calibrated->free.size()) != inputs.calibrated->covariance.rows() &&
        inputs.calibrated->draw_per_replication) {
      throw std::invalid_argument("the calibrated covariance does not match the free parameters");
    }
  }
  if (settings.replications < 1) throw std::invalid_argument("replications must be at least 1");
  if (settings.threads < 1) throw std::invalid_argument("threads must be at least 1");
  if (settings.share_count < 1 || settings.share_index < 0 || settings.share_index >= settings.share_count)
    throw std::invalid_argument("the share must satisfy 0 <= share_index < share_count");
}

}  // namespace dayopps::model
