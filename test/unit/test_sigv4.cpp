#include "support/shared_data.hpp"
#include "support/sigv4_case.hpp"

#include <awscoro/sigv4.hpp>

#include <doctest/doctest.h>

#include <thread>
#include <vector>

using namespace awscoro;

TEST_CASE("sigv4: every case of the public suite passes, stage by stage")
{
    const auto root = test::shared_path("testdata/sigv4");
    const auto cases = test::find_sigv4_cases(root);
    // 38 aws-c-auth cases + 3 botocore originals.
    CHECK(cases.size() == 41);
    for (const auto& dir : cases) {
        const auto r = test::run_sigv4_case(dir, root);
        INFO(r.name, ": ", r.failure);
        CHECK(r.passed);
    }
}

namespace {

sigv4::signing_options at(std::chrono::system_clock::time_point t)
{
    return {.region = "us-east-1", .service = "sagemaker", .time = t};
}

}  // namespace

TEST_CASE("sigv4: X-Amz-Date formatting and parsing")
{
    std::chrono::system_clock::time_point t;
    REQUIRE(sigv4::parse_amz_date("20150830T123600Z", t));
    CHECK(sigv4::format_amz_date(t) == "20150830T123600Z");
    CHECK_FALSE(sigv4::parse_amz_date("20150830T123600", t));
    CHECK_FALSE(sigv4::parse_amz_date("2015083OT123600Z", t));
    CHECK_FALSE(sigv4::parse_amz_date("20151330T123600Z", t));
    CHECK_FALSE(sigv4::parse_amz_date("20150830T253600Z", t));
}

TEST_CASE("sigv4: the signing key is derived once per day, region, service and credentials")
{
    sigv4::signer s;
    sigv4::signing_result out;
    const sigv4::header_field headers[] = {{"Host", "api.sagemaker.us-east-1.amazonaws.com"}};
    const sigv4::request_view req{.method = "POST", .target = "/", .headers = headers, .payload = "{}"};
    const sigv4::credentials_view creds{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
    std::chrono::system_clock::time_point t;
    REQUIRE(sigv4::parse_amz_date("20240101T000000Z", t));

    s.sign(req, creds, at(t), out);
    const std::string first = out.signature;
    s.sign(req, creds, at(t + std::chrono::seconds(1)), out);
    CHECK(s.key_derivations() == 1);
    CHECK(out.signature != first);  // the time is signed

    s.sign(req, creds, at(t + std::chrono::hours(24)), out);
    CHECK(s.key_derivations() == 2);  // a new day, a new key

    const sigv4::credentials_view other{"AKIDEXAMPLE", "another-secret", ""};
    s.sign(req, other, at(t), out);
    CHECK(s.key_derivations() == 3);  // same key id, other secret: never the cached key

    s.sign(req, creds, at(t), out);
    CHECK(out.signature == first);  // the cached key gives the same signature
    CHECK(s.key_derivations() == 3);
}

TEST_CASE("sigv4: a session token is signed and must be added")
{
    sigv4::signer s;
    sigv4::signing_result out;
    const sigv4::header_field headers[] = {{"Host", "h"}};
    const sigv4::request_view req{.headers = headers, .payload = "{}"};
    s.sign(req, {"AKID", "secret", "TOKEN"}, at({}), out);
    CHECK(out.add_security_token);
    CHECK(out.signed_headers == "host;x-amz-date;x-amz-security-token");
    CHECK(out.canonical_request.find("x-amz-security-token:TOKEN\n") != std::string::npos);

    s.sign(req, {"AKID", "secret", ""}, at({}), out);
    CHECK_FALSE(out.add_security_token);
    CHECK(out.signed_headers == "host;x-amz-date");
}

TEST_CASE("sigv4: never-signed headers are left out; a verifier can name the signed set")
{
    sigv4::signer s;
    sigv4::signing_result out;
    const sigv4::header_field headers[] = {
        {"Host", "h"}, {"User-Agent", "awscoro"}, {"X-Amz-Target", "SageMaker.CreateImageVersion"},
        {"Content-Type", "application/x-amz-json-1.1"}, {"X-Amzn-Trace-Id", "Root=1"}};
    const sigv4::request_view req{.headers = headers, .payload = "{}"};
    s.sign(req, {"AKID", "secret", ""}, at({}), out);
    CHECK(out.signed_headers == "content-type;host;x-amz-date;x-amz-target");

    auto opts = at({});
    opts.only_headers = "host;x-amz-date;user-agent";
    s.sign(req, {"AKID", "secret", ""}, opts, out);
    CHECK(out.signed_headers == "host;user-agent;x-amz-date");
}

TEST_CASE("sigv4: signing from several threads with one signer gives identical results")
{
    sigv4::signer s;
    const sigv4::header_field headers[] = {{"Host", "h"}};
    const sigv4::request_view req{.headers = headers, .payload = "{\"ImageName\":\"x\"}"};
    sigv4::signing_result expected;
    s.sign(req, {"AKID", "secret", ""}, at({}), expected);

    std::vector<std::thread> threads;
    std::vector<int> mismatches(4, 0);
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&, i] {
            sigv4::signing_result out;
            for (int n = 0; n < 500; ++n) {
                // Alternate credentials so the cache is written concurrently too.
                const bool other = n % 2 == 1;
                s.sign(req, {"AKID", other ? "other" : "secret", ""}, at({}), out);
                if (!other && out.authorization != expected.authorization)
                    ++mismatches[i];
            }
        });
    for (auto& t : threads)
        t.join();
    for (int m : mismatches)
        CHECK(m == 0);
}

TEST_CASE("sigv4: uri_encode keeps unreserved characters only")
{
    std::string out;
    sigv4::uri_encode("a-b_c.d~e f/g$h\xE1\x88\xB4", out, true);
    CHECK(out == "a-b_c.d~e%20f/g%24h%E1%88%B4");
    out.clear();
    sigv4::uri_encode("a/b", out, false);
    CHECK(out == "a%2Fb");
}
