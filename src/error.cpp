#include <awscoro/error.hpp>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>

namespace awscoro {
namespace {

bool is_timeout(error e)
{
    return e == error::connect_timeout || e == error::attempt_timeout || e == error::total_timeout;
}

bool is_transport(error e)
{
    switch (e) {
    case error::resolve_failed:
    case error::connect_failed:
    case error::connection_closed:
    case error::tls_handshake_failed:
    case error::tls_verify_failed:
    case error::connect_timeout:
        return true;
    default:
        return false;
    }
}

bool is_auth(error e)
{
    switch (e) {
    case error::no_credentials:
    case error::credentials_fetch_failed:
    case error::access_denied:
    case error::authentication_failed:
    case error::expired_token:
        return true;
    default:
        return false;
    }
}

bool is_retryable(error e)
{
    switch (e) {
    case error::connect_failed:
    case error::connection_closed:
    case error::connect_timeout:
    case error::attempt_timeout:
    case error::throttling:
    case error::transient_service_error:
    case error::clock_skew:
        return true;
    default:
        return false;
    }
}

class error_category_impl final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "awscoro"; }

    std::string message(int ev) const override
    {
        switch (static_cast<error>(ev)) {
        case error::invalid_parameter: return "a request member breaks a model constraint";
        case error::resolve_failed: return "the endpoint host name did not resolve";
        case error::connect_failed: return "could not connect to the endpoint";
        case error::connection_closed: return "the connection was closed by the peer";
        case error::invalid_endpoint: return "the endpoint URL is not usable";
        case error::tls_handshake_failed: return "the TLS handshake failed";
        case error::tls_verify_failed: return "the server certificate could not be verified";
        case error::connect_timeout: return "connecting to the endpoint timed out";
        case error::attempt_timeout: return "the response did not arrive in time";
        case error::total_timeout: return "the call ran out of time";
        case error::no_credentials: return "no credentials were found";
        case error::credentials_fetch_failed: return "fetching credentials failed";
        case error::http_parse_error: return "the response is not valid HTTP";
        case error::header_too_large: return "the response header is larger than allowed";
        case error::body_too_large: return "the response body is larger than allowed";
        case error::malformed_response: return "the response body is not what the service model declares";
        case error::throttling: return "the request was throttled";
        case error::transient_service_error: return "the service had a transient failure";
        case error::access_denied: return "access denied";
        case error::authentication_failed: return "the service rejected the request's credentials or signature";
        case error::expired_token: return "the security token has expired";
        case error::clock_skew: return "the request time is too far from the service's clock";
        case error::service_validation: return "the service rejected the request as invalid";
        case error::unknown_operation: return "the service does not know the operation";
        case error::serialization: return "the service could not read the request body";
        case error::request_too_large: return "the request body is larger than the service accepts";
        case error::service_error: return "the service returned an error";
        }
        return "unknown awscoro error";
    }

    bool equivalent(int code, const boost::system::error_condition& cond) const noexcept override
    {
        if (cond.category() != condition_category())
            return false;
        const auto e = static_cast<error>(code);
        switch (static_cast<condition>(cond.value())) {
        case condition::retryable: return is_retryable(e);
        case condition::throttled: return e == error::throttling;
        case condition::timeout: return is_timeout(e);
        case condition::auth: return is_auth(e);
        case condition::validation: return e == error::invalid_parameter || e == error::service_validation;
        case condition::transport: return is_transport(e);
        }
        return false;
    }
};

// Conditions also cover the Asio and TLS codes a transport can surface.
class condition_category_impl final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "awscoro.condition"; }

    std::string message(int ev) const override
    {
        switch (static_cast<condition>(ev)) {
        case condition::retryable: return "retryable";
        case condition::throttled: return "throttled";
        case condition::timeout: return "timeout";
        case condition::auth: return "authentication or authorization";
        case condition::validation: return "invalid input";
        case condition::transport: return "transport";
        }
        return "unknown condition";
    }

    bool equivalent(const boost::system::error_code& ec, int cond) const noexcept override
    {
        if (ec.category() == awscoro::error_category())
            return awscoro::error_category().equivalent(ec.value(), boost::system::error_condition(cond, *this));
        namespace ae = boost::asio::error;
        const bool transport = ec == ae::connection_reset || ec == ae::connection_refused || ec == ae::broken_pipe ||
                               ec == ae::eof || ec == ae::host_unreachable || ec == ae::network_unreachable ||
                               ec == ae::connection_aborted || ec == boost::asio::ssl::error::stream_truncated;
        switch (static_cast<condition>(cond)) {
        case condition::transport:
        case condition::retryable: return transport || ec == ae::timed_out;
        case condition::timeout: return ec == ae::timed_out;
        default: return false;
        }
    }
};

}  // namespace

const boost::system::error_category& error_category() noexcept
{
    static const error_category_impl instance;
    return instance;
}

const boost::system::error_category& condition_category() noexcept
{
    static const condition_category_impl instance;
    return instance;
}

}  // namespace awscoro
