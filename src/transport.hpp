// HTTP/1.1 over TCP or TLS to one endpoint: connecting (async DNS, every
// resolved address, TLS with verification, SNI and session resumption) and
// one request/response exchange on a kept-alive connection. The only part
// of the client that sees Beast and OpenSSL; this header shows neither.
#pragma once

#include "endpoint.hpp"

#include <awscoro/config.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/system/error_code.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace awscoro::detail {

using steady_time = std::chrono::steady_clock::time_point;

/// The parts of a response the client reads.
struct http_response {
    unsigned status = 0;
    std::string body;
    std::string error_type;  ///< X-Amzn-ErrorType
    std::string request_id;  ///< x-amzn-RequestId
    std::string date;        ///< Date, for clock-skew correction
    std::string retry_after; ///< x-amz-retry-after (milliseconds)
    bool keep_alive = false;

    void clear();
};

/// What an exchange got to before it failed; decides whether a request may
/// be re-sent on a fresh connection.
struct exchange_progress {
    bool wrote_any = false;  ///< some request bytes may have reached the server
    bool read_any = false;   ///< some response bytes arrived
};

/// Atomic: written on the strand, read from anywhere.
struct transport_stats {
    std::atomic<std::uint64_t> connections_opened{0};
    std::atomic<std::uint64_t> tls_handshakes{0};
    std::atomic<std::uint64_t> tls_resumed{0};  ///< handshakes that resumed an earlier session
};

class connection;

struct connection_deleter {
    void operator()(connection* c) const noexcept;
};
using connection_ptr = std::unique_ptr<connection, connection_deleter>;

/// Per client: the TLS context and the session to resume. Used only on the
/// client's strand.
class transport {
public:
    /// Throws std::runtime_error when the CA bundle cannot be loaded.
    transport(boost::asio::any_io_executor strand, endpoint ep, const config& cfg);
    ~transport();
    transport(const transport&) = delete;
    transport& operator=(const transport&) = delete;

    /// A new, unconnected connection.
    connection_ptr make_connection();

    /// Resolves, connects and (for https) handshakes by `deadline` (the
    /// deadline covers name resolution too). Errors:
    /// resolve_failed, connect_failed, connect_timeout, tls_verify_failed,
    /// tls_handshake_failed, operation_aborted.
    boost::asio::awaitable<boost::system::error_code> connect(connection& c, steady_time deadline);

    /// Writes `request` (header and body) and reads the response by
    /// `deadline`. Errors: connection_closed, http_parse_error,
    /// header_too_large, body_too_large, boost::beast::error::timeout (the
    /// caller decides which deadline it was), operation_aborted.
    boost::asio::awaitable<boost::system::error_code> exchange(connection& c,
                                                               std::array<boost::asio::const_buffer, 2> request,
                                                               steady_time deadline, http_response& out,
                                                               exchange_progress& progress);

    /// Closes the socket at once; pending operations complete with operation_aborted.
    static void close(connection& c) noexcept;

    /// False when the server has closed (or is closing) an idle connection:
    /// checked before reuse so that nothing is written to a dead socket.
    static bool looks_alive(connection& c) noexcept;

    static bool is_open(const connection& c) noexcept;
    static std::uint64_t requests_served(const connection& c) noexcept;
    static steady_time idle_since(const connection& c) noexcept;

    const transport_stats& stats() const noexcept { return stats_; }

private:
    struct tls_state;
    boost::asio::any_io_executor strand_;
    endpoint endpoint_;
    limits_config limits_;
    std::unique_ptr<tls_state> tls_;
    transport_stats stats_;
};

}  // namespace awscoro::detail
