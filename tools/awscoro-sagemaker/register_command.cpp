#include "register_command.hpp"

#include "error_report.hpp"
#include "progress.hpp"
#include "register_engine.hpp"
#include "register_options.hpp"
#include "results_file.hpp"
#include "stop_signal.hpp"
#include "summary.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>

namespace awscoro_cli {

namespace sm = awscoro::sagemaker;

namespace {

std::vector<manifest_entry> load_manifest(const register_options& o)
{
    if (o.manifest == "-")
        return read_manifest(std::cin, "", o.format);
    std::ifstream in(o.manifest);
    if (!in)
        throw usage_error("--manifest: cannot read " + o.manifest);
    return read_manifest(in, o.manifest, o.format);
}

/// Bad lines on stderr (the first few; all of them go to --results).
void report_bad_lines(const std::vector<const manifest_entry*>& bad, std::ostream& err)
{
    constexpr std::size_t shown = 20;
    for (std::size_t i = 0; i < bad.size() && i < shown; ++i)
        err << "awscoro-sagemaker: manifest line " << bad[i]->line << ": " << bad[i]->error_code << ": "
            << bad[i]->error_message << '\n';
    if (bad.size() > shown)
        err << "awscoro-sagemaker: ... and " << bad.size() - shown << " more bad lines\n";
}

void adjust_config(const register_options& o, awscoro::config& cfg)
{
    // Batch defaults: adaptive rate limiting and patient retries, unless the
    // user chose otherwise on the command line or in the environment.
    if (o.retry_mode)
        cfg.retry.mode = *o.retry_mode;
    else if (std::getenv("AWS_RETRY_MODE") == nullptr)
        cfg.retry.mode = awscoro::retry_mode::adaptive;
    if (o.max_attempts)
        cfg.retry.max_attempts = *o.max_attempts;
    else if (std::getenv("AWS_MAX_ATTEMPTS") == nullptr)
        cfg.retry.max_attempts = 10;
    cfg.pool.max_connections = o.concurrency;
}

}  // namespace

int run_register(const parsed_args& args, const global_options& global)
{
    const auto opts = read_register_options(args, [](const char* name) { return std::getenv(name); });
    const auto entries = load_manifest(opts);

    std::vector<const manifest_entry*> mine, bad;
    for (std::size_t position = 0; position < entries.size(); ++position)
        if (opts.shard.contains(position)) {
            mine.push_back(&entries[position]);
            if (!entries[position].ok())
                bad.push_back(&entries[position]);
        }
    if (opts.strict && !bad.empty()) {
        report_bad_lines(bad, std::cerr);
        throw usage_error("--strict: " + std::to_string(bad.size()) + " bad manifest line(s); nothing was sent");
    }

    std::map<std::size_t, line_result> kept;
    if (opts.resume) {
        std::size_t unreadable = 0;
        auto earlier = read_successes(opts.results, unreadable);
        if (unreadable)
            std::cerr << "awscoro-sagemaker: ignored " << unreadable << " unreadable line(s) of " << opts.results
                      << '\n';
        // A line counts as done only if its content (hence its token) is unchanged.
        for (const auto* e : mine)
            if (const auto it = earlier.find(e->line);
                e->ok() && it != earlier.end() && it->second.client_token == e->request.client_token)
                kept.emplace(e->line, std::move(it->second));
    }
    results_writer results{opts.results, kept};

    batch_stats stats;
    stats.lines = mine.size();
    stats.skipped = kept.size();
    const auto finish_line = [&](const line_result& r) {
        results.write(r);
        stats.record(r);
    };

    report_bad_lines(bad, std::cerr);
    std::vector<const manifest_entry*> work;
    for (const auto* e : mine) {
        if (kept.contains(e->line))
            continue;
        if (e->ok())
            work.push_back(e);
        else
            finish_line(line_result{.line = e->line, .image = e->image, .outcome = outcome::invalid,
                                    .error_code = e->error_code, .error_message = e->error_message});
    }

    const engine_settings settings{.concurrency = opts.concurrency,
                                   .max_rps = opts.max_rps,
                                   .create_missing_images = opts.create_missing_images,
                                   .role_arn = opts.role_arn,
                                   .wait = opts.wait,
                                   .wait_timeout = opts.wait_timeout,
                                   .grace_period = opts.grace_period};

    const auto body = [&](sm::client& client) -> boost::asio::awaitable<int> {
        const auto ex = client.get_executor();
        register_engine engine{client, settings, stats, finish_line};
        progress_display progress{ex, opts.progress, stats, [&client] { return client.stats().throttled; },
                                  std::cerr};
        stop_signal signals{ex,
                            [&] {
                                stats.interrupted = true;
                                engine.request_stop();
                                std::cerr << "\nawscoro-sagemaker: stopping: no new lines; " << stats.in_flight
                                          << " in flight get " << opts.grace_period.count()
                                          << " s to finish (signal again to cancel them now)\n";
                            },
                            [&] { engine.cancel(); }};
        stats.started = std::chrono::steady_clock::now();
        progress.start();
        co_await engine.run(std::move(work));
        stats.finished = std::chrono::steady_clock::now();
        progress.stop();
        signals.close();

        const auto counters = client.stats();
        stats.attempts = counters.attempts;
        stats.retries = counters.retries;
        stats.throttled = counters.throttled;
        co_return stats.succeeded + stats.skipped == stats.lines ? exit_success : exit_failure;
    };
    const int status = run_with_client(global, body, [&](awscoro::config& cfg) { adjust_config(opts, cfg); });
    // A person reads the summary unless a script asked for JSON.
    print_summary(stats, global.output_given ? global.output : output_format::text, std::cout);
    return status;
}

}  // namespace awscoro_cli
