// The pure parts of the credentials providers: credential_process argument
// splitting (the CLI's shlex rule), RFC 3339 expirations and the JSON
// credentials documents.
#include "credentials_detail.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace awscoro;
using namespace awscoro::detail;
using namespace std::chrono;

namespace {

std::vector<std::string> split(std::string_view line)
{
    std::vector<std::string> argv;
    std::string error;
    REQUIRE_MESSAGE(split_command_line(line, argv, error), error);
    return argv;
}

std::string split_error(std::string_view line)
{
    std::vector<std::string> argv;
    std::string error;
    CHECK_FALSE(split_command_line(line, argv, error));
    return error;
}

using args = std::vector<std::string>;

}  // namespace

TEST_CASE("credential_process command lines split as shlex.split (POSIX)")
{
    CHECK(split("") == args{});
    CHECK(split("  \t ") == args{});
    CHECK(split("/usr/bin/tool --profile dev") == args{"/usr/bin/tool", "--profile", "dev"});
    CHECK(split("  tool \t a\nb  ") == args{"tool", "a", "b"});
    CHECK(split("tool 'a b' \"c d\"") == args{"tool", "a b", "c d"});
    CHECK(split("tool 'it\"s' \"it's\"") == args{"tool", "it\"s", "it's"});
    CHECK(split(R"(tool 'a\b' "c\"d" "e\\f" "g\h")") == args{"tool", R"(a\b)", R"(c"d)", R"(e\f)", R"(g\h)"});
    CHECK(split(R"(tool a\ b \'x\')") == args{"tool", "a b", "'x'"});
    CHECK(split("tool a\"b c\"d 'e'f") == args{"tool", "ab cd", "ef"});
    CHECK(split("tool '' \"\"") == args{"tool", "", ""});
    CHECK(split("tool $HOME `x` ; | # > *") == args{"tool", "$HOME", "`x`", ";", "|", "#", ">", "*"});  // no shell
    CHECK(split_error("tool 'open") == "no closing quotation");
    CHECK(split_error("tool \"open\\\"") == "no closing quotation");
    CHECK(split_error("tool \\").starts_with("no escaped character"));
}

TEST_CASE("RFC 3339 expirations")
{
    const auto base = sys_days(year{2024} / 1 / 2) + hours(3) + minutes(4) + seconds(5);
    CHECK(parse_rfc3339("2024-01-02T03:04:05Z") == base);
    CHECK(parse_rfc3339("2024-01-02t03:04:05z") == base);
    CHECK(parse_rfc3339("2024-01-02T03:04:05.250Z") == base + milliseconds(250));
    CHECK(parse_rfc3339("2024-01-02T05:04:05+02:00") == base);
    CHECK(parse_rfc3339("2024-01-01T23:34:05-03:30") == base);
    for (const char* bad : {"", "2024-01-02", "2024-01-02T03:04:05", "2024-13-02T03:04:05Z", "2024-02-30T03:04:05Z",
                            "2024-01-02T24:04:05Z", "2024-01-02T03:04:05.Z", "2024-01-02T03:04:05+0200",
                            "2024-01-02T03:04:05Zjunk", "2024-01-02 03:04:05Z", "20x4-01-02T03:04:05Z"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_rfc3339(bad).has_value());
    }
}

TEST_CASE("credentials documents: process, container, instance metadata")
{
    credentials c;
    std::string error;
    REQUIRE(parse_credentials_document(
        R"({"Version":1,"AccessKeyId":"AKID","SecretAccessKey":"S","SessionToken":"T","Expiration":"2030-01-01T00:00:00Z"})",
        credentials_document::process, c, error));
    CHECK(c.access_key_id == "AKID");
    CHECK(c.secret_access_key == "S");
    CHECK(c.session_token == "T");
    CHECK(c.expiration == sys_days(year{2030} / 1 / 1));

    REQUIRE(parse_credentials_document(R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"S"})",
                                       credentials_document::process, c, error));
    CHECK(c.session_token.empty());
    CHECK_FALSE(c.expiration.has_value());  // long-term credentials never expire

    REQUIRE(parse_credentials_document(
        R"({"AccessKeyId":"A","SecretAccessKey":"S","Token":"T","Expiration":"2030-01-01T00:00:00Z","RoleArn":"r"})",
        credentials_document::container, c, error));
    CHECK(c.session_token == "T");
    REQUIRE(parse_credentials_document(
        R"({"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"A","SecretAccessKey":"S","Token":"T","Expiration":"2030-01-01T00:00:00Z"})",
        credentials_document::imds, c, error));
    CHECK(c.session_token == "T");

    struct bad_case {
        const char* json;
        credentials_document kind;
        const char* error;
    };
    const bad_case bad[] = {
        {"not json", credentials_document::process, "the response is not a JSON object"},
        {"[1]", credentials_document::process, "the response is not a JSON object"},
        {R"({"AccessKeyId":"A","SecretAccessKey":"S"})", credentials_document::process, "Version must be the number 1"},
        {R"({"Version":2,"AccessKeyId":"A","SecretAccessKey":"S"})", credentials_document::process,
         "Version must be the number 1"},
        {R"({"Version":1,"SecretAccessKey":"S"})", credentials_document::process, "AccessKeyId is missing"},
        {R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":7})", credentials_document::process,
         "SecretAccessKey is missing"},
        {R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"tomorrow"})",
         credentials_document::process, "Expiration is not an RFC 3339 time"},
        {R"({"Code":"Failure","AccessKeyId":"A","SecretAccessKey":"S"})", credentials_document::imds,
         "Code is not \"Success\""},
        {R"({"Code":"Success","AccessKeyId":"A","SecretAccessKey":"S","Token":"T"})", credentials_document::imds,
         "Expiration is missing"},
    };
    for (const auto& b : bad) {
        CAPTURE(b.json);
        CHECK_FALSE(parse_credentials_document(b.json, b.kind, c, error));
        CHECK(error == b.error);
    }
}
