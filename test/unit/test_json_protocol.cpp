#include "support/shared_data.hpp"

#include <awscoro/exceptions.hpp>
#include <awscoro/json_protocol.hpp>
#include <awscoro/sagemaker/errors.hpp>

#include <boost/asio/error.hpp>
#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>

using namespace awscoro;
namespace json = boost::json;

namespace {

std::string header(const json::object& headers, std::string_view name)
{
    for (const auto& kv : headers) {
        const std::string_view k = kv.key();
        if (k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
            }))
            return std::string(kv.value().as_string());
    }
    return {};
}

// Runs every error case (one with "errorCode") of a botocore protocol file
// whose suite speaks the json protocol; returns how many ran.
int run_error_cases(const std::string& file)
{
    const auto doc = json::parse(test::read_shared(file));
    int ran = 0;
    for (const auto& suite : doc.as_array()) {
        if (suite.at("metadata").at("protocol").as_string() != "json")
            continue;
        for (const auto& c : suite.at("cases").as_array()) {
            const auto& cs = c.as_object();
            if (!cs.contains("errorCode"))
                continue;
            const auto& response = cs.at("response").as_object();
            const json::object headers = response.contains("headers") ? response.at("headers").as_object() : json::object{};
            const std::string body = response.contains("body") ? std::string(response.at("body").as_string()) : "";
            const auto info = json_protocol::parse_error(header(headers, "X-Amzn-ErrorType"), body);
            INFO(file, " case ", cs.contains("id") ? std::string(cs.at("id").as_string()) : std::string(suite.at("description").as_string()));
            CHECK(info.code == std::string(cs.at("errorCode").as_string()));
            if (cs.contains("errorMessage"))
                CHECK(info.message == std::string(cs.at("errorMessage").as_string()));
            ++ran;
        }
    }
    return ran;
}

}  // namespace

TEST_CASE("json protocol: the error cases of the AWS JSON 1.1 protocol tests")
{
    CHECK(run_error_cases("testdata/protocol/output-json.json") == 12);
    CHECK(run_error_cases("testdata/protocol/legacy-output-json.json") == 4);
}

TEST_CASE("json protocol: error code sources and their precedence")
{
    CHECK(json_protocol::sanitize_error_code("aws.ns#ResourceNotFound:http://internal") == "ResourceNotFound");
    CHECK(json_protocol::sanitize_error_code("ResourceNotFound") == "ResourceNotFound");
    CHECK(json_protocol::sanitize_error_code("a#b#C") == "b#C");  // only up to the first '#'
    // header beats code beats __type
    CHECK(json_protocol::parse_error("FromHeader", R"({"code":"FromCode","__type":"FromType"})").code == "FromHeader");
    CHECK(json_protocol::parse_error("", R"({"code":"FromCode","__type":"FromType"})").code == "FromCode");
    CHECK(json_protocol::parse_error("", R"({"Code":"Capital","__type":"FromType"})").code == "FromType");
    // message, then Message
    CHECK(json_protocol::parse_error("", R"({"__type":"X","message":"lower","Message":"upper"})").message == "lower");
    CHECK(json_protocol::parse_error("", R"({"__type":"X","Message":"upper"})").message == "upper");
    // garbage bodies are not an error of their own: no code, no message
    const auto junk = json_protocol::parse_error("", "<html>Bad Gateway</html>");
    CHECK(junk.code.empty());
    CHECK(junk.message.empty());
    CHECK(json_protocol::parse_error("", R"(["__type"])").code.empty());
    CHECK(json_protocol::parse_error("", R"({"__type":42})").code.empty());
}

TEST_CASE("json protocol: classification of AWS-wide codes and statuses")
{
    using json_protocol::classify_error;
    for (auto code : {"Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
                      "TooManyRequestsException", "ProvisionedThroughputExceededException",
                      "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
                      "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
                      "EC2ThrottledException"}) {
        INFO(code);
        CHECK(classify_error(code, 400) == error::throttling);
    }
    for (auto code : {"RequestTimeout", "RequestTimeoutException", "InternalFailure", "ServiceUnavailable"})
        CHECK(classify_error(code, 500) == error::transient_service_error);
    CHECK(classify_error("", 429) == error::throttling);
    for (unsigned s : {500u, 502u, 503u, 504u})
        CHECK(classify_error("", s) == error::transient_service_error);
    CHECK(classify_error("", 501) == error::service_error);
    CHECK(classify_error("UnrecognizedClientException", 400) == error::authentication_failed);
    CHECK(classify_error("InvalidSignatureException", 400) == error::authentication_failed);
    CHECK(classify_error("IncompleteSignatureException", 400) == error::authentication_failed);
    CHECK(classify_error("MissingAuthenticationTokenException", 400) == error::authentication_failed);
    CHECK(classify_error("AccessDeniedException", 400) == error::access_denied);
    CHECK(classify_error("ExpiredTokenException", 400) == error::expired_token);
    CHECK(classify_error("RequestTimeTooSkewed", 400) == error::clock_skew);
    CHECK(classify_error("ValidationException", 400) == error::service_validation);
    CHECK(classify_error("SomethingNew", 400) == error::service_error);
    CHECK(classify_error("RequestEntityTooLargeException", 413) == error::request_too_large);
}

TEST_CASE("errors: SageMaker's modeled errors map first and are not retryable")
{
    CHECK(sagemaker::map_error("ResourceNotFound", 400) == sagemaker::error::resource_not_found);
    CHECK(sagemaker::map_error("ResourceInUse", 400) == sagemaker::error::resource_in_use);
    // A quota, not a rate: not in the throttling family.
    const auto limit = sagemaker::map_error("ResourceLimitExceeded", 400);
    CHECK(limit == sagemaker::error::resource_limit_exceeded);
    CHECK(limit != condition::retryable);
    CHECK(limit != condition::throttled);
    CHECK(sagemaker::map_error("ThrottlingException", 400) == condition::throttled);
    CHECK(sagemaker::map_error("ThrottlingException", 400) == condition::retryable);
    CHECK(sagemaker::map_error("InternalFailure", 500) == condition::retryable);
    CHECK(sagemaker::map_error("ValidationException", 400) == condition::validation);
    CHECK(sagemaker::map_error("ValidationException", 400) != condition::retryable);
    CHECK(sagemaker::map_error("UnrecognizedClientException", 400) == condition::auth);
}

TEST_CASE("errors: conditions cover the transport codes of Asio")
{
    CHECK(boost::system::error_code(boost::asio::error::connection_reset) == condition::retryable);
    CHECK(boost::system::error_code(boost::asio::error::connection_reset) == condition::transport);
    CHECK(boost::system::error_code(boost::asio::error::operation_aborted) != condition::retryable);
    CHECK(make_error_code(error::attempt_timeout) == condition::timeout);
    CHECK(make_error_code(error::attempt_timeout) == condition::retryable);
    CHECK(make_error_code(error::total_timeout) != condition::retryable);
    CHECK(make_error_code(error::tls_verify_failed) == condition::transport);
    CHECK(make_error_code(error::tls_verify_failed) != condition::retryable);
    CHECK(std::string(error_category().name()) == "awscoro");
    CHECK(!make_error_code(error::invalid_parameter).message().empty());
}

TEST_CASE("errors: the thrown exception class follows the error")
{
    diagnostics d{.aws_code = "ResourceNotFound", .message = "Image x does not exist", .request_id = "req-1",
                  .http_status = 400, .attempts = 1};
    try {
        sagemaker::throw_error(sagemaker::error::resource_not_found, d);
        FAIL("no exception");
    } catch (const sagemaker::resource_not_found& e) {
        CHECK(e.diag().request_id == "req-1");
        CHECK(e.code() == sagemaker::error::resource_not_found);
        CHECK(std::string(e.what()).find("ResourceNotFound: Image x does not exist (HTTP 400, request id req-1)") !=
              std::string::npos);
    }
    d.aws_code = "ThrottlingException";
    CHECK_THROWS_AS(sagemaker::throw_error(error::throttling, d), throttling_error);
    CHECK_THROWS_AS(sagemaker::throw_error(error::throttling, d), service_error);
    CHECK_THROWS_AS(sagemaker::throw_error(error::invalid_parameter, {}), validation_error);
    CHECK_THROWS_AS(sagemaker::throw_error(error::tls_verify_failed, {}), tls_error);
    CHECK_THROWS_AS(sagemaker::throw_error(error::attempt_timeout, {}), timeout_error);
    CHECK_THROWS_AS(sagemaker::throw_error(error::no_credentials, {}), credentials_error);
    CHECK_THROWS_AS(sagemaker::throw_error(boost::asio::error::connection_reset, {}), transport_error);
    CHECK_THROWS_AS(sagemaker::throw_error(error::body_too_large, {}), transport_error);
    // Every class is a system_error, what Asio users already catch.
    CHECK_THROWS_AS(sagemaker::throw_error(error::service_error, d), boost::system::system_error);
}
