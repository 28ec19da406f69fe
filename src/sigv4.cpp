#include <awscoro/sigv4.hpp>

#include "crypto.hpp"

#include <algorithm>
#include <atomic>
#include <ctime>
#include <mutex>
#include <utility>
#include <vector>

namespace awscoro::sigv4 {
namespace {

using detail::append_hex;
using detail::digest;

constexpr std::string_view algorithm = "AWS4-HMAC-SHA256";

bool is_unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return to_lower(x) == to_lower(y);
           });
}

bool iless(std::string_view a, std::string_view b)
{
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return static_cast<unsigned char>(to_lower(x)) < static_cast<unsigned char>(to_lower(y));
    });
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string percent_decode(std::string_view in)
{
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '%' && i + 2 < in.size()) {
            const int hi = detail::hex_digit_value(in[i + 1]);
            const int lo = detail::hex_digit_value(in[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.push_back(static_cast<char>(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        out.push_back(in[i]);
    }
    return out;
}

// RFC 3986 remove_dot_segments, also collapsing empty segments ("//").
void normalize_path(std::string_view path, std::string& out)
{
    std::vector<std::string_view> segments;
    std::size_t pos = 0;
    bool trailing_slash = false;
    while (pos <= path.size()) {
        std::size_t end = path.find('/', pos);
        if (end == std::string_view::npos)
            end = path.size();
        const std::string_view seg = path.substr(pos, end - pos);
        const bool last = end == path.size();
        if (seg == "..") {
            if (!segments.empty())
                segments.pop_back();
            trailing_slash = last;
        } else if (seg == "." || seg.empty()) {
            trailing_slash = last;
        } else {
            segments.push_back(seg);
            trailing_slash = false;
        }
        pos = end + 1;
    }
    for (const auto seg : segments) {
        out.push_back('/');
        uri_encode(seg, out, false);
    }
    if (segments.empty() || trailing_slash)
        out.push_back('/');
}

void canonical_uri(std::string_view path, bool normalize, std::string& out)
{
    if (path == "/" || path.empty()) {  // every AWS JSON request
        out.push_back('/');
        return;
    }
    if (normalize)
        normalize_path(path, out);
    else
        uri_encode(path, out, true);
}

void canonical_query(std::string_view query, std::string& out)
{
    if (query.empty())
        return;
    std::vector<std::pair<std::string, std::string>> params;
    std::size_t pos = 0;
    while (pos <= query.size()) {
        std::size_t end = query.find('&', pos);
        if (end == std::string_view::npos)
            end = query.size();
        const std::string_view pair = query.substr(pos, end - pos);
        if (!pair.empty()) {
            const std::size_t eq = pair.find('=');
            std::string name, value;
            uri_encode(percent_decode(pair.substr(0, eq)), name, false);
            if (eq != std::string_view::npos)
                uri_encode(percent_decode(pair.substr(eq + 1)), value, false);
            params.emplace_back(std::move(name), std::move(value));
        }
        pos = end + 1;
    }
    std::sort(params.begin(), params.end());
    for (std::size_t i = 0; i < params.size(); ++i) {
        if (i != 0)
            out.push_back('&');
        out += params[i].first;
        out.push_back('=');
        out += params[i].second;
    }
}

// Appends the value trimmed, with inner runs of white space collapsed to one space.
void append_canonical_value(std::string_view v, std::string& out)
{
    std::size_t b = 0, e = v.size();
    while (b < e && is_space(v[b]))
        ++b;
    while (e > b && is_space(v[e - 1]))
        --e;
    bool in_space = false;
    for (std::size_t i = b; i < e; ++i) {
        if (is_space(v[i])) {
            in_space = true;
            continue;
        }
        if (in_space)
            out.push_back(' ');
        in_space = false;
        out.push_back(v[i]);
    }
}

void append_lower(std::string_view s, std::string& out)
{
    for (char c : s)
        out.push_back(to_lower(c));
}

bool never_signed(std::string_view name)
{
    constexpr std::string_view skip[] = {"user-agent", "x-amzn-trace-id", "expect",
                                         "transfer-encoding", "connection", "authorization"};
    return std::any_of(std::begin(skip), std::end(skip), [&](std::string_view s) { return iequals(s, name); });
}

bool listed(std::string_view list, std::string_view name)
{
    std::size_t pos = 0;
    while (pos <= list.size()) {
        std::size_t end = list.find(';', pos);
        if (end == std::string_view::npos)
            end = list.size();
        if (iequals(list.substr(pos, end - pos), name))
            return true;
        pos = end + 1;
    }
    return false;
}

bool has_header(std::span<const header_field> headers, std::string_view name)
{
    return std::any_of(headers.begin(), headers.end(), [&](const header_field& h) { return iequals(h.name, name); });
}

// Few headers per request: a fixed array keeps signing free of allocation.
constexpr std::size_t max_inline_headers = 32;

}  // namespace

void uri_encode(std::string_view in, std::string& out, bool keep_slash)
{
    static constexpr char digits[] = "0123456789ABCDEF";
    for (char ch : in) {
        const auto c = static_cast<unsigned char>(ch);
        if (is_unreserved(c) || (keep_slash && c == '/')) {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(digits[c >> 4]);
            out.push_back(digits[c & 0xf]);
        }
    }
}

namespace {

// Into a reused buffer: 16 characters exceed the small-string capacity.
void format_amz_date_into(std::chrono::system_clock::time_point t, std::string& out)
{
    const std::time_t secs = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[17];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
    out.assign(buf, 16);
}

}  // namespace

std::string format_amz_date(std::chrono::system_clock::time_point t)
{
    std::string out;
    format_amz_date_into(t, out);
    return out;
}

bool parse_amz_date(std::string_view s, std::chrono::system_clock::time_point& out)
{
    if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z')
        return false;
    auto num = [&](std::size_t at, std::size_t len, int& v) {
        v = 0;
        for (std::size_t i = at; i < at + len; ++i) {
            if (s[i] < '0' || s[i] > '9')
                return false;
            v = v * 10 + (s[i] - '0');
        }
        return true;
    };
    int y, mo, d, h, mi, se;
    if (!num(0, 4, y) || !num(4, 2, mo) || !num(6, 2, d) || !num(9, 2, h) || !num(11, 2, mi) || !num(13, 2, se))
        return false;
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok() || h > 23 || mi > 59 || se > 60)
        return false;
    out = std::chrono::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{se};
    return true;
}

// --- signing key cache ---------------------------------------------------

struct signer::key_cache {
    struct entry {
        std::string access_key_id, secret, date, region, service;
        digest key{};
        bool used = false;

        void wipe()
        {
            detail::secure_wipe(secret.data(), secret.size());
            detail::secure_wipe(key.data(), key.size());
        }
    };

    static constexpr std::size_t capacity = 8;
    std::mutex mutex;
    std::array<entry, capacity> entries;
    std::size_t next = 0;  // round-robin victim
    std::atomic<std::uint64_t> derivations{0};

    ~key_cache()
    {
        for (auto& e : entries)
            e.wipe();
    }

    digest get(const credentials_view& c, std::string_view date, std::string_view region, std::string_view service)
    {
        {
            std::lock_guard lock(mutex);
            for (const auto& e : entries)
                if (e.used && e.date == date && e.access_key_id == c.access_key_id && e.region == region &&
                    e.service == service && e.secret == c.secret_access_key)
                    return e.key;
        }
        const digest key = derive(c.secret_access_key, date, region, service);
        derivations.fetch_add(1, std::memory_order_relaxed);
        std::lock_guard lock(mutex);
        entry& e = entries[next];
        next = (next + 1) % capacity;
        e.wipe();
        e.access_key_id = c.access_key_id;
        e.secret = c.secret_access_key;
        e.date = date;
        e.region = region;
        e.service = service;
        e.key = key;
        e.used = true;
        return key;
    }

    static digest derive(std::string_view secret, std::string_view date, std::string_view region,
                         std::string_view service)
    {
        std::string k = "AWS4";
        k += secret;
        digest d = detail::hmac_sha256(k, date);
        detail::secure_wipe(k.data(), k.size());
        d = detail::hmac_sha256(d, region);
        d = detail::hmac_sha256(d, service);
        return detail::hmac_sha256(d, "aws4_request");
    }
};

signer::signer() : cache_(std::make_unique<key_cache>()) {}
signer::~signer() = default;

std::uint64_t signer::key_derivations() const noexcept { return cache_->derivations.load(); }

void signer::sign(const request_view& request, const credentials_view& credentials,
                  const signing_options& options, signing_result& out)
{
    format_amz_date_into(options.time, out.amz_date);
    const std::string_view date = std::string_view(out.amz_date).substr(0, 8);

    out.payload_hash.clear();
    append_hex(out.payload_hash, detail::sha256_of(request.payload));

    // Headers the signer adds, unless the request already carries them.
    const bool has_token = !credentials.session_token.empty();
    out.add_security_token = has_token && !has_header(request.headers, "x-amz-security-token");
    out.add_content_sha256 = options.sign_payload_header && !has_header(request.headers, "x-amz-content-sha256");

    std::array<header_field, max_inline_headers> inline_headers;
    std::vector<header_field> spilled;
    std::span<header_field> signed_list;
    {
        const std::size_t needed = request.headers.size() + 3;
        header_field* base = inline_headers.data();
        if (needed > max_inline_headers) {
            spilled.resize(needed);
            base = spilled.data();
        }
        std::size_t n = 0;
        auto take = [&](std::string_view name, std::string_view value) {
            const bool wanted = options.only_headers.empty() ? !never_signed(name) : listed(options.only_headers, name);
            if (wanted)
                base[n++] = header_field{name, value};
        };
        for (const auto& h : request.headers)
            take(h.name, h.value);
        if (!has_header(request.headers, "x-amz-date"))
            take("x-amz-date", out.amz_date);
        if (out.add_security_token && options.sign_session_token)
            take("x-amz-security-token", credentials.session_token);
        if (out.add_content_sha256)
            take("x-amz-content-sha256", out.payload_hash);
        signed_list = std::span<header_field>(base, n);
    }
    // Insertion sort: stable (repeated names keep their order of appearance),
    // and unlike std::stable_sort it never allocates; requests have few headers.
    for (std::size_t i = 1; i < signed_list.size(); ++i)
        for (std::size_t j = i; j > 0 && iless(signed_list[j].name, signed_list[j - 1].name); --j)
            std::swap(signed_list[j], signed_list[j - 1]);

    // --- canonical request
    std::string& creq = out.canonical_request;
    creq.clear();
    creq += request.method;
    creq.push_back('\n');
    const std::size_t qmark = request.target.find('?');
    canonical_uri(request.target.substr(0, qmark), options.normalize_path, creq);
    creq.push_back('\n');
    if (qmark != std::string_view::npos)
        canonical_query(request.target.substr(qmark + 1), creq);
    creq.push_back('\n');

    out.signed_headers.clear();
    for (std::size_t i = 0; i < signed_list.size(); ++i) {
        const bool continues = i > 0 && iequals(signed_list[i - 1].name, signed_list[i].name);
        if (continues) {
            creq.push_back(',');
        } else {
            if (i > 0) {
                creq.push_back('\n');
                out.signed_headers.push_back(';');
            }
            append_lower(signed_list[i].name, creq);
            append_lower(signed_list[i].name, out.signed_headers);
            creq.push_back(':');
        }
        append_canonical_value(signed_list[i].value, creq);
    }
    if (!signed_list.empty())
        creq.push_back('\n');
    creq.push_back('\n');
    creq += out.signed_headers;
    creq.push_back('\n');
    creq += out.payload_hash;

    // --- string to sign
    std::string& sts = out.string_to_sign;
    sts.clear();
    sts += algorithm;
    sts.push_back('\n');
    sts += out.amz_date;
    sts.push_back('\n');
    const std::size_t scope_at = sts.size();
    sts += date;
    sts.push_back('/');
    sts += options.region;
    sts.push_back('/');
    sts += options.service;
    sts += "/aws4_request";
    const std::size_t scope_len = sts.size() - scope_at;
    sts.push_back('\n');
    append_hex(sts, detail::sha256_of(creq));

    // --- signature and Authorization
    digest key = cache_->get(credentials, date, options.region, options.service);
    out.signature.clear();
    append_hex(out.signature, detail::hmac_sha256(key, sts));
    detail::secure_wipe(key.data(), key.size());

    std::string& auth = out.authorization;
    auth.clear();
    auth += algorithm;
    auth += " Credential=";
    auth += credentials.access_key_id;
    auth.push_back('/');
    auth.append(sts, scope_at, scope_len);
    auth += ", SignedHeaders=";
    auth += out.signed_headers;
    auth += ", Signature=";
    auth += out.signature;
}

}  // namespace awscoro::sigv4
