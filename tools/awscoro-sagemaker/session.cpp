#include "session.hpp"

#include <array>
#include <cstdio>
#include <ostream>
#include <stdexcept>

namespace awscoro_cli {

std::span<const option_spec> global_option_specs()
{
    static constexpr std::array specs{
        option_spec{"endpoint-url", arity::single},
        option_spec{"region", arity::single},
        option_spec{"profile", arity::single},
        option_spec{"ca-bundle", arity::single},
        option_spec{"output", arity::single},
        option_spec{"debug", arity::flag},
        option_spec{"cli-connect-timeout", arity::single},
        option_spec{"cli-read-timeout", arity::single},
        option_spec{"no-verify-ssl", arity::flag},
        option_spec{"no-paginate", arity::flag},
    };
    return specs;
}

global_options read_global_options(const parsed_args& args)
{
    global_options g;
    g.endpoint_url = args.value("endpoint-url").value_or("");
    g.region = args.value("region").value_or("");
    g.profile = args.value("profile").value_or("");
    g.ca_bundle = args.value("ca-bundle").value_or("");
    if (const auto o = args.value("output")) {
        g.output = parse_output_format(*o);
        g.output_given = true;
    }
    g.debug = args.has("debug");
    g.no_verify_ssl = args.has("no-verify-ssl");
    g.no_paginate = args.has("no-paginate");
    constexpr long long a_day = 86'400;
    if (const auto v = args.value("cli-connect-timeout"))
        g.connect_timeout = std::chrono::seconds{parse_integer("cli-connect-timeout", *v, 0, a_day)};
    if (const auto v = args.value("cli-read-timeout"))
        g.read_timeout = std::chrono::seconds{parse_integer("cli-read-timeout", *v, 0, a_day)};
    return g;
}

namespace {

void log_attempt(std::ostream& log, const awscoro::attempt_record& r)
{
    log << "debug: " << r.operation << " attempt " << r.attempt << '/' << r.max_attempts << " to " << r.endpoint;
    if (r.new_connection)
        log << " (new connection)";
    if (r.http_status != 0)
        log << ": HTTP " << r.http_status;
    if (!r.aws_code.empty())
        log << ' ' << r.aws_code;
    if (r.error && r.http_status == 0)
        log << ": " << r.error.message();
    if (!r.request_id.empty())
        log << ", request id " << r.request_id;
    char ms[32];
    std::snprintf(ms, sizeof ms, ", %.1f ms", static_cast<double>(r.elapsed.count()) / 1000.0);
    log << ms;
    if (r.will_retry)
        log << ", retrying in " << r.backoff.count() << " ms";
    log << '\n';
}

}  // namespace

awscoro::config make_config(const global_options& options, std::ostream& log)
{
    awscoro::config cfg;
    try {
        cfg = options.profile.empty() ? awscoro::config::from_environment()
                                      : awscoro::config::from_profile(options.profile);
    }
    catch (const std::invalid_argument& e) {
        throw usage_error(e.what());
    }
    if (!options.region.empty())
        cfg.region = options.region;
    if (cfg.region.empty())
        throw usage_error("no region: use --region or set AWS_REGION");
    if (!options.endpoint_url.empty())
        cfg.endpoint_url = options.endpoint_url;
    if (!options.ca_bundle.empty())
        cfg.ca_bundle = options.ca_bundle;
    if (options.connect_timeout)
        cfg.timeouts.connect = *options.connect_timeout;
    if (options.read_timeout)
        cfg.timeouts.attempt = *options.read_timeout;
    if (options.no_verify_ssl) {
        cfg.verify_tls = false;
        log << "WARNING: --no-verify-ssl: the server's certificate and host name are NOT verified; anyone on the "
               "network path can read and change this traffic, credentials-signed requests included.\n";
    }
    if (options.debug) {
        log << "debug: region " << cfg.region << ", endpoint "
            << (cfg.endpoint_url.empty() ? "(from the region)" : cfg.endpoint_url) << ", credentials from "
            << (cfg.credentials ? cfg.credentials->name() : "the environment") << '\n';
        cfg.on_attempt = [&log](const awscoro::attempt_record& r) { log_attempt(log, r); };
    }
    return cfg;
}

}  // namespace awscoro_cli

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <iostream>

namespace awscoro_cli {

int run_with_client(const global_options& options,
                    const std::function<boost::asio::awaitable<int>(awscoro::sagemaker::client&)>& body,
                    const std::function<void(awscoro::config&)>& adjust)
{
    boost::asio::io_context io{1};
    std::optional<awscoro::sagemaker::client> client;
    auto cfg = make_config(options, std::cerr);
    if (adjust)
        adjust(cfg);
    try {
        client.emplace(io, std::move(cfg));
    }
    catch (const std::invalid_argument& e) {
        throw usage_error(e.what());
    }
    catch (const std::runtime_error& e) {
        throw usage_error(e.what());  // an unreadable CA bundle
    }
    int status = 1;
    boost::asio::co_spawn(io, body(*client), [&](std::exception_ptr e, int s) {
        client->shutdown();  // closes idle connections and stops the pool's timers, so run() returns
        if (e)
            std::rethrow_exception(e);
        status = s;
    });
    io.run();
    return status;
}

}  // namespace awscoro_cli
