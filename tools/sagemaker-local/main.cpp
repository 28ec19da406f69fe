// sagemaker-local: wires the options to the store, the verifier, the limits
// and the server; prints where it listens; saves the state on SIGINT/SIGTERM.
#include "api_handler.hpp"
#include "certs.hpp"
#include "http_server.hpp"
#include "options.hpp"
#include "state_file.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>

namespace {

using namespace sagemaker_local;

/// A new private folder for generated certificates.
std::string make_temporary_folder()
{
    std::string pattern = (std::filesystem::temp_directory_path() / "sagemaker-local-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
        throw std::runtime_error("cannot create a temporary folder in " +
                                 std::filesystem::temp_directory_path().string());
    return pattern;
}

int run(const server_options& options)
{
    image_store store{options.store};
    if (!options.state_file.empty()) {
        store_state state;
        std::string error;
        if (!load_state(options.state_file, state, error)) {
            std::cerr << "sagemaker-local: " << error << '\n';
            return 1;
        }
        store.restore(std::move(state));
    }

    verifier_config auth{.secrets = {{options.access_key_id, options.secret_access_key}},
                         .region = options.store.region};
    sigv4_verifier verifier{std::move(auth)};
    token_bucket limiter{options.tps, options.burst > 0 ? options.burst : std::max(options.tps, 1.0),
                         std::chrono::steady_clock::now()};
    server_stats stats;
    fault_injector faults{options.faults};
    api_handler handler{store, verifier, limiter, stats};

    listener_config listen{.port = options.port,
                           .tls = !options.http,
                           .cert_file = options.tls_cert,
                           .key_file = options.tls_key,
                           .max_body = options.max_body,
                           .idle_timeout = options.idle_timeout};
    std::string generated_folder;  // removed on exit when we made it
    std::string ca_bundle;
    if (listen.tls && listen.cert_file.empty()) {
        const auto folder = options.cert_dir.empty() ? (generated_folder = make_temporary_folder())
                                                     : options.cert_dir;
        const auto files = ensure_certificates(folder);
        listen.cert_file = files.certificate;
        listen.key_file = files.private_key;
        ca_bundle = files.ca;
    }

    http_server server{handler, faults, stats, listen};
    std::cout << "listening " << (listen.tls ? "https" : "http") << "://127.0.0.1:" << server.port() << '\n';
    if (!ca_bundle.empty())
        std::cout << "ca-bundle " << ca_bundle << '\n';
    std::cout << std::flush;

    server.run(options.threads, true);

    int status = 0;
    if (!options.state_file.empty()) {
        std::string error;
        if (!save_state(options.state_file, store.snapshot(), error)) {
            std::cerr << "sagemaker-local: " << error << '\n';
            status = 1;
        }
    }
    if (!generated_folder.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(generated_folder, ignored);
    }
    return status;
}

}  // namespace

int main(int argc, char** argv)
{
    server_options options;
    std::string error;
    switch (parse_options({argv + 1, static_cast<std::size_t>(argc - 1)}, options, error)) {
    case parse_status::help:
        std::cout << help_text();
        return 0;
    case parse_status::error:
        std::cerr << "sagemaker-local: " << error << "\n(see --help)\n";
        return 2;
    case parse_status::run:
        break;
    }
    try {
        return run(options);
    } catch (const std::exception& e) {
        std::cerr << "sagemaker-local: " << e.what() << '\n';
        return 1;
    }
}
