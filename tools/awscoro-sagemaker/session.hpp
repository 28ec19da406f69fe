// The global options every subcommand shares (as the AWS CLI's), and the
// client configuration they produce.
#pragma once

#include "args.hpp"
#include "output.hpp"

#include <awscoro/config.hpp>

#include <chrono>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace awscoro_cli {

struct global_options {
    std::string endpoint_url = {};
    std::string region = {};
    std::string profile = {};
    std::string ca_bundle = {};
    output_format output = output_format::json;
    bool output_given = false;  ///< --output was on the command line (register prints text otherwise)
    bool debug = false;
    bool no_verify_ssl = false;
    bool no_paginate = false;
    std::optional<std::chrono::seconds> connect_timeout = {};  ///< --cli-connect-timeout; 0 disables
    std::optional<std::chrono::seconds> read_timeout = {};     ///< --cli-read-timeout; 0 disables
};

/// --endpoint-url, --region, --profile, --ca-bundle, --output, --debug,
/// --cli-connect-timeout, --cli-read-timeout, --no-verify-ssl, --no-paginate.
std::span<const option_spec> global_option_specs();

/// Throws usage_error for a malformed value.
global_options read_global_options(const parsed_args& args);

/// The client configuration: the environment (and --profile) first, then
/// the global options. With --debug, each attempt is logged to `log`
/// (never a secret); with --no-verify-ssl a warning is printed there.
/// Throws usage_error when the environment holds a malformed setting.
awscoro::config make_config(const global_options& options, std::ostream& log);

}  // namespace awscoro_cli

#include <awscoro/sagemaker/client.hpp>

#include <boost/asio/awaitable.hpp>

#include <functional>

namespace awscoro_cli {

/// Runs `body` on a fresh io_context with a client made from `options`
/// (see make_config, then `adjust`) and returns its exit status. A region,
/// endpoint or CA bundle the client rejects is a usage error.
int run_with_client(const global_options& options,
                    const std::function<boost::asio::awaitable<int>(awscoro::sagemaker::client&)>& body,
                    const std::function<void(awscoro::config&)>& adjust = {});

}  // namespace awscoro_cli
