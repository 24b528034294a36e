#include "svg_charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <sstream>

#include "number_format.hpp"
#include "parity/reports/sample_statistics.hpp"
#include "parity/reports/text_escape.hpp"
#include "parity/stats/percentiles.hpp"

namespace parity::reports::detail {
namespace {

constexpr double chart_width = 600;
constexpr double chart_height = 300;
constexpr double margin_left = 56;
constexpr double margin_right = 16;
constexpr double margin_top = 28;
constexpr double margin_bottom = 40;
constexpr double plot_width = chart_width - margin_left - margin_right;
constexpr double plot_height = chart_height - margin_top - margin_bottom;
/// Beyond a few hundred points a CDF line looks the same and only makes the page heavier.
constexpr std::size_t cdf_points = 400;
constexpr std::size_t histogram_bins = 40;
/// Room left and right of the data on a log axis, as a factor.
constexpr double axis_padding = 1.15;
constexpr const char* axis_color = "#555";
constexpr const char* grid_color = "#e3e3e3";

std::string coordinate(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
    return buffer;
}

/// A log10 axis mapping [low, high] onto the plot's width.
struct LogAxis {
    double low = 1;
    double high = 10;

    double x(double value) const {
        const double clamped = std::clamp(value, low, high);
        return margin_left +
               (std::log10(clamped) - std::log10(low)) / (std::log10(high) - std::log10(low)) * plot_width;
    }
};

LogAxis axis_for(double min, double max) {
    if (!(min > 0))
        min = 1;
    if (!(max > min))
        max = min * 10;
    return {min / axis_padding, max * axis_padding};
}

/// Tick values at 1, 2 and 5 times powers of ten inside the axis; all nine per decade when the
/// axis spans less than a decade, so that there are always a few labels.
std::vector<double> log_ticks(const LogAxis& axis) {
    std::vector<double> ticks;
    const bool narrow = axis.high / axis.low < 10;
    for (int exponent = static_cast<int>(std::floor(std::log10(axis.low)));
         exponent <= static_cast<int>(std::ceil(std::log10(axis.high))); ++exponent) {
        const double decade = std::pow(10.0, exponent);
        for (int multiple = 1; multiple <= 9; ++multiple) {
            if (!narrow && multiple != 1 && multiple != 2 && multiple != 5)
                continue;
            const double value = multiple * decade;
            if (value >= axis.low && value <= axis.high)
                ticks.push_back(value);
        }
    }
    return ticks;
}

double y_of(double fraction) {
    return margin_top + (1 - fraction) * plot_height;
}

void open_svg(std::ostream& out, const std::string& label) {
    out << "<svg class=\"chart\" viewBox=\"0 0 " << chart_width << ' ' << chart_height
        << "\" role=\"img\" aria-label=\"" << escape_html(label)
        << "\" xmlns=\"http://www.w3.org/2000/svg\">\n";
}

void x_axis(std::ostream& out, const LogAxis& axis, const std::function<std::string(double)>& label,
            const std::string& title) {
    const double bottom = margin_top + plot_height;
    for (const double tick : log_ticks(axis)) {
        const std::string x = coordinate(axis.x(tick));
        out << "<line x1=\"" << x << "\" y1=\"" << margin_top << "\" x2=\"" << x << "\" y2=\"" << bottom
            << "\" stroke=\"" << grid_color << "\"/>"
            << "<text x=\"" << x << "\" y=\"" << bottom + 16 << "\" text-anchor=\"middle\">"
            << escape_html(label(tick)) << "</text>\n";
    }
    out << "<line x1=\"" << margin_left << "\" y1=\"" << bottom << "\" x2=\"" << margin_left + plot_width
        << "\" y2=\"" << bottom << "\" stroke=\"" << axis_color << "\"/>\n"
        << "<text x=\"" << margin_left + plot_width / 2 << "\" y=\"" << chart_height - 4
        << "\" text-anchor=\"middle\" class=\"axis-title\">" << escape_html(title) << "</text>\n";
}

void y_axis(std::ostream& out, const std::vector<std::pair<double, std::string>>& ticks) {
    for (const auto& [fraction, label] : ticks) {
        const std::string y = coordinate(y_of(fraction));
        out << "<line x1=\"" << margin_left << "\" y1=\"" << y << "\" x2=\"" << margin_left + plot_width
            << "\" y2=\"" << y << "\" stroke=\"" << grid_color << "\"/>"
            << "<text x=\"" << margin_left - 6 << "\" y=\"" << y << "\" dy=\"4\" text-anchor=\"end\">"
            << escape_html(label) << "</text>\n";
    }
    out << "<line x1=\"" << margin_left << "\" y1=\"" << margin_top << "\" x2=\"" << margin_left << "\" y2=\""
        << margin_top + plot_height << "\" stroke=\"" << axis_color << "\"/>\n";
}

void legend(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& entries) {
    double x = margin_left + 8;
    for (const auto& [name, color] : entries) {
        out << "<rect x=\"" << x << "\" y=\"8\" width=\"12\" height=\"12\" fill=\"" << escape_html(color)
            << "\"/><text x=\"" << x + 16 << "\" y=\"18\">" << escape_html(name) << "</text>\n";
        x += 24 + 8 * static_cast<double>(name.size());
    }
}

LogAxis series_axis(const std::vector<ChartSeries>& series) {
    double min = HUGE_VAL;
    double max = 0;
    for (const auto& s : series) {
        for (const double value : s.samples) {
            if (value <= 0)
                continue;
            min = std::min(min, value);
            max = std::max(max, value);
        }
    }
    return axis_for(min, max);
}

std::string no_data(const std::string& what) {
    return "<p class=\"muted\">" + escape_html(what) + ": not measured.</p>\n";
}

bool empty(const std::vector<ChartSeries>& series) {
    return std::all_of(series.begin(), series.end(), [](const ChartSeries& s) { return s.samples.empty(); });
}

std::vector<std::pair<std::string, std::string>> legend_entries(const std::vector<ChartSeries>& series) {
    std::vector<std::pair<std::string, std::string>> entries;
    for (const auto& s : series) {
        if (!s.samples.empty())
            entries.emplace_back(s.name + " (n = " + std::to_string(s.samples.size()) + ")", s.color);
    }
    return entries;
}

/// A histogram's bars: `counts` over log-spaced bins of `axis`, scaled to `tallest`.
void bars(std::ostream& out, const LogAxis& axis, const std::vector<std::size_t>& counts, std::size_t tallest,
          const std::string& color) {
    const double step = (std::log10(axis.high) - std::log10(axis.low)) / static_cast<double>(counts.size());
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (counts[i] == 0)
            continue;
        const double left = axis.x(std::pow(10.0, std::log10(axis.low) + step * static_cast<double>(i)));
        const double right = axis.x(std::pow(10.0, std::log10(axis.low) + step * static_cast<double>(i + 1)));
        const double top = y_of(static_cast<double>(counts[i]) / static_cast<double>(tallest));
        out << "<rect x=\"" << coordinate(left) << "\" y=\"" << coordinate(top) << "\" width=\""
            << coordinate(std::max(right - left - 1, 1.0)) << "\" height=\""
            << coordinate(margin_top + plot_height - top) << "\" fill=\"" << escape_html(color)
            << "\" fill-opacity=\"0.55\"><title>" << counts[i] << "</title></rect>\n";
    }
}

constexpr std::size_t count_tick_count = 4;

/// The top of a count axis: the tallest bar rounded up so that every tick is a whole number.
std::size_t count_axis_top(std::size_t tallest) {
    const std::size_t step = std::max<std::size_t>(1, (tallest + count_tick_count - 1) / count_tick_count);
    return step * count_tick_count;
}

/// Evenly spaced whole-number ticks up to `top` (from count_axis_top).
std::vector<std::pair<double, std::string>> count_ticks(std::size_t top) {
    std::vector<std::pair<double, std::string>> ticks;
    for (std::size_t i = 0; i <= count_tick_count; ++i) {
        ticks.emplace_back(static_cast<double>(i) / count_tick_count,
                           std::to_string(i * top / count_tick_count));
    }
    return ticks;
}

/// Tick labels without zeros that carry nothing: "1.00 ms" -> "1 ms", "0.50×" -> "0.5×".
std::string compact(std::string label) {
    const auto end = label.find_first_not_of("0123456789.");
    const std::size_t number_end = end == std::string::npos ? label.size() : end;
    const auto point = label.find('.');
    if (point == std::string::npos || point > number_end)
        return label;
    std::size_t last = number_end;
    while (last > point + 1 && label[last - 1] == '0')
        --last;
    if (last == point + 1)
        --last;  // "1." -> "1"
    return label.substr(0, last) + label.substr(number_end);
}

std::string duration_tick(double ns) {
    return compact(format_duration(ns));
}
std::string ratio_tick(double ratio) {
    return compact(format_ratio(ratio));
}

}  // namespace

std::string cdf_chart(const std::vector<ChartSeries>& series) {
    if (empty(series))
        return no_data("Latency CDF");
    const LogAxis axis = series_axis(series);
    std::ostringstream out;
    open_svg(out, "Cumulative distribution of wall time per request");
    y_axis(out, {{0, "0"}, {0.25, "0.25"}, {0.5, "0.5"}, {0.75, "0.75"}, {0.9, "0.9"}, {1, "1"}});
    x_axis(out, axis, duration_tick, "wall time per request (log scale)");
    for (const auto& s : series) {
        if (s.samples.empty())
            continue;
        std::vector<double> sorted = s.samples;
        std::sort(sorted.begin(), sorted.end());
        out << "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"" << escape_html(s.color)
            << "\" points=\"";
        double previous = 0;
        for (const auto& point : downsampled_cdf(sorted, cdf_points)) {
            const std::string x = coordinate(axis.x(point.value));
            // A step function: up at each sample, flat between samples.
            out << x << ',' << coordinate(y_of(previous)) << ' ' << x << ','
                << coordinate(y_of(point.fraction)) << ' ';
            previous = point.fraction;
        }
        out << "\"/>\n";
    }
    legend(out, legend_entries(series));
    out << "</svg>\n";
    return out.str();
}

std::string histogram_chart(const std::vector<ChartSeries>& series) {
    if (empty(series))
        return no_data("Latency histogram");
    const LogAxis axis = series_axis(series);
    std::vector<std::vector<std::size_t>> counts;
    std::size_t tallest = 1;
    for (const auto& s : series) {
        counts.push_back(log_histogram(s.samples, axis.low, axis.high, histogram_bins));
        tallest = std::max(tallest, *std::max_element(counts.back().begin(), counts.back().end()));
    }
    tallest = count_axis_top(tallest);
    std::ostringstream out;
    open_svg(out, "Histogram of wall time per request");
    y_axis(out, count_ticks(tallest));
    x_axis(out, axis, duration_tick, "wall time per request (log scale)");
    for (std::size_t i = 0; i < series.size(); ++i)
        bars(out, axis, counts[i], tallest, series[i].color);
    legend(out, legend_entries(series));
    out << "</svg>\n";
    return out.str();
}

namespace {

/// What a per-request ratio chart says in words.
struct RatioChartText {
    const char* title;       ///< "Per-request speedup: not measured."
    const char* label;       ///< the chart's accessible name
    const char* axis_title;  ///< the ratio's definition
    const char* color;       ///< of the bars
};

std::string ratio_chart(const std::vector<double>& ratios, const RatioChartText& text) {
    if (ratios.empty())
        return no_data(text.title);
    std::vector<double> sorted = ratios;
    std::sort(sorted.begin(), sorted.end());
    // 1× is always on the axis: whether the port is faster at all is the first question.
    const LogAxis axis = axis_for(std::min(sorted.front(), 1.0), std::max(sorted.back(), 1.0));
    const auto counts = log_histogram(sorted, axis.low, axis.high, histogram_bins);
    const std::size_t tallest = count_axis_top(*std::max_element(counts.begin(), counts.end()));
    const double median = stats::percentile(sorted, 50.0);

    std::ostringstream out;
    open_svg(out, text.label);
    y_axis(out, count_ticks(tallest));
    x_axis(out, axis, ratio_tick, text.axis_title);
    bars(out, axis, counts, tallest, text.color);
    const auto marker = [&](double value, const std::string& label, const char* color) {
        const double x = axis.x(value);
        // Labels sit inside the plot, on the side of the line with more room.
        const bool right_half = x > margin_left + plot_width / 2;
        out << "<line x1=\"" << coordinate(x) << "\" y1=\"" << margin_top << "\" x2=\"" << coordinate(x)
            << "\" y2=\"" << margin_top + plot_height << "\" stroke=\"" << color
            << "\" stroke-width=\"2\" stroke-dasharray=\"5,3\"/>"
            << "<text x=\"" << coordinate(right_half ? x - 4 : x + 4) << "\" y=\"" << margin_top + 12
            << "\" text-anchor=\"" << (right_half ? "end" : "start") << "\" fill=\"" << color << "\">"
            << escape_html(label) << "</text>\n";
    };
    marker(1, "1× (as fast)", "#c53030");
    if (std::fabs(std::log10(median)) > 0.05)
        marker(median, "median " + format_ratio(median), "#1a202c");
    out << "</svg>\n";
    return out.str();
}

}  // namespace

std::string speedup_chart(const std::vector<double>& speedups) {
    return ratio_chart(speedups, {"Per-request speedup", "Histogram of per-request speedup",
                                  "reference time / candidate time per request (log scale)", "#2f855a"});
}

std::string vs_baseline_chart(const std::vector<double>& ratios) {
    return ratio_chart(ratios,
                       {"Per-request candidate ÷ baseline", "Histogram of per-request candidate ÷ baseline",
                        "candidate time / baseline time per request (log scale)", "#805ad5"});
}

}  // namespace parity::reports::detail
