// The HTTP/1.1 front of sagemaker-local on Boost.Beast: a listener on
// 127.0.0.1, keep-alive sessions (TLS or plain), request limits and
// timeouts, fault actions that need the socket (latency, resets). Everything
// a request means is decided by api_handler. Beast stays behind this header.
#pragma once

#include "api_handler.hpp"
#include "fault_injector.hpp"
#include "server_stats.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace sagemaker_local {

struct listener_config {
    std::uint16_t port = 0;      ///< 0: any free port
    bool tls = true;
    std::string cert_file = {};  ///< PEM chain, when tls
    std::string key_file = {};   ///< PEM key, when tls
    std::size_t max_body = 1 << 20;
    std::chrono::seconds idle_timeout{60};  ///< for a request to arrive, be read, or its answer be written
};

class http_server {
public:
    /// Binds 127.0.0.1:port at once (so port() is known before run()).
    /// Throws std::exception when the port or the certificates are unusable.
    http_server(api_handler& handler, fault_injector& faults, server_stats& stats, listener_config config);
    ~http_server();
    http_server(const http_server&) = delete;
    http_server& operator=(const http_server&) = delete;

    std::uint16_t port() const noexcept;

    /// Serves on `threads` threads (this one included) until stop(), or
    /// until SIGINT/SIGTERM when `stop_on_signals`. Returns once no request
    /// is being processed any more.
    void run(unsigned threads, bool stop_on_signals);

    /// Makes run() return; callable from any thread.
    void stop();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace sagemaker_local
