#include "support/sigv4_case.hpp"

#include <awscoro/sigv4.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

namespace awscoro::test {
namespace fs = std::filesystem;
namespace {

struct case_failure {
    std::string what;
};

std::string read_file(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    if (!in)
        throw case_failure{"cannot read " + p.filename().string()};
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string trim(std::string_view s)
{
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos)
        return {};
    const auto e = s.find_last_not_of(" \t");
    return std::string(s.substr(b, e - b + 1));
}

struct parsed_request {
    std::string method, target;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

// "METHOD SP target SP HTTP/1.1", then "Name:value" lines (a line starting
// with white space continues the previous one), then an optional blank line
// and the body. The target may itself contain spaces.
parsed_request parse_request(const std::string& text)
{
    parsed_request r;
    std::size_t pos = 0;
    auto next_line = [&](std::string& line) {
        if (pos >= text.size())
            return false;
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos)
            end = text.size();
        line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        pos = end + 1;
        return true;
    };
    std::string line;
    if (!next_line(line))
        throw case_failure{"request is empty"};
    const auto first_sp = line.find(' ');
    const auto last_sp = line.rfind(' ');
    if (first_sp == std::string::npos || last_sp == first_sp || line.compare(last_sp + 1, 5, "HTTP/") != 0)
        throw case_failure{"malformed request line: " + line};
    r.method = line.substr(0, first_sp);
    r.target = line.substr(first_sp + 1, last_sp - first_sp - 1);
    while (next_line(line)) {
        if (line.empty()) {
            if (pos < text.size())
                r.body = text.substr(pos);
            break;
        }
        if (line[0] == ' ' || line[0] == '\t') {
            if (r.headers.empty())
                throw case_failure{"continuation line before any header"};
            r.headers.back().second += ' ' + trim(line);
            continue;
        }
        const auto colon = line.find(':');
        if (colon == std::string::npos || colon == 0)
            throw case_failure{"malformed header line: " + line};
        r.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
    }
    return r;
}

std::chrono::system_clock::time_point parse_iso8601(const std::string& s)
{
    // "2015-08-30T12:36:00Z" -> "20150830T123600Z"
    std::string basic;
    for (char c : s)
        if (c != '-' && c != ':')
            basic.push_back(c);
    std::chrono::system_clock::time_point t;
    if (!sigv4::parse_amz_date(basic, t))
        throw case_failure{"bad timestamp in context.json: " + s};
    return t;
}

struct case_input {
    std::string access_key_id, secret, token, region, service;
    std::chrono::system_clock::time_point time;
    bool normalize = true, sign_body = false, omit_session_token = false;
    parsed_request request;
    std::string expected_creq, expected_sts, expected_signature, expected_authorization;
    std::optional<parsed_request> expected_signed;  // aws-c-auth layout only
};

const boost::json::value& member(const boost::json::object& o, std::string_view key)
{
    const auto* v = o.if_contains(key);
    if (v == nullptr)
        throw case_failure{"context.json lacks \"" + std::string(key) + "\""};
    return *v;
}

std::string string_member(const boost::json::object& o, std::string_view key)
{
    const auto& v = member(o, key);
    if (!v.is_string())
        throw case_failure{"context.json: \"" + std::string(key) + "\" is not a string"};
    return std::string(v.get_string());
}

bool bool_member(const boost::json::object& o, std::string_view key, bool fallback)
{
    const auto* v = o.if_contains(key);
    if (v == nullptr)
        return fallback;
    if (!v->is_bool())
        throw case_failure{"context.json: \"" + std::string(key) + "\" is not a boolean"};
    return v->get_bool();
}

std::string authorization_of(const parsed_request& r)
{
    for (const auto& [name, value] : r.headers)
        if (lower(name) == "authorization")
            return trim(value);
    throw case_failure{"signed request has no Authorization header"};
}

case_input load_context_case(const fs::path& dir)
{
    case_input in;
    boost::system::error_code ec;
    const auto ctx = boost::json::parse(read_file(dir / "context.json"), ec);
    if (ec || !ctx.is_object())
        throw case_failure{"context.json is not a JSON object"};
    const auto& o = ctx.get_object();
    const auto& creds = member(o, "credentials");
    if (!creds.is_object())
        throw case_failure{"context.json: \"credentials\" is not an object"};
    in.access_key_id = string_member(creds.get_object(), "access_key_id");
    in.secret = string_member(creds.get_object(), "secret_access_key");
    if (creds.get_object().contains("token"))
        in.token = string_member(creds.get_object(), "token");
    in.region = string_member(o, "region");
    in.service = string_member(o, "service");
    in.time = parse_iso8601(string_member(o, "timestamp"));
    in.normalize = bool_member(o, "normalize", true);
    in.sign_body = bool_member(o, "sign_body", false);
    in.omit_session_token = bool_member(o, "omit_session_token", false);
    in.request = parse_request(read_file(dir / "request.txt"));
    in.expected_creq = read_file(dir / "header-canonical-request.txt");
    in.expected_sts = read_file(dir / "header-string-to-sign.txt");
    in.expected_signature = read_file(dir / "header-signature.txt");
    in.expected_signed = parse_request(read_file(dir / "header-signed-request.txt"));
    in.expected_authorization = authorization_of(*in.expected_signed);
    return in;
}

std::optional<std::string> original_layout_name(const fs::path& dir)
{
    const std::string name = dir.filename().string();
    for (const char* ext : {".req", ".creq", ".sts", ".authz"})
        if (!fs::is_regular_file(dir / (name + ext)))
            return std::nullopt;
    return name;
}

case_input load_original_case(const fs::path& dir, const std::string& name)
{
    // The original suite's implicit context (see the suite's README).
    case_input in;
    in.access_key_id = "AKIDEXAMPLE";
    in.secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    in.region = "us-east-1";
    in.service = "service";
    in.time = parse_iso8601("2015-08-30T12:36:00Z");
    in.request = parse_request(read_file(dir / (name + ".req")));
    in.expected_creq = read_file(dir / (name + ".creq"));
    in.expected_sts = read_file(dir / (name + ".sts"));
    in.expected_authorization = trim(read_file(dir / (name + ".authz")));
    const auto sig = in.expected_authorization.rfind("Signature=");
    if (sig == std::string::npos)
        throw case_failure{".authz has no Signature="};
    in.expected_signature = in.expected_authorization.substr(sig + 10);
    return in;
}

std::string first_difference(std::string_view what, const std::string& got, const std::string& want)
{
    std::size_t i = 0;
    while (i < got.size() && i < want.size() && got[i] == want[i])
        ++i;
    std::ostringstream os;
    os << what << " differs at byte " << i << ": got \"" << got.substr(i, 40) << "\", want \"" << want.substr(i, 40)
       << "\"";
    return os.str();
}

using header_multimap = std::multimap<std::string, std::string>;

header_multimap normalized_headers(const std::vector<std::pair<std::string, std::string>>& headers)
{
    header_multimap m;
    for (const auto& [n, v] : headers)
        m.emplace(lower(n), trim(v));
    return m;
}

std::string check(const case_input& in)
{
    std::vector<sigv4::header_field> headers;
    for (const auto& [n, v] : in.request.headers)
        headers.push_back({n, v});
    const sigv4::request_view request{in.request.method, in.request.target, headers, in.request.body};
    const sigv4::credentials_view creds{in.access_key_id, in.secret, in.token};
    const sigv4::signing_options opts{.region = in.region,
                                      .service = in.service,
                                      .time = in.time,
                                      .normalize_path = in.normalize,
                                      .sign_payload_header = in.sign_body,
                                      .sign_session_token = !in.omit_session_token};
    sigv4::signer signer;
    sigv4::signing_result out;
    signer.sign(request, creds, opts, out);

    if (out.canonical_request != in.expected_creq)
        return first_difference("canonical request", out.canonical_request, in.expected_creq);
    if (out.string_to_sign != in.expected_sts)
        return first_difference("string to sign", out.string_to_sign, in.expected_sts);
    if (out.signature != in.expected_signature)
        return first_difference("signature", out.signature, in.expected_signature);
    if (out.authorization != in.expected_authorization)
        return first_difference("Authorization", out.authorization, in.expected_authorization);

    if (in.expected_signed) {
        // The signed request: the input plus exactly the headers the signer said to add.
        auto added = in.request.headers;
        if (std::none_of(added.begin(), added.end(), [](const auto& h) { return lower(h.first) == "x-amz-date"; }))
            added.emplace_back("X-Amz-Date", out.amz_date);
        if (out.add_security_token)
            added.emplace_back("X-Amz-Security-Token", in.token);
        if (out.add_content_sha256)
            added.emplace_back("x-amz-content-sha256", out.payload_hash);
        added.emplace_back("Authorization", out.authorization);
        if (normalized_headers(added) != normalized_headers(in.expected_signed->headers))
            return "headers of the signed request differ from header-signed-request.txt";
    }
    return {};
}

}  // namespace

bool is_sigv4_case(const fs::path& dir)
{
    return fs::is_regular_file(dir / "context.json") || original_layout_name(dir).has_value();
}

std::vector<fs::path> find_sigv4_cases(const fs::path& root)
{
    std::vector<fs::path> cases;
    if (is_sigv4_case(root))
        cases.push_back(root);
    if (fs::is_directory(root))
        for (const auto& entry : fs::recursive_directory_iterator(root))
            if (entry.is_directory() && is_sigv4_case(entry.path()))
                cases.push_back(entry.path());
    std::sort(cases.begin(), cases.end());
    return cases;
}

sigv4_case_result run_sigv4_case(const fs::path& dir, const fs::path& root)
{
    sigv4_case_result r;
    r.name = dir == root ? dir.filename().string() : fs::relative(dir, root).generic_string();
    try {
        const auto original = original_layout_name(dir);
        const case_input in =
            fs::is_regular_file(dir / "context.json") ? load_context_case(dir) : load_original_case(dir, *original);
        r.failure = check(in);
    } catch (const case_failure& f) {
        r.failure = f.what;
    } catch (const std::exception& e) {
        r.failure = e.what();
    }
    r.passed = r.failure.empty();
    return r;
}

}  // namespace awscoro::test
