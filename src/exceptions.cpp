#include <awscoro/exceptions.hpp>

#include <boost/asio/error.hpp>

namespace awscoro {

std::string describe(const boost::system::error_code& ec, const diagnostics& diag)
{
    std::string s = diag.aws_code.empty() ? ec.message() : diag.aws_code;
    if (!diag.message.empty()) {
        s += ": ";
        s += diag.message;
    }
    std::string extra;
    auto add = [&](std::string part) {
        extra += extra.empty() ? " (" : ", ";
        extra += part;
    };
    if (diag.http_status != 0)
        add("HTTP " + std::to_string(diag.http_status));
    if (!diag.request_id.empty())
        add("request id " + diag.request_id);
    if (diag.attempts > 1)
        add(std::to_string(diag.attempts) + " attempts");
    if (!extra.empty())
        s += extra + ")";
    return s;
}

aws_error::aws_error(const boost::system::error_code& ec, diagnostics diag)
    : boost::system::system_error(ec, describe(ec, diag)), diag_(std::move(diag))
{
}

void throw_error(const boost::system::error_code& ec, const diagnostics& diag)
{
    if (ec == condition::throttled)
        throw throttling_error(ec, diag);
    if (ec == condition::validation)
        throw validation_error(ec, diag);
    if (ec == condition::auth)
        throw credentials_error(ec, diag);
    if (ec == condition::timeout)
        throw timeout_error(ec, diag);
    if (ec == error::tls_handshake_failed || ec == error::tls_verify_failed)
        throw tls_error(ec, diag);
    if (ec == condition::transport || ec == error::http_parse_error || ec == error::header_too_large ||
        ec == error::body_too_large || ec == error::malformed_response)
        throw transport_error(ec, diag);
    if (diag.http_status != 0)
        throw service_error(ec, diag);
    throw aws_error(ec, diag);
}

}  // namespace awscoro
