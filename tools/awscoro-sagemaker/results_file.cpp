#include "results_file.hpp"

#include <boost/json.hpp>

#include <cmath>
#include <filesystem>
#include <stdexcept>

namespace awscoro_cli {

std::string_view to_string(outcome o)
{
    switch (o) {
    case outcome::succeeded: return "succeeded";
    case outcome::failed: return "failed";
    case outcome::invalid: return "invalid";
    case outcome::cancelled: return "cancelled";
    }
    return "";
}

std::string to_json_line(const line_result& r)
{
    boost::json::object o;
    o["line"] = r.line;
    o["image"] = r.image;
    o["outcome"] = to_string(r.outcome);
    if (!r.image_version_arn.empty())
        o["ImageVersionArn"] = r.image_version_arn;
    if (!r.image_version_status.empty())
        o["ImageVersionStatus"] = r.image_version_status;
    if (!r.client_token.empty())
        o["ClientToken"] = r.client_token;
    if (!r.error_code.empty() || !r.error_message.empty()) {
        boost::json::object e;
        e["code"] = r.error_code;
        e["message"] = r.error_message;
        if (!r.request_id.empty())
            e["request_id"] = r.request_id;
        o["error"] = std::move(e);
    }
    o["attempts"] = r.attempts;
    o["latency_ms"] = std::round(r.latency_ms * 1000) / 1000;
    return boost::json::serialize(o);
}

namespace {

std::string string_member(const boost::json::object& o, std::string_view key)
{
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

std::optional<line_result> parse_json_line(std::string_view text)
{
    boost::system::error_code ec;
    const auto v = boost::json::parse(text, ec);
    if (ec || !v.is_object())
        return std::nullopt;
    const auto& o = v.get_object();
    const auto* line = o.if_contains("line");
    if (!line || !line->is_number())
        return std::nullopt;
    line_result r;
    r.line = line->to_number<std::size_t>(ec);
    if (ec)
        return std::nullopt;
    r.image = string_member(o, "image");
    const auto result = string_member(o, "outcome");
    if (result == "succeeded")
        r.outcome = outcome::succeeded;
    else if (result == "failed")
        r.outcome = outcome::failed;
    else if (result == "invalid")
        r.outcome = outcome::invalid;
    else if (result == "cancelled")
        r.outcome = outcome::cancelled;
    else
        return std::nullopt;
    r.image_version_arn = string_member(o, "ImageVersionArn");
    r.image_version_status = string_member(o, "ImageVersionStatus");
    r.client_token = string_member(o, "ClientToken");
    if (const auto* e = o.if_contains("error"); e && e->is_object()) {
        r.error_code = string_member(e->get_object(), "code");
        r.error_message = string_member(e->get_object(), "message");
        r.request_id = string_member(e->get_object(), "request_id");
    }
    if (const auto* a = o.if_contains("attempts"); a && a->is_number())
        r.attempts = a->to_number<unsigned>(ec);
    if (const auto* l = o.if_contains("latency_ms"); l && l->is_number())
        r.latency_ms = l->to_number<double>(ec);
    return r;
}

std::map<std::size_t, line_result> read_successes(const std::string& path, std::size_t& ignored)
{
    std::map<std::size_t, line_result> successes;
    ignored = 0;
    std::ifstream in(path);
    std::string text;
    while (std::getline(in, text)) {
        auto r = parse_json_line(text);
        if (!r) {
            ++ignored;
            continue;
        }
        if (r->outcome == outcome::succeeded)
            successes[r->line] = std::move(*r);
        else
            successes.erase(r->line);
    }
    return successes;
}

results_writer::results_writer(const std::string& path, const std::map<std::size_t, line_result>& kept) : path_(path)
{
    if (path.empty())
        return;
    // The kept records go to a new file that replaces the old one in one
    // step: an interruption here leaves the earlier results intact.
    const std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        for (const auto& [line, r] : kept)
            out << to_json_line(r) << '\n';
        if (!out.flush())
            throw std::runtime_error("cannot write " + temporary);
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec)
        throw std::runtime_error("cannot replace " + path + ": " + ec.message());
    out_.open(path, std::ios::app);
    if (!out_)
        throw std::runtime_error("cannot open " + path);
}

void results_writer::write(const line_result& r)
{
    if (path_.empty())
        return;
    out_ << to_json_line(r) << '\n';
    out_.flush();
    if (!out_)
        throw std::runtime_error("cannot write " + path_);
}

}  // namespace awscoro_cli
