// Hand-written whole-value matchers for the model's string patterns, and the
// UTF-8 decoding they and the length checks need.
//
// The model's patterns are ECMA-262 regexes that must match the WHOLE value
// (Smithy). std::regex misreads \p{L} and Boost.Regex rejects the alias class
// [a-zA-Z0-9-_.]; each pattern here is small and deterministic, so a direct
// scan is exact, allocation-free and much faster than a regex engine.
//
// Matchers expect valid UTF-8 (validate() checks it first). ECMA `\d` is
// [0-9] only; `.` is any code point except the line terminators
// \n \r U+2028 U+2029.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace awscoro::sagemaker::detail {

// ------------------------------------------------------- 8 bytes at a time
// Free-text members (BaseImage, NextToken up to 8192) are mostly ASCII; the
// scans below skip 8 plain ASCII bytes per step and fall back to one byte at
// a time only around non-ASCII or line-break bytes.

inline constexpr std::uint64_t byte_ones = 0x0101010101010101;
inline constexpr std::uint64_t byte_highs = 0x8080808080808080;

inline std::uint64_t load8(const char* p) noexcept
{
    std::uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

/// True when one of the 8 bytes of `x` equals `b` (b < 0x80).
constexpr bool has_byte(std::uint64_t x, unsigned char b) noexcept
{
    const std::uint64_t y = x ^ (byte_ones * b);
    return ((y - byte_ones) & ~y & byte_highs) != 0;
}

// ----------------------------------------------------------------- UTF-8

inline constexpr std::size_t invalid_utf8 = static_cast<std::size_t>(-1);

/// Decodes the code point at s[i] and advances i; s must be valid UTF-8.
constexpr char32_t next_code_point(std::string_view s, std::size_t& i) noexcept
{
    const auto b0 = static_cast<unsigned char>(s[i]);
    auto cont = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3F); };
    char32_t cp;
    if (b0 < 0x80) {
        cp = b0;
        i += 1;
    } else if (b0 < 0xE0) {
        cp = (char32_t(b0 & 0x1F) << 6) | cont(1);
        i += 2;
    } else if (b0 < 0xF0) {
        cp = (char32_t(b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2);
        i += 3;
    } else {
        cp = (char32_t(b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
        i += 4;
    }
    return cp;
}

/// Decodes the code point that ends just before s[i] and moves i back to its
/// first byte; s must be valid UTF-8 and i > 0.
constexpr char32_t previous_code_point(std::string_view s, std::size_t& i) noexcept
{
    do
        --i;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80);
    std::size_t j = i;
    return next_code_point(s, j);
}

/// The number of code points in s (the unit AWS length constraints count),
/// or invalid_utf8 when s is not well-formed UTF-8 (overlong forms,
/// surrogates and values above U+10FFFF are rejected).
inline std::size_t utf8_length(std::string_view s) noexcept
{
    std::size_t count = 0;
    std::size_t i = 0;
    const std::size_t n = s.size();
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    auto is_cont = [&](std::size_t k) { return k < n && (byte(k) & 0xC0) == 0x80; };
    while (i < n) {
        if (i + 8 <= n && (load8(s.data() + i) & byte_highs) == 0) {
            i += 8;
            count += 8;
            continue;
        }
        const unsigned char b0 = byte(i);
        ++count;
        if (b0 < 0x80) {
            ++i;
        } else if (b0 >= 0xC2 && b0 <= 0xDF) {
            if (!is_cont(i + 1))
                return invalid_utf8;
            i += 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            if (!is_cont(i + 1) || !is_cont(i + 2))
                return invalid_utf8;
            const unsigned char b1 = byte(i + 1);
            if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 >= 0xA0))  // overlong, surrogate
                return invalid_utf8;
            i += 3;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            if (!is_cont(i + 1) || !is_cont(i + 2) || !is_cont(i + 3))
                return invalid_utf8;
            const unsigned char b1 = byte(i + 1);
            if ((b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 >= 0x90))  // overlong, > U+10FFFF
                return invalid_utf8;
            i += 4;
        } else {
            return invalid_utf8;
        }
    }
    return count;
}

// ------------------------------------------------------- character classes

constexpr bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_alnum(char c) noexcept { return is_alpha(c) || is_digit(c); }

/// ECMA-262 \s: WhiteSpace (TAB, VT, FF, SP, NBSP, ZWNBSP and category Zs)
/// plus LineTerminator. Zs is listed exactly (Unicode 15).
constexpr bool is_ecma_space(char32_t c) noexcept
{
    switch (c) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20:
    case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
    case 0x3000: case 0xFEFF:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200A;
    }
}

/// Category Cf (format) code points, which are not letters, numbers or
/// separators; the list covers every Cf code point of Unicode 15.
constexpr bool is_format_char(char32_t c) noexcept
{
    return c == 0xAD || (c >= 0x600 && c <= 0x605) || c == 0x61C || c == 0x6DD || c == 0x70F ||
           (c >= 0x890 && c <= 0x891) || c == 0x8E2 || c == 0x180E || (c >= 0x200B && c <= 0x200F) ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x206F) ||
           c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB) || c == 0x110BD || c == 0x110CD ||
           (c >= 0x13430 && c <= 0x1343F) || (c >= 0x1BCA0 && c <= 0x1BCA3) || (c >= 0x1D173 && c <= 0x1D17A) ||
           c == 0xE0001 || (c >= 0xE0020 && c <= 0xE007F);
}

/// The tag class [\p{L}\p{Z}\p{N}_.:/=+\-@]. Exact for U+0000-U+00FF.
/// Above that it is an APPROXIMATION: any code point that is not a format
/// character is taken as a letter, so non-Latin-1 punctuation and symbols
/// (e.g. U+20AC EURO SIGN) pass here and are left to the service to reject;
/// a full Unicode category table is not worth its size for tags.
constexpr bool is_tag_char(char32_t c) noexcept
{
    if (c < 0x80) {
        const char a = static_cast<char>(c);
        return is_alnum(a) || a == ' ' || a == '_' || a == '.' || a == ':' || a == '/' || a == '=' || a == '+' ||
               a == '-' || a == '@';
    }
    if (c <= 0xFF) {
        // Latin-1: NBSP (Zs), the letters and numbers among the signs, and
        // the accented letters except the operators U+00D7 and U+00F7.
        switch (c) {
        case 0xA0: case 0xAA: case 0xB2: case 0xB3: case 0xB5: case 0xB9: case 0xBA:
        case 0xBC: case 0xBD: case 0xBE:
            return true;
        default:
            return c >= 0xC0 && c != 0xD7 && c != 0xF7;
        }
    }
    return !is_format_char(c);
}

// ----------------------------------------------------------------- matchers

/// `.*`: no line terminator anywhere (U+2028/2029 are E2 80 A8/A9).
inline bool match_any_line(std::string_view s) noexcept
{
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i + 8 <= s.size()) {
            const std::uint64_t chunk = load8(s.data() + i);
            if ((chunk & byte_highs) == 0 && !has_byte(chunk, '\n') && !has_byte(chunk, '\r')) {
                i += 7;
                continue;
            }
        }
        const char c = s[i];
        if (c == '\n' || c == '\r')
            return false;
        if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
            (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9))
            return false;
    }
    return true;
}

/// ImageName: `[a-zA-Z0-9]([-.]?[a-zA-Z0-9]){0,62}`: alphanumerics, single
/// '-' or '.' separators between them, at most 63 alphanumerics.
constexpr bool match_image_name(std::string_view s) noexcept
{
    if (s.empty() || !is_alnum(s[0]))
        return false;
    int groups = 0;
    for (std::size_t i = 1; i < s.size(); ++i) {
        if (s[i] == '-' || s[i] == '.') {
            if (++i == s.size())
                return false;
        }
        if (!is_alnum(s[i]) || ++groups > 62)
            return false;
    }
    return true;
}

/// SageMakerImageVersionAlias: `(?!^[.-])^([a-zA-Z0-9-_.]+)`: one or more of
/// [A-Za-z0-9_.-], not starting with '.' or '-'.
constexpr bool match_alias(std::string_view s) noexcept
{
    if (s.empty() || s[0] == '.' || s[0] == '-')
        return false;
    for (const char c : s)
        if (!is_alnum(c) && c != '-' && c != '_' && c != '.')
            return false;
    return true;
}

/// MLFramework, ProgrammingLang: `[a-zA-Z]+ ?\d+\.\d+(\.\d+)?`, e.g.
/// "PyTorch 1.8", "python3.8", "Python 3.8.1".
constexpr bool match_versioned_name(std::string_view s) noexcept
{
    std::size_t i = 0;
    const std::size_t n = s.size();
    auto run = [&](bool (*pred)(char) noexcept) {
        const std::size_t start = i;
        while (i < n && pred(s[i]))
            ++i;
        return i > start;
    };
    if (!run(is_alpha))
        return false;
    if (i < n && s[i] == ' ')
        ++i;
    if (!run(is_digit) || i == n || s[i++] != '.' || !run(is_digit))
        return false;
    if (i == n)
        return true;
    return s[i++] == '.' && run(is_digit) && i == n;
}

/// ClientToken: `[a-zA-Z0-9-]+`.
constexpr bool match_client_token(std::string_view s) noexcept
{
    if (s.empty())
        return false;
    for (const char c : s)
        if (!is_alnum(c) && c != '-')
            return false;
    return true;
}

/// ImageNameContains: `[a-zA-Z0-9\-.]+`.
constexpr bool match_name_contains(std::string_view s) noexcept
{
    if (s.empty())
        return false;
    for (const char c : s)
        if (!is_alnum(c) && c != '-' && c != '.')
            return false;
    return true;
}

/// ImageDisplayName: `\S(.*\S)?`: no line terminator, and neither the first
/// nor the last code point is ECMA whitespace.
inline bool match_display_name(std::string_view s) noexcept
{
    if (s.empty() || !match_any_line(s))
        return false;
    std::size_t front = 0;
    std::size_t back = s.size();
    return !is_ecma_space(next_code_point(s, front)) && !is_ecma_space(previous_code_point(s, back));
}

/// RoleArn: `arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+`. The
/// final class contains '/', so after ":role" one or more class characters
/// must follow (`/?` then adds nothing).
constexpr bool match_role_arn(std::string_view s) noexcept
{
    constexpr std::string_view arn = "arn:aws";
    constexpr std::string_view iam = ":iam::";
    constexpr std::string_view role = ":role";
    if (!s.starts_with(arn))
        return false;
    std::size_t i = arn.size();
    while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || s[i] == '-'))
        ++i;
    if (s.substr(i, iam.size()) != iam)
        return false;
    i += iam.size();
    for (int d = 0; d < 12; ++d, ++i)
        if (i == s.size() || !is_digit(s[i]))
            return false;
    if (s.substr(i, role.size()) != role)
        return false;
    i += role.size();
    if (i == s.size())
        return false;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (!is_alnum(c) && c != '_' && c != '+' && c != '=' && c != ',' && c != '.' && c != '@' && c != '-' &&
            c != '/')
            return false;
    }
    return true;
}

/// TagKey, TagValue: `([\p{L}\p{Z}\p{N}_.:/=+\-@]*)` (see is_tag_char).
constexpr bool match_tag(std::string_view s) noexcept
{
    for (std::size_t i = 0; i < s.size();)
        if (!is_tag_char(next_code_point(s, i)))
            return false;
    return true;
}

}  // namespace awscoro::sagemaker::detail
