#include "forecast/pooled_trend.hpp"

#include <array>
#include <cmath>
#include <stdexcept>

#include <Eigen/Dense>

namespace dayopps::forecast {
namespace {

constexpr std::size_t kLongestGap = 5;  // the panel's six years give errors of last count plus drift at 1 to 5 years

struct Observed {
  const PanelSeries* series = nullptr;
  std::vector<int> years;
  std::vector<double> log_uptake;
};

std::vector<Observed> observed_until(const Panel& panel, ClientGroup group, int last_year) {
  std::vector<Observed> out;
  for (const PanelSeries& series : panel.series) {
    if (series.group != group) continue;
    Observed o{&series, {}, {}};
    for (std::size_t k = 0; k < series.years.size() && series.years[k] <= last_year; ++k) {
      o.years.push_back(series.years[k]);
      o.log_uptake.push_back(log_uptake(series, k));
    }
    if (o.years.size() >= 2) out.push_back(std::move(o));
  }
  return out;
}

bool is_shift_year(const std::vector<LevelShift>& shifts, ClientGroup group, int year) {
  for (const LevelShift& s : shifts)
    if (s.group == group && s.year == year) return true;
  return false;
}

// The mean change a year between consecutive counts that cross no break.
double mean_change(const std::vector<Observed>& observed, const std::vector<LevelShift>& shifts, ClientGroup group) {
  double sum = 0.0;
  int n = 0;
  for (const Observed& o : observed)
    for (std::size_t k = 1; k < o.years.size(); ++k)
      if (o.years[k] == o.years[k - 1] + 1 && !is_shift_year(shifts, group, o.years[k])) {
        sum += o.log_uptake[k] - o.log_uptake[k - 1];
        ++n;
      }
  if (n == 0) throw std::invalid_argument("no two consecutive counts outside a break");
  return sum / n;
}

std::vector<FittedShift> fit_shifts(const std::vector<Observed>& observed, const std::vector<LevelShift>& shifts,
                                    ClientGroup group, double drift) {
  std::vector<FittedShift> out;
  for (const LevelShift& shift : shifts) {
    if (shift.group != group) continue;
    std::vector<double> changes;
    for (const Observed& o : observed)
      for (std::size_t k = 1; k < o.years.size(); ++k)
        if (o.years[k] == shift.year && o.years[k - 1] == shift.year - 1)
          changes.push_back(o.log_uptake[k] - o.log_uptake[k - 1] - drift);
    if (changes.size() < 2) continue;  // the break falls after the fit's last year: not yet known
    double mean = 0.0, square = 0.0;
    for (double c : changes) mean += c / static_cast<double>(changes.size());
    for (double c : changes) square += (c - mean) * (c - mean);
    const double n = static_cast<double>(changes.size());
    out.push_back({shift.year, mean, std::sqrt(square / (n - 1.0) / n)});
  }
  return out;
}

// Weighted least squares of the mean square error at each gap on (1, h, h^2), every coefficient >= 0: the best
// of the fits on each subset of the three that keeps them all non-negative.
std::array<double, 3> error_moments(const std::array<double, kLongestGap + 1>& mean_square,
                                    const std::array<double, kLongestGap + 1>& pairs) {
  int gaps = 0;
  for (std::size_t h = 1; h <= kLongestGap; ++h) gaps += pairs[h] > 0 ? 1 : 0;
  std::array<double, 3> best{0.0, 0.0, 0.0};
  double best_residual = INFINITY;
  for (int subset = 1; subset < 8; ++subset) {
    std::vector<int> terms;
    for (int j = 0; j < 3; ++j)
      if (subset & (1 << j)) terms.push_back(j);
    if (static_cast<int>(terms.size()) >= gaps && terms.size() > 1) continue;  // not identified by these gaps
    Eigen::MatrixXd x(gaps, static_cast<Eigen::Index>(terms.size()));
    Eigen::VectorXd y(gaps);
    int row = 0;
    for (std::size_t h = 1; h <= kLongestGap; ++h) {
      if (pairs[h] <= 0) continue;
      const double w = std::sqrt(pairs[h]);
      for (std::size_t j = 0; j < terms.size(); ++j)
        x(row, static_cast<Eigen::Index>(j)) = w * std::pow(static_cast<double>(h), terms[j]);
      y(row++) = w * mean_square[h];
    }
    const Eigen::VectorXd b = x.colPivHouseholderQr().solve(y);
    if ((b.array() < 0.0).any()) continue;
    const double residual = (x * b - y).squaredNorm();
    if (residual >= best_residual - 1e-15 * std::abs(best_residual)) continue;
    best_residual = residual;
    best = {0.0, 0.0, 0.0};
    for (std::size_t j = 0; j < terms.size(); ++j)
      best[static_cast<std::size_t>(terms[j])] = b(static_cast<Eigen::Index>(j));
  }
  return best;
}

std::array<double, 3> fit_variances(const std::vector<Observed>& observed, const PooledTrend& trend) {
  std::array<double, kLongestGap + 1> square{}, pairs{};
  for (const Observed& o : observed)
    for (std::size_t a = 0; a < o.years.size(); ++a)
      for (std::size_t b = a + 1; b < o.years.size(); ++b) {
        const auto h = static_cast<std::size_t>(o.years[b] - o.years[a]);
        if (h > kLongestGap) continue;
        const double error = o.log_uptake[b] - o.log_uptake[a] - static_cast<double>(h) * trend.drift -
                             trend.shift_between(o.years[a], o.years[b]);
        square[h] += error * error;
        pairs[h] += 1.0;
      }
  for (std::size_t h = 1; h <= kLongestGap; ++h)
    if (pairs[h] > 0) square[h] /= pairs[h];
  return error_moments(square, pairs);
}

// The councils' own drifts, their precision-weighted mean and each one shrunk toward it.
void pool_drifts(const std::vector<Observed>& observed, PooledTrend& trend) {
  const double tau2 = trend.between_councils_variance;
  std::vector<std::pair<const Observed*, CouncilDrift>> own;
  double weights = 0.0, weighted = 0.0;
  for (const Observed& o : observed) {
    const double span = o.years.back() - o.years.front();
    CouncilDrift d;
    d.own = (o.log_uptake.back() - o.log_uptake.front() - trend.shift_between(o.years.front(), o.years.back())) / span;
    d.variance = (span * trend.level_variance + 2.0 * trend.noise_variance) / (span * span);
    const double w = tau2 + d.variance > 0.0 ? 1.0 / (tau2 + d.variance) : 1.0;
    weights += w;
    weighted += w * d.own;
    own.emplace_back(&o, d);
  }
  trend.drift = weighted / weights;
  trend.drift_standard_error = tau2 + own.front().second.variance > 0.0 ? std::sqrt(1.0 / weights) : 0.0;
  const double se2 = trend.drift_standard_error * trend.drift_standard_error;
  for (auto& [o, d] : own) {
    const double b = tau2 + d.variance > 0.0 ? tau2 / (tau2 + d.variance) : 0.0;
    const double sampling = d.variance;
    d.shrunk = trend.drift + b * (d.own - trend.drift);
    d.variance = b * sampling + (1.0 - b) * (1.0 - b) * se2;
    trend.council[o->series->area_code] = d;
  }
  trend.councils = static_cast<int>(own.size());
}

}  // namespace

double PooledTrend::shift_between(int from, int to) const {
  double total = 0.0;
  for (const FittedShift& s : shifts)
    if (s.year > from && s.year <= to) total += s.size;
  return total;
}

CouncilDrift PooledTrend::drift_of(const std::string& area_code) const {
  if (const auto found = council.find(area_code); found != council.end()) return found->second;
  const double prior = between_councils_variance + drift_standard_error * drift_standard_error;
  return {drift, drift, prior};
}

PooledTrend fit_pooled_trend(const Panel& panel, ClientGroup group, int last_year,
                             const std::vector<LevelShift>& shifts) {
  const std::vector<Observed> observed = observed_until(panel, group, last_year);
  if (observed.size() < 2)
    throw std::invalid_argument("the panel has fewer than two councils with two counts of " +
                                std::string(client_group_name(group)) + " by " + std::to_string(last_year));
  PooledTrend trend;
  trend.group = group;
  trend.last_year = last_year;
  // Two rounds: the unweighted mean change gives the shifts and variances; the pooled drift replaces it and
  // the shifts and variances are measured again around it.
  trend.drift = mean_change(observed, shifts, group);
  for (int round = 0; round < 2; ++round) {
    trend.shifts = fit_shifts(observed, shifts, group, trend.drift);
    const std::array<double, 3> moments = fit_variances(observed, trend);
    trend.noise_variance = moments[0] / 2.0;
    trend.level_variance = moments[1];
    trend.between_councils_variance = moments[2];
    pool_drifts(observed, trend);
  }
  return trend;
}

}  // namespace dayopps::forecast
