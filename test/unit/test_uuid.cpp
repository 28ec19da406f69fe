#include <awscoro/uuid.hpp>

#include <doctest/doctest.h>

#include <set>
#include <stdexcept>
#include <string>

namespace {

// Canonical form: 36 characters, lower-case hex, hyphens at 8, 13, 18, 23.
bool is_canonical(const std::string& s)
{
    if (s.size() != 36)
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool hyphen = i == 8 || i == 13 || i == 18 || i == 23;
        const char c = s[i];
        if (hyphen ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

constexpr const char* dns_namespace = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
constexpr const char* url_namespace = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

}  // namespace

TEST_CASE("uuid: random v4 is canonical with version 4 and the RFC 4122 variant")
{
    for (int i = 0; i < 100; ++i) {
        const std::string u = awscoro::random_uuid_v4();
        REQUIRE_MESSAGE(is_canonical(u), u);
        CHECK(u[14] == '4');
        CHECK(std::string("89ab").find(u[19]) != std::string::npos);
    }
}

TEST_CASE("uuid: 1000 random v4 values are all distinct")
{
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i)
        seen.insert(awscoro::random_uuid_v4());
    CHECK(seen.size() == 1000);
}

TEST_CASE("uuid: name-based v5 matches known vectors")
{
    // RFC 4122 DNS namespace; the same values as Python's uuid.uuid5.
    CHECK(awscoro::name_based_uuid(dns_namespace, "www.example.com") == "2ed6657d-e927-568b-95e1-2665a8aea6a2");
    CHECK(awscoro::name_based_uuid(dns_namespace, "python.org") == "886313e1-3b8a-5372-9b90-0c9aee199e5d");
    CHECK(awscoro::name_based_uuid(dns_namespace, "") == "4ebd0208-8328-5d69-8c44-ec50939c0967");
    CHECK(awscoro::name_based_uuid(url_namespace, "https://example.com/") == "dd2c1780-811a-5296-81c5-178a0ef488bc");
}

TEST_CASE("uuid: name-based v5 is deterministic, case-insensitive in the namespace, and varies with the name")
{
    const std::string a = awscoro::name_based_uuid(dns_namespace, "token-1");
    CHECK(a == awscoro::name_based_uuid(dns_namespace, "token-1"));
    CHECK(a == awscoro::name_based_uuid("6BA7B810-9DAD-11D1-80B4-00C04FD430C8", "token-1"));
    CHECK(a != awscoro::name_based_uuid(dns_namespace, "token-2"));
    CHECK(a != awscoro::name_based_uuid(url_namespace, "token-1"));
    REQUIRE(is_canonical(a));
    CHECK(a[14] == '5');
    CHECK(std::string("89ab").find(a[19]) != std::string::npos);
}

TEST_CASE("uuid: a malformed namespace is rejected")
{
    CHECK_THROWS_AS(awscoro::name_based_uuid("", "x"), std::invalid_argument);
    CHECK_THROWS_AS(awscoro::name_based_uuid("6ba7b810-9dad-11d1-80b4-00c04fd430c", "x"), std::invalid_argument);
    CHECK_THROWS_AS(awscoro::name_based_uuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8a", "x"), std::invalid_argument);
    CHECK_THROWS_AS(awscoro::name_based_uuid("6ba7b810x9dad-11d1-80b4-00c04fd430c8", "x"), std::invalid_argument);
    CHECK_THROWS_AS(awscoro::name_based_uuid("6ba7b810-9dad-11d1-80b4-00c04fd430cg", "x"), std::invalid_argument);
    CHECK_THROWS_AS(awscoro::name_based_uuid("6ba7b8109dad11d180b400c04fd430c8", "x"), std::invalid_argument);
}
