// The register run's counters, shared by the engine (which updates them),
// the progress display (which reads them) and the closing summary.
#pragma once

#include "output.hpp"
#include "results_file.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace awscoro_cli {

struct batch_stats {
    std::size_t lines = 0;    ///< manifest lines in this shard
    std::size_t skipped = 0;  ///< already successful in --results (--resume)
    std::size_t succeeded = 0;
    std::size_t failed = 0;
    std::size_t invalid = 0;
    std::size_t cancelled = 0;
    std::size_t in_flight = 0;
    std::map<std::string, std::size_t> errors_by_code = {};  ///< failed, invalid and cancelled lines
    std::vector<double> latencies_ms = {};  ///< per CreateImageVersion call, retries included
    std::uint64_t attempts = 0;   ///< from the client's counters at the end
    std::uint64_t retries = 0;
    std::uint64_t throttled = 0;
    bool interrupted = false;
    std::chrono::steady_clock::time_point started = {};
    std::chrono::steady_clock::time_point finished = {};

    /// Lines this run finished (not counting skipped ones).
    std::size_t done() const { return succeeded + failed + invalid + cancelled; }
    /// Lines this run has to process.
    std::size_t to_process() const { return lines - skipped; }
    std::size_t not_started() const { return to_process() - done(); }

    void record(const line_result& r);
};

/// The value at quantile q (0..1) of `values` (nearest rank); 0 when empty.
double percentile(std::vector<double> values, double q);

/// The closing summary: counts by outcome and error code, throughput,
/// p50/p99 latency, attempts, retries, throttles: a JSON document for
/// output_format::json, else text.
void print_summary(const batch_stats& s, output_format format, std::ostream& out);

}  // namespace awscoro_cli
