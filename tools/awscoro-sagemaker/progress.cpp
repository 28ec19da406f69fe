#include "progress.hpp"

#include "args.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <ostream>

namespace awscoro_cli {

progress_mode parse_progress_mode(std::string_view text)
{
    if (text == "auto")
        return progress_mode::automatic;
    if (text == "bar")
        return progress_mode::bar;
    if (text == "lines")
        return progress_mode::lines;
    if (text == "none")
        return progress_mode::none;
    throw usage_error("--progress: expected auto, bar, lines or none, got '" + std::string(text) + "'");
}

namespace {

std::string eta_text(double seconds)
{
    char buf[32];
    const long s = std::lround(seconds);
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, s / 60 % 60);
    else if (s >= 60)
        std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%lds", s);
    return buf;
}

std::size_t terminal_columns()
{
    winsize ws{};
    if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

}  // namespace

std::string progress_line(const batch_stats& s, double rate, std::uint64_t throttled, std::size_t width)
{
    const std::size_t total = s.to_process();
    const std::size_t done = s.done();
    const auto part_of = [&](std::size_t n) { return total ? done * n / total : n; };  // exact, no rounding up
    char counts[256];
    std::snprintf(counts, sizeof counts, "%zu/%zu %3zu%%  failed %zu  in flight %zu  %.0f/s  throttled %llu", done,
                  total, part_of(100), s.failed + s.invalid + s.cancelled, s.in_flight, rate,
                  static_cast<unsigned long long>(throttled));
    std::string text = counts;
    if (done < total)
        text.append("  ETA ").append(rate > 0 ? eta_text(static_cast<double>(total - done) / rate) : "-");
    if (width == 0)
        return text;
    // The bar takes what the numbers leave on one terminal line (5 to 40
    // columns); the last column stays free so the cursor never wraps.
    const std::size_t room = width > text.size() + 4 ? width - text.size() - 4 : 0;
    const std::size_t bar = std::min<std::size_t>(40, room);
    if (bar < 5)
        return text.substr(0, width > 1 ? width - 1 : 0);
    const auto filled = part_of(bar);
    std::string line(1, '[');
    line.append(filled, '#').append(bar - filled, '-').append("] ").append(text);
    return line;
}

progress_display::progress_display(boost::asio::any_io_executor ex, progress_mode mode, const batch_stats& stats,
                                   std::function<std::uint64_t()> throttled, std::ostream& out)
    : timer_(ex),
      bar_(mode == progress_mode::bar || (mode == progress_mode::automatic && ::isatty(STDERR_FILENO))),
      enabled_(mode != progress_mode::none),
      stats_(stats),
      throttled_(std::move(throttled)),
      out_(out),
      interval_(bar_ ? std::chrono::milliseconds{200} : std::chrono::milliseconds{5000})
{
}

double progress_display::rate()
{
    // Lines per second over the last 5 s (the whole run until then).
    const auto now = std::chrono::steady_clock::now();
    samples_.emplace_back(now, stats_.done());
    while (samples_.size() > 2 && now - samples_.front().first > std::chrono::seconds{5})
        samples_.pop_front();
    const auto& [t0, d0] = samples_.front();
    const double seconds = std::chrono::duration<double>(now - t0).count();
    return seconds > 0 ? static_cast<double>(stats_.done() - d0) / seconds : 0;
}

void progress_display::start()
{
    if (!enabled_)
        return;
    samples_.emplace_back(std::chrono::steady_clock::now(), stats_.done());
    timer_.expires_after(interval_);
    timer_.async_wait([this](boost::system::error_code ec) {
        if (!ec)
            tick();
    });
}

void progress_display::tick()
{
    const double r = rate();
    if (bar_)
        out_ << "\r\033[K" << progress_line(stats_, r, throttled_(), terminal_columns()) << std::flush;
    else
        out_ << "register: " << progress_line(stats_, r, throttled_(), 0) << std::endl;
    timer_.expires_after(interval_);
    timer_.async_wait([this](boost::system::error_code ec) {
        if (!ec)
            tick();
    });
}

void progress_display::stop()
{
    if (!enabled_)
        return;
    timer_.cancel();
    enabled_ = false;
    if (bar_)
        out_ << "\r\033[K" << progress_line(stats_, rate(), throttled_(), terminal_columns()) << '\n' << std::flush;
}

}  // namespace awscoro_cli
