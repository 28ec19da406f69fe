#include "sigv4_verifier.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

using namespace sagemaker_local;
using namespace sagemaker_local::test;
using namespace std::chrono_literals;

namespace {

sigv4_verifier make_verifier()
{
    return sigv4_verifier{verifier_config{.secrets = {{std::string(access_key_id), std::string(secret_access_key)}}}};
}

std::string rejection(const signed_request& r, std::chrono::system_clock::time_point now = wall(0))
{
    auto verifier = make_verifier();
    const auto error = verifier.verify(r.view(), now);
    return error ? error->type : "accepted";
}

}  // namespace

TEST_CASE("verifier: a request signed by a known key is accepted, within 5 minutes of skew")
{
    const auto r = make_request("ListImages", "{}");
    CHECK(rejection(r) == "accepted");
    CHECK(rejection(r, wall(299)) == "accepted");
    CHECK(rejection(r, wall(-299)) == "accepted");
}

TEST_CASE("verifier: header names in any case and extra unsigned headers are fine")
{
    auto r = make_request("ListImages", "{}");
    for (auto& [name, value] : r.owned)
        name[0] = static_cast<char>(std::toupper(name[0]));
    r.owned.emplace_back("User-Agent", "test");
    r.refresh();
    CHECK(rejection(r) == "accepted");
}

TEST_CASE("verifier: each way a signature can be wrong has its AWS error")
{
    SUBCASE("no Authorization header")
    {
        auto r = make_request("ListImages", "{}");
        r.remove("authorization");
        CHECK(rejection(r) == "MissingAuthenticationTokenException");
    }
    SUBCASE("tampered signature")
    {
        auto r = make_request("ListImages", "{}");
        auto auth = r.owned.back().second;
        auth.back() = auth.back() == '0' ? '1' : '0';
        r.set("authorization", auth);
        CHECK(rejection(r) == "InvalidSignatureException");
    }
    SUBCASE("tampered body")
    {
        auto r = make_request("ListImages", "{}");
        r.body = R"({"MaxResults":1})";
        CHECK(rejection(r) == "InvalidSignatureException");
    }
    SUBCASE("tampered signed header")
    {
        auto r = make_request("ListImages", "{}");
        r.set("x-amz-target", "SageMaker.DeleteImage");
        CHECK(rejection(r) == "InvalidSignatureException");
    }
    SUBCASE("wrong secret")
    {
        CHECK(rejection(make_request("ListImages", "{}", {.secret_access_key = "not-the-secret"})) ==
              "InvalidSignatureException");
    }
    SUBCASE("unknown access key")
    {
        CHECK(rejection(make_request("ListImages", "{}", {.access_key_id = "AKIDUNKNOWN"})) ==
              "UnrecognizedClientException");
    }
    SUBCASE("wrong region in the scope")
    {
        CHECK(rejection(make_request("ListImages", "{}", {.region = "eu-west-1"})) == "InvalidSignatureException");
    }
    SUBCASE("date 20 minutes off, either way")
    {
        const auto r = make_request("ListImages", "{}");
        auto verifier = make_verifier();
        const auto late = verifier.verify(r.view(), wall(20 * 60));
        REQUIRE(late);
        CHECK(late->type == "InvalidSignatureException");
        CHECK(late->message.find("Signature expired") != std::string::npos);
        const auto early = verifier.verify(r.view(), wall(-20 * 60));
        REQUIRE(early);
        CHECK(early->message.find("Signature not yet current") != std::string::npos);
    }
    SUBCASE("no X-Amz-Date")
    {
        auto r = make_request("ListImages", "{}");
        r.remove("x-amz-date");
        CHECK(rejection(r) == "IncompleteSignatureException");
    }
    SUBCASE("malformed X-Amz-Date")
    {
        auto r = make_request("ListImages", "{}");
        r.set("x-amz-date", "yesterday");
        CHECK(rejection(r) == "IncompleteSignatureException");
    }
    SUBCASE("X-Amz-Date on another day than the scope")
    {
        auto r = make_request("ListImages", "{}");
        r.set("x-amz-date", "20200101T000000Z");
        CHECK(rejection(r) == "InvalidSignatureException");
    }
}

TEST_CASE("verifier: Authorization header parsing")
{
    const auto ok = parse_authorization(
        "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/sagemaker/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=abcd");
    REQUIRE(std::holds_alternative<authorization_fields>(ok));
    const auto& f = std::get<authorization_fields>(ok);
    CHECK(f.access_key_id == "AKID");
    CHECK(f.date == "20240101");
    CHECK(f.region == "us-east-1");
    CHECK(f.service == "sagemaker");
    CHECK(f.terminator == "aws4_request");
    CHECK(f.signed_headers == "host;x-amz-date");
    CHECK(f.signature == "abcd");

    for (const char* bad : {"", "Basic dXNlcjpwYXNz", "AWS4-HMAC-SHA256",
                            "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=ab",
                            "AWS4-HMAC-SHA256 Credential=AKID/2024/us-east-1/sagemaker/aws4_request, "
                            "SignedHeaders=host, Signature=ab",
                            "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1, SignedHeaders=host, Signature=ab"}) {
        INFO(bad);
        const auto r = parse_authorization(bad);
        REQUIRE(std::holds_alternative<api_error>(r));
        CHECK(std::get<api_error>(r).type == "IncompleteSignatureException");
    }
}
