// A small HTTP(S) server on loopback for client tests: each request is
// answered as the test's handler says — a response, a dropped connection,
// garbage, a slow trickle, silence — and everything is recorded
// (requests, connections, concurrency, TLS resumptions). Runs its own
// io_context on its own thread; the destructor stops it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace awscoro::test {

struct received_request {
    std::string method;                         ///< "GET", "PUT", ...
    std::string path;                           ///< the request target, e.g. "/latest/api/token"
    std::string target;                         ///< X-Amz-Target
    std::map<std::string, std::string> headers;  ///< lower-case names
    std::string body;
    std::size_t connection = 0;  ///< which connection it came on (1-based)
};

struct reply {
    enum class kind {
        respond,        ///< send status, headers and body
        drop,           ///< close the connection without answering
        garbage,        ///< send bytes that are not HTTP, then close
        trickle,        ///< send a valid response one byte every `delay`
        silence,        ///< never answer (until the server stops)
        huge_header,    ///< a response whose header exceeds any sane limit
        truncated_body, ///< Content-Length larger than what is sent, then close
    };
    kind what = kind::respond;
    unsigned status = 200;
    std::vector<std::pair<std::string, std::string>> headers = {};
    std::string body = "{}";
    std::chrono::milliseconds delay{0};  ///< wait before answering (per byte for trickle)
    bool close = false;                  ///< close the connection after answering
};

/// A folder of this process's own, removed at exit: certificates made for
/// one run are never mistaken for another's. `name` picks a separate CA.
std::string test_cert_dir(const std::string& name = "ca");

struct fault_server_options {
    bool tls = true;
    std::string address = "127.0.0.1";
    std::string cert_dir = test_cert_dir();  ///< where the CA and server certificate live (generated when missing)
    /// Accept TCP connections but never complete the TLS handshake.
    bool stall_handshake = false;
};

class fault_server {
public:
    using handler = std::function<reply(const received_request& request, std::size_t index)>;

    fault_server(handler h, fault_server_options options);
    ~fault_server();
    fault_server(const fault_server&) = delete;
    fault_server& operator=(const fault_server&) = delete;

    unsigned short port() const;
    std::string url() const;          ///< https://127.0.0.1:PORT (or http://)
    std::string ca_file() const;      ///< the CA that signed the server certificate

    /// Closes every connection that is waiting for its next request; returns how many.
    std::size_t close_idle_connections();

    std::vector<received_request> requests() const;
    std::size_t request_count() const;
    std::size_t connections_accepted() const;
    std::size_t max_concurrent_connections() const;
    std::size_t tls_handshakes() const;
    std::size_t tls_resumed() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace awscoro::test
