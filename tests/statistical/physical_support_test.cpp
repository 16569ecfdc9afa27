// Physical support per head (ServiceRates::physical_support_start) against the two-state Markov chain it
// defines: N adults with no support reason, nobody dies, every year a non-user starts with probability h
// (drawn in YearStep from the top of the survival uniform) and a user keeps the service with probability c.
// So U(t+1) = U(t) c + (N - U(t)) h, whose steady state pi = h / (h + 1 - c) is where the base year starts
// each person, independently: each year's count is Binomial(N, pi), and the mean of R replications must lie
// within 4 known standard deviations sqrt(N pi (1 - pi) / R) of N pi. The reason lasts only while the person
// uses or waits for a service.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <vector>

#include "model/base_population.hpp"
#include "model/care_need_rates.hpp"
#include "model/services_step.hpp"
#include "model/year_step.hpp"

namespace dayopps::model {
namespace {

TEST(PhysicalSupport, UsersFollowTheMarkovChainAndKeepTheReasonOnlyWhileUsing) {
  constexpr int kPeople = 20000;
  constexpr int kReplications = 20;
  constexpr int kYears = 12;
  constexpr double kStart = 0.01, kStay = 0.8;
  ServiceRates rates;
  rates.physical_support_start = {kStart, kStart};
  rates.continuation.fill(kStay);
  rates.continuation[0] = 0.0;
  for (auto& c : rates.choice_constant) c.fill(kNotOffered);
  rates.choice_constant[static_cast<std::size_t>(SupportReason::physical_disability)]
                       [static_cast<std::size_t>(Service::external_day_centre)] = 0.0;
  CareNeedRates care;  // no condition: nobody has a support reason of their own
  const RatesByCell no_deaths = RatesByCell::Zero();

  const double pi = kStart / (kStart + 1.0 - kStay);
  std::vector<double> mean(kYears + 1, 0.0);
  for (int r = 0; r < kReplications; ++r) {
    const auto replication = static_cast<std::uint32_t>(r);
    std::array<std::int32_t, kCellCount> cells{};
    cells[static_cast<std::size_t>(cell_index(Sex::female, 30))] = kPeople;
    Population p = build_population(cells);
    ServicesStep services;
    services.assign_at_start(p, rates, {11, replication, 2022});
    YearStep step;
    for (int k = 0; k <= kYears; ++k) {
      if (k > 0) {
        std::array<std::int32_t, kCellCount> target{}, deaths{}, additions{}, removals{};
        target[static_cast<std::size_t>(cell_index(Sex::female, 30 + k))] = kPeople;
        const auto year = static_cast<std::uint32_t>(2022 + k);
        step.advance(p, StepRates{no_deaths, &care, &rates}, target, {11, replication, year},
                     {deaths, additions, removals});
        std::array<std::int32_t, kServiceReasonCount> starters{}, leavers{};
        services.advance(p, rates, {11, replication, year}, {starters, leavers});
      }
      int users = 0;
      for (std::size_t i = 0; i < p.size(); ++i) {
        const bool using_or_waiting = p.service[i] != 0 || p.wanted[i] != 0;
        users += p.service[i] != 0;
        ASSERT_EQ(using_or_waiting, support_reason(p, i) == SupportReason::physical_disability)
            << "replication " << r << ", year " << k << ", record " << i;
      }
      mean[static_cast<std::size_t>(k)] += static_cast<double>(users) / kReplications;
    }
  }
  const double sd_of_mean = std::sqrt(kPeople * pi * (1.0 - pi) / kReplications);
  for (int k = 0; k <= kYears; ++k)
    EXPECT_NEAR(mean[static_cast<std::size_t>(k)], kPeople * pi, 4 * sd_of_mean) << "year " << k;
}

// The rate is a probability per head of surviving the year and starting: with deaths, P(start) is still h.
TEST(PhysicalSupport, StartsPerHeadAreTheRateAmongEveryoneAtTheStartOfTheYear) {
  constexpr int kPeople = 400000;
  constexpr double kStart = 0.002, kDeath = 0.3;
  ServiceRates rates;
  rates.physical_support_start = {kStart, kStart};
  CareNeedRates care;
  std::array<std::int32_t, kCellCount> cells{};
  cells[static_cast<std::size_t>(cell_index(Sex::male, 50))] = kPeople;
  Population p = build_population(cells);
  YearStep step;
  std::array<std::int32_t, kCellCount> target{}, deaths{}, additions{}, removals{};
  target[static_cast<std::size_t>(cell_index(Sex::male, 51))] = kPeople;
  const RatesByCell q = RatesByCell::Constant(kDeath);
  // The dead are replaced by newcomers (ids from kPeople on), who are not counted.
  step.advance(p, StepRates{q, &care, &rates}, target, {3, 0, 2023}, {deaths, additions, removals});
  int started = 0;
  for (std::size_t i = 0; i < p.size(); ++i)
    started += support_reason(p, i) == SupportReason::physical_disability && p.id[i] < kPeople;
  const double expected = kPeople * kStart;
  EXPECT_NEAR(started, expected, 4 * std::sqrt(expected * (1 - kStart)));
}

}  // namespace
}  // namespace dayopps::model
