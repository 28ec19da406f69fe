#include "api_handler.hpp"
#include "support.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

using namespace sagemaker_local;
using namespace sagemaker_local::test;

namespace {

/// The whole pipeline with its parts, at a fixed time.
struct fixture {
    explicit fixture(double tps = 0)
        : store{store_config{}},
          verifier{verifier_config{.secrets = {{std::string(access_key_id), std::string(secret_access_key)}}}},
          limiter{tps, tps, {}},
          handler{store, verifier, limiter, stats}
    {
    }

    http_response call(std::string_view operation, std::string body, fault_action fault = fault_action::none)
    {
        return send(make_request(operation, std::move(body)), fault);
    }

    http_response send(const signed_request& r, fault_action fault = fault_action::none)
    {
        return handler.handle(r.view(), {wall(0), {}}, fault);
    }

    boost::json::object stats_json() { return boost::json::parse(stats.to_json(store.counters())).as_object(); }

    image_store store;
    sigv4_verifier verifier;
    token_bucket limiter;
    server_stats stats;
    api_handler handler;
};

/// __type of an error response ("" for a success).
std::string type_of(const http_response& r)
{
    if (r.status == 200)
        return "";
    return std::string(boost::json::parse(r.body).as_object().at("__type").as_string());
}

constexpr std::string_view create_image_body =
    R"({"ImageName":"img","RoleArn":"arn:aws:iam::123456789012:role/r"})";

}  // namespace

TEST_CASE("handler: a signed request runs the operation and answers the codec's JSON")
{
    fixture f;
    const auto res = f.call("CreateImage", std::string(create_image_body));
    CHECK(res.status == 200);
    CHECK(res.body == R"({"ImageArn":"arn:aws:sagemaker:us-east-1:123456789012:image/img"})");
    CHECK(res.request_id.size() == 36);

    const auto described = f.call("DescribeImage", R"({"ImageName":"img"})");
    CHECK(described.status == 200);
    const auto doc = boost::json::parse(described.body).as_object();
    CHECK(doc.at("ImageStatus").as_string() == "CREATING");
    CHECK(doc.at("CreationTime").is_number());  // epoch seconds
    CHECK(f.stats_json().at("requests").as_object().at("DescribeImage").as_int64() == 1);
}

TEST_CASE("handler: every operation is dispatched")
{
    fixture f;
    REQUIRE(f.call("CreateImage", std::string(create_image_body)).status == 200);
    const std::pair<std::string_view, std::string_view> calls[] = {
        {"CreateImageVersion", R"({"ImageName":"img","BaseImage":"repo:1","ClientToken":"tok-1","Aliases":["a"]})"},
        {"DescribeImageVersion", R"({"ImageName":"img","Version":1})"},
        {"ListImageVersions", R"({"ImageName":"img","MaxResults":5})"},
        {"UpdateImageVersion", R"({"ImageName":"img","Version":1,"AliasesToAdd":["b"]})"},
        {"ListAliases", R"({"ImageName":"img"})"},
        {"DeleteImageVersion", R"({"ImageName":"img","Alias":"a"})"},
        {"ListImages", R"({})"},
        {"DescribeImage", R"({"ImageName":"img"})"},
        {"DeleteImage", R"({"ImageName":"img"})"},
    };
    for (const auto& call : calls) {
        const auto operation = call.first;  // not a structured binding: INFO captures it, clang 14 refuses
        INFO(operation);
        const auto res = f.call(operation, std::string(call.second));
        CHECK(res.status == 200);
        CHECK(boost::json::parse(res.body).is_object());
    }
    const auto per_operation = f.stats_json().at("requests").as_object();
    for (const auto name : operation_names)
        CHECK(per_operation.at(name).as_int64() == 1);
}

TEST_CASE("handler: the error table")
{
    fixture f;
    CHECK(type_of(f.call("Frobnicate", "{}")) == "UnknownOperationException");
    CHECK(type_of(f.call("DescribeImage", "[1,2]")) == "SerializationException");
    CHECK(type_of(f.call("DescribeImage", "not json")) == "SerializationException");
    CHECK(type_of(f.call("DescribeImage", R"({"ImageName":5})")) == "SerializationException");
    CHECK(type_of(f.call("DescribeImage", R"({"ImageName":"-bad_name-"})")) == "ValidationException");
    CHECK(type_of(f.call("DescribeImage", R"({})")) == "ValidationException");
    CHECK(type_of(f.call("ListImages", R"({"MaxResults":0})")) == "ValidationException");
    CHECK(type_of(f.call("DescribeImage", R"({"ImageName":"nope"})")) == "ResourceNotFound");

    auto tampered = make_request("ListImages", "{}");
    tampered.set("x-amz-target", "SageMaker.DeleteImage");
    CHECK(type_of(f.send(tampered)) == "InvalidSignatureException");
    auto unsigned_request = make_request("ListImages", "{}");
    unsigned_request.remove("authorization");
    CHECK(type_of(f.send(unsigned_request)) == "MissingAuthenticationTokenException");

    CHECK(f.call("ListImages", "{}", fault_action::internal_failure).status == 500);
    CHECK(type_of(f.call("ListImages", "{}", fault_action::internal_failure)) == "InternalFailure");
    CHECK(f.call("ListImages", "{}", fault_action::service_unavailable).status == 503);

    const auto stats = f.stats_json();
    CHECK(stats.at("signatures_rejected").as_int64() == 2);
    CHECK(stats.at("faults_injected").as_int64() == 3);
    CHECK(stats.at("errors").as_object().at("ValidationException").as_int64() == 3);
}

TEST_CASE("handler: a wrong Content-Type, correctly signed, is a SerializationException")
{
    fixture f;
    CHECK(type_of(f.send(make_request("ListImages", "{}", {.content_type = "text/plain"}))) ==
          "SerializationException");
    CHECK(f.send(make_request("ListImages", "{}", {.content_type = "application/x-amz-json-1.1; charset=utf-8"}))
              .status == 200);
}

TEST_CASE("handler: modeled errors say Message, the others message")
{
    fixture f;
    const auto missing = boost::json::parse(f.call("DescribeImage", R"({"ImageName":"nope"})").body).as_object();
    CHECK(missing.contains("Message"));
    CHECK_FALSE(missing.contains("message"));
    const auto invalid = boost::json::parse(f.call("DescribeImage", R"({})").body).as_object();
    CHECK(invalid.contains("message"));
    CHECK(invalid.at("message").as_string().find("ImageName") != boost::json::string::npos);
}

TEST_CASE("handler: the rate limit answers ThrottlingException once the burst is spent")
{
    fixture f{2};
    CHECK(f.call("ListImages", "{}").status == 200);
    CHECK(f.call("ListImages", "{}").status == 200);
    const auto throttled = f.call("ListImages", "{}");
    CHECK(type_of(throttled) == "ThrottlingException");
    CHECK(boost::json::parse(throttled.body).as_object().at("message").as_string() == "Rate exceeded");
    CHECK(f.stats_json().at("throttled").as_int64() == 1);
}

TEST_CASE("handler: admin paths need no signature")
{
    fixture f;
    REQUIRE(f.call("CreateImage", std::string(create_image_body)).status == 200);
    const incoming_request stats_req{"GET", "/__stats", {}, {}};
    const auto stats = f.handler.handle(stats_req, {wall(0), {}});
    CHECK(stats.status == 200);
    CHECK(boost::json::parse(stats.body).as_object().at("images_created").as_int64() == 1);

    const incoming_request reset_req{"POST", "/__reset", {}, {}};
    CHECK(f.handler.handle(reset_req, {wall(0), {}}).status == 200);
    CHECK(type_of(f.call("DescribeImage", R"({"ImageName":"img"})")) == "ResourceNotFound");

    const incoming_request unknown{"GET", "/__nothing", {}, {}};
    CHECK(f.handler.handle(unknown, {wall(0), {}}).status == 404);
    CHECK(api_handler::is_admin("/__stats?x=1"));
    CHECK_FALSE(api_handler::is_admin("/"));
}
