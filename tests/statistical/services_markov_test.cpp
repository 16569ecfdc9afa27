// Users of a service against the two-state Markov chain of the same rates, computed here: without capacity
// limits, U(t+1) = U(t) c + (N - U(t)) e, with N adults who all have the support reason and nobody dies.
// The base-year stationary assignment starts every person independently at the chain's steady state
// pi = e / (e + 1 - c), so each year's count is Binomial(N, pi): the mean of R replications has the known
// standard deviation sqrt(N pi (1 - pi) / R), and must lie within 4 of them of U(t) = N pi in every year.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <vector>

#include "model/base_population.hpp"
#include "model/services_step.hpp"

namespace dayopps::model {
namespace {

TEST(ServicesMarkov, UsersFollowTheMarkovChainFromTheStationaryStart) {
  constexpr int kPeople = 20000;
  constexpr int kReplications = 20;
  constexpr int kYears = 15;
  constexpr double kStart = 0.04, kStay = 0.85;
  ServiceRates rates;
  rates.start_probability[static_cast<std::size_t>(SupportReason::learning_disability)] = RatesByCell::Constant(kStart);
  rates.continuation.fill(kStay);
  rates.continuation[0] = 0.0;
  for (auto& c : rates.choice_constant) c.fill(kNotOffered);
  rates.choice_constant[static_cast<std::size_t>(SupportReason::learning_disability)]
                       [static_cast<std::size_t>(Service::community)] = 0.0;

  const double steady = kPeople * kStart / (kStart + 1 - kStay);
  std::vector<std::vector<double>> users(kYears + 1);
  for (int r = 0; r < kReplications; ++r) {
    std::array<std::int32_t, kCellCount> cells{};
    cells[static_cast<std::size_t>(cell_index(Sex::male, 40))] = kPeople;
    Population p = build_population(cells);
    for (auto& c : p.conditions) c = with_learning_disability(c, LearningDisability::moderate_severe);
    ServicesStep step;
    step.assign_at_start(p, rates, {5, static_cast<std::uint32_t>(r), 2022});
    for (int k = 0; k <= kYears; ++k) {
      if (k > 0) {
        std::array<std::int32_t, kServiceReasonCount> starters{}, leavers{};
        step.advance(p, rates, {5, static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(2022 + k)},
                     {starters, leavers});
      }
      double n = 0;
      for (const auto s : p.service) n += s != 0;
      users[static_cast<std::size_t>(k)].push_back(n);
    }
  }
  double expected = steady;
  for (int k = 0; k <= kYears; ++k) {
    if (k > 0) expected = expected * kStay + (kPeople - expected) * kStart;
    const auto& x = users[static_cast<std::size_t>(k)];
    double mean = 0;
    for (const double v : x) mean += v;
    mean /= kReplications;
    const double pi = expected / kPeople;
    const double sd_of_mean = std::sqrt(kPeople * pi * (1.0 - pi) / kReplications);
    EXPECT_NEAR(mean, expected, 4 * sd_of_mean) << "year " << k;
  }
  EXPECT_NEAR(expected, steady, 1e-6);  // the steady state is a fixed point of the chain
}

}  // namespace
}  // namespace dayopps::model
