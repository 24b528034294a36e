#pragma once

// The inline SVG charts of report.html: drawn here rather than by a script library so that the
// page needs no network and renders the same in any browser, or in a CI artifact viewer.

#include <string>
#include <vector>

namespace parity::reports::detail {

/// One path's samples in a chart, with its legend name and stroke colour.
struct ChartSeries {
    std::string name;
    std::string color;
    std::vector<double> samples;  ///< any order, > 0 (nanoseconds or ratios)
};

/// Empirical CDFs of the series on a log-scaled duration axis, with p50/p95/p99 guides.
std::string cdf_chart(const std::vector<ChartSeries>& series);

/// Overlaid histograms of the series on log-spaced duration bins.
std::string histogram_chart(const std::vector<ChartSeries>& series);

/// Histogram of per-request speedups (reference / candidate) on a log-scaled ratio axis, with
/// a line at 1× (as fast) and at the median.
std::string speedup_chart(const std::vector<double>& speedups);

/// The same for per-request ratios candidate / baseline, where above 1× the candidate is slower.
std::string vs_baseline_chart(const std::vector<double>& ratios);

}  // namespace parity::reports::detail
