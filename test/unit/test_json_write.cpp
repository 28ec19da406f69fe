#include "allocation_counter.hpp"

#include "json_write.hpp"

#include <boost/json/parse.hpp>
#include <doctest/doctest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <new>
#include <string>

// Replacement global allocation functions that count per thread (see
// allocation_counter.hpp). Only the size_t forms are replaced: the array and
// nothrow forms forward to them, the aligned forms are left alone.
namespace {
thread_local std::size_t allocations = 0;
}

void* operator new(std::size_t size)
{
    ++allocations;
    if (void* p = std::malloc(size == 0 ? 1 : size))
        return p;
    throw std::bad_alloc{};
}
void operator delete(void* p) noexcept
{
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept
{
    std::free(p);
}

std::size_t awscoro::test::allocation_count() noexcept
{
    return allocations;
}

using awscoro::detail::json_writer;

namespace {

std::string quoted(std::string_view s)
{
    std::string out;
    json_writer::append_string(out, s);
    return out;
}

std::string number(double v)
{
    std::string out;
    json_writer{out}.number(v);
    return out;
}

}  // namespace

TEST_CASE("json_write: an empty object and nested containers get their commas")
{
    std::string out;
    json_writer w{out};
    w.begin_object();
    w.end_object();
    CHECK(out == "{}");

    out.clear();
    json_writer n{out};
    n.begin_object();
    n.key("a");
    n.integer(1);
    n.key("b");
    n.begin_array();
    n.begin_object();
    n.end_object();
    n.begin_array();
    n.end_array();
    n.string("x");
    n.null();
    n.end_array();
    n.key("c");
    n.begin_object();
    n.key("d");
    n.boolean(true);
    n.key("e");
    n.boolean(false);
    n.end_object();
    n.end_object();
    CHECK(out == R"({"a":1,"b":[{},[],"x",null],"c":{"d":true,"e":false}})");
    CHECK_NOTHROW(boost::json::parse(out));
}

TEST_CASE("json_write: appends to what the string already holds")
{
    std::string out = "body=";
    json_writer w{out};
    w.begin_object();
    w.key("k");
    w.string("v");
    w.end_object();
    CHECK(out == R"(body={"k":"v"})");
}

TEST_CASE("json_write: strings escape quote, backslash and control characters only")
{
    CHECK(quoted("") == R"("")");
    CHECK(quoted("plain text") == R"("plain text")");
    CHECK(quoted("say \"hi\"") == R"("say \"hi\"")");
    CHECK(quoted("C:\\dir\\") == R"("C:\\dir\\")");
    CHECK(quoted("a\nb\tc\r") == R"("a\u000ab\u0009c\u000d")");
    CHECK(quoted(std::string_view("\x00\x01\x1f", 3)) == R"("\u0000\u0001\u001f")");
    CHECK(quoted("\x7f") == "\"\x7f\"");  // DEL is not a JSON control character
    CHECK(quoted("/") == R"("/")");       // solidus needs no escape
    CHECK(quoted("caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80") == "\"caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80\"");

    // What a conforming parser reads back is the original text.
    const std::string tricky = std::string("q\"b\\s/c\x01\x1f\n") + "\xe2\x80\xa8" + "end";
    CHECK(boost::json::parse(quoted(tricky)).as_string() == tricky);
}

TEST_CASE("json_write: escapes are found at every offset, inside and across 8-byte blocks")
{
    // Byte-at-a-time reference escaper.
    auto reference = [](std::string_view s) {
        static constexpr char hex[] = "0123456789abcdef";
        std::string out = "\"";
        for (const char ch : s) {
            const auto c = static_cast<unsigned char>(ch);
            if (c == '"' || c == '\\')
                out += {'\\', ch};
            else if (c < 0x20)
                out += std::string("\\u00") + hex[c >> 4] + hex[c & 0xF];
            else
                out += ch;
        }
        return out + "\"";
    };
    for (const char special : {'"', '\\', '\0', '\n', '\x1f', ' ', '\x7f', '\x80', '\xff'}) {
        for (std::size_t length = 1; length <= 33; ++length) {
            for (std::size_t at = 0; at < length; ++at) {
                std::string s(length, 'x');
                s[at] = special;
                if (at + 2 < length)
                    s[at + 2] = special;  // a second one close behind
                CHECK_MESSAGE(quoted(s) == reference(s), "length " << length << " at " << at);
            }
        }
    }
}

TEST_CASE("json_write: keys are escaped like strings")
{
    std::string out;
    json_writer w{out};
    w.begin_object();
    w.key("a\"b");
    w.integer(0);
    w.end_object();
    CHECK(out == R"({"a\"b":0})");
}

TEST_CASE("json_write: integers cover the whole int64 range")
{
    std::string out;
    json_writer w{out};
    w.begin_array();
    w.integer(0);
    w.integer(-1);
    w.integer(std::numeric_limits<std::int64_t>::max());
    w.integer(std::numeric_limits<std::int64_t>::min());
    w.end_array();
    CHECK(out == "[0,-1,9223372036854775807,-9223372036854775808]");
}

TEST_CASE("json_write: doubles are the shortest text that reads back exactly")
{
    CHECK(number(0.1) == "0.1");
    CHECK(number(1.5) == "1.5");
    CHECK(number(-2.25) == "-2.25");
    CHECK(number(1700000000.123) == "1700000000.123");
    CHECK(number(1e21) == "1e+21");
    CHECK(number(5e-324) == "5e-324");
    // std::from_chars is the oracle: Boost.JSON 1.81 may read 17-digit numbers one ulp off.
    for (const double v : {0.1, 1.0 / 3.0, 1700000000.987654, 123456789.12345679, 2.2250738585072014e-308}) {
        const std::string text = number(v);
        double back = 0;
        CHECK(std::from_chars(text.data(), text.data() + text.size(), back).ec == std::errc{});
        CHECK(back == v);
    }
}

TEST_CASE("json_write: NaN and infinities, which JSON lacks, become null")
{
    CHECK(number(std::nan("")) == "null");
    CHECK(number(std::numeric_limits<double>::infinity()) == "null");
    CHECK(number(-std::numeric_limits<double>::infinity()) == "null");
}

TEST_CASE("json_write: allocates nothing beyond the output string")
{
    std::string out;
    out.reserve(256);
    const std::size_t before = awscoro::test::allocation_count();
    json_writer w{out};
    w.begin_object();
    w.key("Name");
    w.string("a \"quoted\"\n value");
    w.key("Count");
    w.integer(42);
    w.key("Ratio");
    w.number(0.5);
    w.end_object();
    CHECK(awscoro::test::allocation_count() == before);
    CHECK(out == R"({"Name":"a \"quoted\"\u000a value","Count":42,"Ratio":0.5})");
}
