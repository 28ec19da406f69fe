// Live progress of a register run on stderr: on a terminal a bar redrawn
// in place five times a second (done, failed, in flight, rate, throttles,
// ETA); otherwise one plain line every few seconds, for CI logs.
#pragma once

#include "summary.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace awscoro_cli {

enum class progress_mode {
    automatic,  ///< bar when stderr is a terminal, else lines
    bar,
    lines,
    none,
};

/// Parses "auto", "bar", "lines" or "none"; throws usage_error otherwise.
progress_mode parse_progress_mode(std::string_view text);

/// One progress line (no newline), e.g.
///   [#########-----------] 912/2000  45%  failed 2  in flight 32  198/s  throttled 12  ETA 6s
/// `width` bounds the bar's line; 0 gives the plain line without a bar.
std::string progress_line(const batch_stats& s, double rate, std::uint64_t throttled, std::size_t width);

class progress_display {
public:
    /// `throttled` reads the client's throttle counter. Nothing happens before start().
    progress_display(boost::asio::any_io_executor ex, progress_mode mode, const batch_stats& stats,
                     std::function<std::uint64_t()> throttled, std::ostream& out);

    void start();
    /// Stops redrawing; a bar is left with its final state and a newline.
    void stop();

private:
    void tick();
    double rate();

    boost::asio::steady_timer timer_;
    bool bar_;
    bool enabled_;
    const batch_stats& stats_;
    std::function<std::uint64_t()> throttled_;
    std::ostream& out_;
    std::chrono::steady_clock::duration interval_;
    /// (time, done) samples of the last few seconds, for the rate.
    std::deque<std::pair<std::chrono::steady_clock::time_point, std::size_t>> samples_;
};

}  // namespace awscoro_cli
