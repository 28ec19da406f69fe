#include "summary.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

namespace awscoro_cli {

void batch_stats::record(const line_result& r)
{
    switch (r.outcome) {
    case outcome::succeeded: ++succeeded; break;
    case outcome::failed: ++failed; break;
    case outcome::invalid: ++invalid; break;
    case outcome::cancelled: ++cancelled; break;
    }
    if (r.outcome != outcome::succeeded)
        ++errors_by_code[r.error_code.empty() ? "(none)" : r.error_code];
    if (r.outcome == outcome::succeeded || r.outcome == outcome::failed)
        if (r.attempts > 0)
            latencies_ms.push_back(r.latency_ms);
}

double percentile(std::vector<double> values, double q)
{
    if (values.empty())
        return 0;
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
    const auto index = std::min(values.size() - 1, rank == 0 ? 0 : rank - 1);
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(index), values.end());
    return values[index];
}

namespace {

double round3(double v) { return std::round(v * 1000) / 1000; }

std::string fixed(double v, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

}  // namespace

void print_summary(const batch_stats& s, output_format format, std::ostream& out)
{
    const double seconds = std::chrono::duration<double>(s.finished - s.started).count();
    const double throughput = seconds > 0 ? static_cast<double>(s.succeeded) / seconds : 0;
    const double p50 = percentile(s.latencies_ms, 0.50);
    const double p99 = percentile(s.latencies_ms, 0.99);

    if (format == output_format::json) {
        boost::json::object errors;
        for (const auto& [code, n] : s.errors_by_code)
            errors[code] = n;
        boost::json::object o{
            {"lines", s.lines},
            {"skipped", s.skipped},
            {"succeeded", s.succeeded},
            {"failed", s.failed},
            {"invalid", s.invalid},
            {"cancelled", s.cancelled},
            {"not_started", s.not_started()},
            {"errors_by_code", std::move(errors)},
            {"interrupted", s.interrupted},
            {"seconds", round3(seconds)},
            {"throughput_per_second", round3(throughput)},
            {"latency_ms", {{"p50", round3(p50)}, {"p99", round3(p99)}}},
            {"attempts", s.attempts},
            {"retries", s.retries},
            {"throttled", s.throttled},
        };
        write_json(o, out);
        return;
    }

    out << "register: " << s.lines << " lines" << (s.interrupted ? ", interrupted" : "") << " in "
        << fixed(seconds, 1) << " s\n";
    const auto row = [&](std::string_view name, std::size_t n) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "  %-28.*s %8zu\n", static_cast<int>(name.size()), name.data(), n);
        out << buf;
    };
    row("succeeded", s.succeeded);
    if (s.skipped)
        row("skipped (already succeeded)", s.skipped);
    row("failed", s.failed);
    row("invalid manifest lines", s.invalid);
    if (s.cancelled)
        row("cancelled in flight", s.cancelled);
    if (s.not_started())
        row("not started", s.not_started());
    if (!s.errors_by_code.empty()) {
        out << "  errors by code:\n";
        for (const auto& [code, n] : s.errors_by_code)
            row("  " + code, n);
    }
    out << "  throughput " << fixed(throughput, 1) << " versions/s, latency p50 " << fixed(p50, 1) << " ms, p99 "
        << fixed(p99, 1) << " ms\n";
    out << "  attempts " << s.attempts << ", retries " << s.retries << ", throttled " << s.throttled << '\n';
    if (s.not_started() || s.cancelled)
        out << "  run the same command with --resume to complete the rest\n";
}

}  // namespace awscoro_cli
