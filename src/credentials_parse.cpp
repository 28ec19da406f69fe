// Pure helpers of the credentials providers: command-line splitting, RFC
// 3339 times, the JSON credentials documents, profile lookup.
#include "credentials_detail.hpp"

#include "crypto.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

#include <array>
#include <charconv>
#include <cstdlib>

namespace awscoro::detail {

bool split_command_line(std::string_view line, std::vector<std::string>& argv, std::string& error)
{
    argv.clear();
    std::string token;
    bool in_token = false;  // "" makes an (empty) argument too
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (in_token)
                argv.push_back(std::move(token));
            token.clear();
            in_token = false;
        } else if (c == '\'') {
            const auto close = line.find('\'', i + 1);
            if (close == std::string_view::npos) {
                error = "no closing quotation";
                return false;
            }
            token.append(line.substr(i + 1, close - i - 1));
            in_token = true;
            i = close;
        } else if (c == '"') {
            in_token = true;
            for (++i;; ++i) {
                if (i >= line.size()) {
                    error = "no closing quotation";
                    return false;
                }
                if (line[i] == '"')
                    break;
                if (line[i] == '\\' && i + 1 < line.size() && (line[i + 1] == '"' || line[i + 1] == '\\'))
                    ++i;
                token.push_back(line[i]);
            }
        } else if (c == '\\') {
            if (i + 1 >= line.size()) {
                error = "no escaped character after a trailing backslash";
                return false;
            }
            token.push_back(line[++i]);
            in_token = true;
        } else {
            token.push_back(c);
            in_token = true;
        }
    }
    if (in_token)
        argv.push_back(std::move(token));
    return true;
}

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out)
{
    if (pos + n > s.size())
        return false;
    const char* first = s.data() + pos;
    for (std::size_t i = 0; i < n; ++i)
        if (first[i] < '0' || first[i] > '9')
            return false;
    return std::from_chars(first, first + n, out).ec == std::errc{};
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view s)
{
    using namespace std::chrono;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    if (!digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
        !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') || !digits(s, 11, 2, h) || s[13] != ':' ||
        !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, se))
        return std::nullopt;
    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!date.ok() || h > 23 || mi > 59 || se > 60)
        return std::nullopt;
    std::size_t pos = 19;
    nanoseconds fraction{0};
    if (pos < s.size() && s[pos] == '.') {
        long long scale = 100'000'000;
        const std::size_t start = ++pos;
        for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, scale /= 10)
            fraction += nanoseconds((s[pos] - '0') * scale);
        if (pos == start)
            return std::nullopt;
    }
    minutes offset{0};
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh = 0, om = 0;
        if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(s, pos + 4, 2, om))
            return std::nullopt;
        offset = (s[pos] == '-' ? -1 : 1) * (hours(oh) + minutes(om));
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size())
        return std::nullopt;
    const auto t = sys_days(date) + hours(h) + minutes(mi) + seconds(se) + fraction - offset;
    return time_point_cast<system_clock::duration>(t);
}

bool parse_credentials_document(std::string_view json, credentials_document kind, credentials& out,
                                std::string& error)
{
    // Parsed into a buffer wiped afterwards: the document holds secrets.
    std::array<unsigned char, 4096> buffer{};
    struct wipe_on_exit {
        std::array<unsigned char, 4096>& b;
        ~wipe_on_exit() { secure_wipe(b.data(), b.size()); }
    } guard{buffer};
    boost::json::monotonic_resource resource(buffer.data(), buffer.size());
    boost::system::error_code ec;
    const boost::json::value doc = boost::json::parse(json, ec, &resource);
    if (ec || !doc.is_object()) {
        error = "the response is not a JSON object";
        return false;
    }
    const auto& o = doc.get_object();
    const auto text = [&](std::string_view key) -> const boost::json::string* {
        const auto* v = o.if_contains(key);
        return v != nullptr ? v->if_string() : nullptr;
    };
    if (kind == credentials_document::process) {
        const auto* version = o.if_contains("Version");
        if (version == nullptr || !version->is_int64() || version->as_int64() != 1) {
            error = "Version must be the number 1";
            return false;
        }
    }
    if (kind == credentials_document::imds) {
        const auto* code = text("Code");
        if (code == nullptr || *code != "Success") {
            error = "Code is not \"Success\"";
            return false;
        }
    }
    const auto* id = text("AccessKeyId");
    const auto* secret = text("SecretAccessKey");
    if (id == nullptr || id->empty() || secret == nullptr || secret->empty()) {
        error = id == nullptr || id->empty() ? "AccessKeyId is missing" : "SecretAccessKey is missing";
        return false;
    }
    const auto* token = text(kind == credentials_document::process ? "SessionToken" : "Token");
    const auto* expiration = text("Expiration");
    std::optional<std::chrono::system_clock::time_point> expires;
    if (expiration != nullptr) {
        expires = parse_rfc3339(*expiration);
        if (!expires) {
            error = "Expiration is not an RFC 3339 time";
            return false;
        }
    } else if (kind == credentials_document::imds) {
        error = "Expiration is missing";
        return false;
    }
    out = credentials(std::string(*id), std::string(*secret), token != nullptr ? std::string(*token) : std::string(),
                      expires);
    return true;
}

bool load_profile(const shared_config_options& shared, aws_config_data& data, const aws_config_section*& profile,
                  std::string& error)
{
    if (!load_aws_config(shared, data, error))
        return false;
    const auto it = data.profiles.find(shared.profile);
    profile = it == data.profiles.end() ? nullptr : &it->second;
    return true;
}

std::string env(const char* name)
{
    const char* v = std::getenv(name);
    return v != nullptr ? v : "";
}

void wipe(std::string& s) noexcept
{
    secure_wipe(s.data(), s.size());
    s.clear();
}

}  // namespace awscoro::detail
