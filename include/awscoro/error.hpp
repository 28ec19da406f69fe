// awscoro core errors: one enum for everything below the service layer, its
// category, and the conditions callers branch on (retryable, throttled,
// timeout, auth) instead of lists of codes.
#pragma once

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace awscoro {

/// Errors raised by the core (transport, TLS, timeouts, credentials, request
/// validation, wire protocol) and the AWS-wide service errors every AWS JSON
/// service shares. Service-specific modeled errors have their own enum.
enum class error {
    // --- validation: the request was rejected before any I/O
    invalid_parameter = 1,     ///< a member breaks a model constraint (required, length, pattern, enum, range)

    // --- transport
    resolve_failed,            ///< DNS resolution found no address
    connect_failed,            ///< every resolved address refused or was unreachable
    connection_closed,         ///< the peer closed or reset the connection mid-exchange
    invalid_endpoint,          ///< the endpoint URL is unusable (bad scheme, plain http to a non-loopback host)

    // --- TLS
    tls_handshake_failed,      ///< the TLS handshake failed for a reason other than verification
    tls_verify_failed,         ///< the peer certificate is untrusted or names another host

    // --- timeouts
    connect_timeout,           ///< TCP connect + TLS handshake took longer than allowed
    attempt_timeout,           ///< one attempt's complete response did not arrive in time
    total_timeout,             ///< the whole call (all attempts and back-off) ran out of time

    // --- credentials
    no_credentials,            ///< no provider in the chain had credentials
    credentials_fetch_failed,  ///< a provider that should have credentials failed to produce them

    // --- wire protocol (the response is not what the protocol promises)
    http_parse_error,          ///< the response is not valid HTTP/1.1
    header_too_large,          ///< the response header exceeds the configured limit
    body_too_large,            ///< the response body exceeds the configured limit
    malformed_response,        ///< the body is not the JSON document the model declares

    // --- AWS-wide service errors (from the response's error code)
    throttling,                ///< a throttling-family code or HTTP 429
    transient_service_error,   ///< InternalFailure, ServiceUnavailable, RequestTimeout, HTTP 500/502/503/504
    access_denied,             ///< AccessDenied(Exception), NotAuthorized
    authentication_failed,     ///< UnrecognizedClient, InvalidSignature, IncompleteSignature, MissingAuthenticationToken, InvalidClientTokenId
    expired_token,             ///< ExpiredToken(Exception): the session credentials expired
    clock_skew,                ///< RequestTimeTooSkewed / RequestExpired / signature date out of range
    service_validation,        ///< ValidationException: the service rejected the input
    unknown_operation,         ///< UnknownOperationException
    serialization,             ///< SerializationException: the service could not read the body
    request_too_large,         ///< RequestEntityTooLargeException / HTTP 413
    service_error,             ///< any other service error code (kept verbatim in diagnostics)
};

/// Categories of failure that callers test instead of individual codes.
enum class condition {
    retryable = 1,  ///< another attempt may succeed (throttling, transient, connection, attempt timeout)
    throttled,      ///< the service or the client-side limiter asked to slow down
    timeout,        ///< a deadline passed
    auth,           ///< credentials missing, rejected or expired
    validation,     ///< the input is invalid (client-side or service-side)
    transport,      ///< the connection failed (DNS, TCP, TLS, dropped)
};

const boost::system::error_category& error_category() noexcept;
const boost::system::error_category& condition_category() noexcept;

inline boost::system::error_code make_error_code(error e) noexcept
{
    return {static_cast<int>(e), error_category()};
}

inline boost::system::error_condition make_error_condition(condition c) noexcept
{
    return {static_cast<int>(c), condition_category()};
}

}  // namespace awscoro

template <>
struct boost::system::is_error_code_enum<awscoro::error> : std::true_type {};

template <>
struct boost::system::is_error_condition_enum<awscoro::condition> : std::true_type {};
