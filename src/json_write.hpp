// A minimal JSON writer that appends to a caller's std::string. Request bodies
// are small and written once per call; building a boost::json::value first
// would allocate a node per member, this allocates nothing but the output.
// The caller is responsible for well-formedness (keys inside objects, balanced
// begin/end); commas are placed automatically.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace awscoro::detail {

class json_writer {
public:
    explicit json_writer(std::string& out) noexcept : out_(out) {}

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }

    /// An object member's name; the next call writes its value.
    void key(std::string_view name)
    {
        char* p = grow(comma_size() + escaped_size(name) + 1);
        p = write_escaped(put_comma(p), name);
        *p = ':';
        need_comma_ = false;
    }

    void string(std::string_view s)
    {
        write_escaped(put_comma(grow(comma_size() + escaped_size(s))), s);
        need_comma_ = true;
    }

    void integer(std::int64_t v)
    {
        char buf[24];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        raw(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
    }

    void boolean(bool v) { raw(v ? "true" : "false"); }

    /// The shortest text that reads back as exactly `v`. JSON has no NaN or
    /// infinity: those are written as null, which readers take as absent.
    void number(double v)
    {
        if (!std::isfinite(v))
            return null();
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        raw(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
    }

    void null() { raw("null"); }

    /// Appends `s` as a quoted JSON string: `"` and `\` escaped, control
    /// characters as \u00XX, everything else (UTF-8 included) verbatim.
    static void append_string(std::string& out, std::string_view s)
    {
        const std::size_t old = out.size();
        out.resize(old + escaped_size(s));
        write_escaped(out.data() + old, s);
    }

private:
    // Each token extends the string once and is then written through a
    // pointer: one capacity check per token rather than one per character.
    char* grow(std::size_t n)
    {
        const std::size_t old = out_.size();
        out_.resize(old + n);
        return out_.data() + old;
    }

    std::size_t comma_size() const noexcept { return need_comma_ ? 1 : 0; }

    char* put_comma(char* p) const noexcept
    {
        if (need_comma_)
            *p++ = ',';
        return p;
    }

    // A complete value that needs no escaping.
    void raw(std::string_view text)
    {
        char* p = put_comma(grow(comma_size() + text.size()));
        std::memcpy(p, text.data(), text.size());
        need_comma_ = true;
    }

    void open(char c)
    {
        *put_comma(grow(comma_size() + 1)) = c;
        need_comma_ = false;
    }

    void close(char c)
    {
        out_.push_back(c);
        need_comma_ = true;
    }

    static constexpr bool needs_escape(unsigned char c) noexcept { return c < 0x20 || c == '"' || c == '\\'; }

    // The first byte at or after `from` that needs escaping, or s.size().
    // Skips 8 clean bytes per step: most strings need no escape at all.
    static std::size_t find_escape(std::string_view s, std::size_t from) noexcept
    {
        constexpr std::uint64_t ones = 0x0101010101010101;
        constexpr std::uint64_t highs = 0x8080808080808080;
        std::size_t i = from;
        for (; i + 8 <= s.size(); i += 8) {
            std::uint64_t x;
            std::memcpy(&x, s.data() + i, sizeof x);
            const std::uint64_t quote = x ^ (ones * '"');
            const std::uint64_t backslash = x ^ (ones * '\\');
            // High bit set in a byte below 0x20 or equal to '"' or '\' (and
            // possibly in bytes after such a one, which the byte loop sorts out).
            const std::uint64_t hits =
                (((x - ones * 0x20) & ~x) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash)) & highs;
            if (hits != 0)
                break;
        }
        for (; i < s.size(); ++i)
            if (needs_escape(static_cast<unsigned char>(s[i])))
                return i;
        return s.size();
    }

    static std::size_t escaped_size(std::string_view s) noexcept
    {
        std::size_t n = s.size() + 2;  // the quotes
        for (std::size_t i = find_escape(s, 0); i < s.size(); i = find_escape(s, i + 1))
            n += static_cast<unsigned char>(s[i]) < 0x20 ? 5 : 1;  // \u00XX adds 5 bytes, a backslash 1
        return n;
    }

    // Writes escaped_size(s) bytes at p and returns the end.
    static char* write_escaped(char* p, std::string_view s) noexcept
    {
        static constexpr char hex[] = "0123456789abcdef";
        *p++ = '"';
        for (std::size_t i = 0;;) {
            const std::size_t e = find_escape(s, i);
            std::memcpy(p, s.data() + i, e - i);
            p += e - i;
            if (e == s.size())
                break;
            const auto c = static_cast<unsigned char>(s[e]);
            *p++ = '\\';
            if (c >= 0x20) {
                *p++ = static_cast<char>(c);
            } else {
                const char u[5] = {'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
                std::memcpy(p, u, sizeof u);
                p += sizeof u;
            }
            i = e + 1;
        }
        *p++ = '"';
        return p;
    }

    std::string& out_;
    bool need_comma_ = false;  // a value was written at this level: the next one needs a comma
};

}  // namespace awscoro::detail
