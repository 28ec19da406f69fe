// The command line of sagemaker-local. One table drives both the parser and
// --help, so every option is documented.
#pragma once

#include "fault_injector.hpp"
#include "image_store.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace sagemaker_local {

struct server_options {
    std::uint16_t port = 0;  ///< 0: any free port (printed on start)
    bool http = false;       ///< plain HTTP instead of HTTPS
    std::string tls_cert;    ///< PEM certificate chain; with tls_key, instead of generated certificates
    std::string tls_key;
    std::string cert_dir;    ///< where generated certificates go (and are reused from); empty: a temporary folder
    unsigned threads = 1;
    std::string access_key_id = "AKIDEXAMPLE";
    std::string secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    store_config store;                 ///< account, region, delays, quota, failure pattern
    double tps = 0;                     ///< requests per second; 0: unlimited
    double burst = 0;                   ///< bucket size; 0: max(tps, 1)
    fault_config faults;
    std::string state_file;             ///< empty: state lives in memory only
    std::size_t max_body = 1 << 20;     ///< bytes; larger bodies get 413
    std::chrono::seconds idle_timeout{60};  ///< a connection silent this long is closed
};

enum class parse_status { run, help, error };

/// Parses argv (without argv[0]); `--name value` and `--name=value` both work.
parse_status parse_options(std::span<const char* const> args, server_options& out, std::string& error);

/// The --help text: every option, its argument and its default.
std::string help_text();

}  // namespace sagemaker_local
