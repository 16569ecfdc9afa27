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
#include "model/uptake_trend.hpp"

namespace dayopps::model {
namespace {

// Adults with a learning disability start at `start` a year, keep their service with `stay`, and all choose
// community opportunities: a two-state chain per person.
ServiceRates one_service_chain(double start, double stay) {
  ServiceRates rates;
  rates.start_probability[static_cast<std::size_t>(SupportReason::learning_disability)] = RatesByCell::Constant(start);
  rates.continuation.fill(stay);
  rates.continuation[0] = 0.0;
  for (auto& c : rates.choice_constant) c.fill(kNotOffered);
  rates.choice_constant[static_cast<std::size_t>(SupportReason::learning_disability)]
                       [static_cast<std::size_t>(Service::community)] = 0.0;
  return rates;
}

TEST(ServicesMarkov, UsersFollowTheMarkovChainFromTheStationaryStart) {
  constexpr int kPeople = 20000;
  constexpr int kReplications = 20;
  constexpr int kYears = 15;
  constexpr double kStart = 0.04, kStay = 0.85;
  ServiceRates rates = one_service_chain(kStart, kStay);

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

// The uptake trend multiplies every start of year t by m(t): each person is still an independent two-state chain,
// now with start e m(t), so U(t) is Binomial(N, pi_t) with pi_t = pi_t-1 c + (1 - pi_t-1) e m(t), from the base
// year's steady state (m = 1 there). A falling trend (-10% a year) and a rising one (+5%) against that recursion.
TEST(ServicesMarkov, UsersFollowTheChainWhenTheUptakeTrendMovesStarts) {
  constexpr int kPeople = 20000, kReplications = 20, kYears = 12;
  constexpr double kStart = 0.04, kStay = 0.85;
  for (const double drift : {-0.10, 0.05}) {
    ServiceRates rates = one_service_chain(kStart, kStay);
    std::vector<double> years;
    for (int k = 0; k <= kYears; ++k) years.push_back(k);
    rates.uptake = uptake_trend(2022, years, {drift, 0.0, 0.0}, {0.0, 0.0, 0.0}, false);
    std::vector<double> mean(kYears + 1, 0.0);
    for (int r = 0; r < kReplications; ++r) {
      std::array<std::int32_t, kCellCount> cells{};
      cells[static_cast<std::size_t>(cell_index(Sex::female, 30))] = kPeople;
      Population p = build_population(cells);
      for (auto& c : p.conditions) c = with_learning_disability(c, LearningDisability::moderate_severe);
      ServicesStep step;
      step.assign_at_start(p, rates, {9, static_cast<std::uint32_t>(r), 2022});
      for (int k = 0; k <= kYears; ++k) {
        if (k > 0) {
          std::array<std::int32_t, kServiceReasonCount> starters{}, leavers{};
          step.advance(p, rates, {9, static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(2022 + k)},
                       {starters, leavers});
        }
        for (const auto s : p.service) mean[static_cast<std::size_t>(k)] += (s != 0) / double{kReplications};
      }
    }
    double pi = kStart / (kStart + 1 - kStay);
    for (int k = 0; k <= kYears; ++k) {
      if (k > 0) pi = pi * kStay + (1 - pi) * kStart * std::exp(drift * k);
      const double sd_of_mean = std::sqrt(kPeople * pi * (1.0 - pi) / kReplications);
      EXPECT_NEAR(mean[static_cast<std::size_t>(k)], kPeople * pi, 4 * sd_of_mean)
          << "drift " << drift << " year " << k;
    }
  }
}

// Each replication's drift, drawn with parameter uncertainty: reproducible, and N(drift, sd^2) over replications.
TEST(UptakeTrendDraws, ReplicationDriftsAreNormalAroundTheFittedOne) {
  const UptakeTrend trend = uptake_trend(2022, {0, 1, 2, 10}, {-0.05, -0.12, -0.13}, {0.01, 0.02, 0.0}, true);
  constexpr int kDraws = 4000;
  std::array<double, 3> sum{}, square{};
  for (std::uint32_t r = 0; r < kDraws; ++r) {
    const UptakeTrend drawn = uptake_for_replication(trend, 77, r);
    EXPECT_EQ(drawn.multiplier[0], (std::array<double, 3>{1.0, 1.0, 1.0}));  // no drift in the base year
    for (std::size_t g = 0; g < 3; ++g) {
      const double d = std::log(drawn.multiplier[3][g]) / 10.0;
      sum[g] += d;
      square[g] += d * d;
    }
    if (r == 0) {
      EXPECT_EQ(uptake_for_replication(trend, 77, 0).multiplier, drawn.multiplier);
    }
  }
  for (std::size_t g = 0; g < 3; ++g) {
    const double mean = sum[g] / kDraws, sd = std::sqrt(square[g] / kDraws - mean * mean);
    EXPECT_NEAR(mean, trend.drift[g], 4 * trend.drift_sd[g] / std::sqrt(kDraws) + 1e-12) << g;
    // The sample sd of n normals has standard error sd / sqrt(2n).
    EXPECT_NEAR(sd, trend.drift_sd[g], 4 * trend.drift_sd[g] / std::sqrt(2.0 * kDraws) + 1e-6) << g;
  }
  UptakeTrend fixed = trend;
  fixed.draw_per_replication = false;
  EXPECT_EQ(uptake_for_replication(fixed, 1, 1).multiplier, trend.multiplier);
}

}  // namespace
}  // namespace dayopps::model
