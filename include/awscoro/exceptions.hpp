// Exceptions thrown by awscoro's coroutine interface. All derive from
// aws_error, a boost::system::system_error (what Asio users already catch)
// that also carries the diagnostics. Catch the class you can act on:
//
//   try { co_await client.create_image_version(req); }
//   catch (const awscoro::throttling_error&) { ... }
//   catch (const awscoro::aws_error& e) { log(e.diag().request_id); }
#pragma once

#include <awscoro/diagnostics.hpp>
#include <awscoro/error.hpp>

#include <boost/system/system_error.hpp>

namespace awscoro {

class aws_error : public boost::system::system_error {
public:
    aws_error(const boost::system::error_code& ec, diagnostics diag);
    const diagnostics& diag() const noexcept { return diag_; }

private:
    diagnostics diag_;
};

/// The service answered with an error (modeled or not).
class service_error : public aws_error {
    using aws_error::aws_error;
};
/// Throttled by the service or the client-side rate limiter, after retries.
class throttling_error : public service_error {
    using service_error::service_error;
};
/// The request is invalid: rejected before any I/O, or by the service.
class validation_error : public aws_error {
    using aws_error::aws_error;
};
/// Credentials missing, rejected or expired.
class credentials_error : public aws_error {
    using aws_error::aws_error;
};
/// The connection failed: DNS, TCP, dropped connection, unreadable response.
class transport_error : public aws_error {
    using aws_error::aws_error;
};
/// The TLS handshake or certificate verification failed.
class tls_error : public transport_error {
    using transport_error::transport_error;
};
/// A connect, attempt or total deadline passed.
class timeout_error : public aws_error {
    using aws_error::aws_error;
};

/// Throws the exception class that fits `ec` among the core's.
[[noreturn]] void throw_error(const boost::system::error_code& ec, const diagnostics& diag);

/// One line for logs and exceptions: code, message, status, request id,
/// attempts. Never contains a secret (diagnostics never hold one).
std::string describe(const boost::system::error_code& ec, const diagnostics& diag);

}  // namespace awscoro
