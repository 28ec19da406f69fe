#include "manifest.hpp"

#include "args.hpp"
#include "operation_inputs.hpp"

#include <awscoro/sagemaker/codec.hpp>
#include <awscoro/sagemaker/validate.hpp>
#include <awscoro/uuid.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <istream>

namespace awscoro_cli {

namespace sm = awscoro::sagemaker;

manifest_format parse_manifest_format(std::string_view text)
{
    if (text == "jsonl")
        return manifest_format::jsonl;
    if (text == "csv")
        return manifest_format::csv;
    throw usage_error("--format: expected jsonl or csv, got '" + std::string(text) + "'");
}

std::string derive_client_token(sm::create_image_version_request req)
{
    req.client_token.clear();
    std::string canonical;
    sm::to_json(req, canonical);
    return awscoro::name_based_uuid(client_token_namespace, canonical);
}

namespace {

/// A line's request document → a checked entry.
void decode_entry(const boost::json::object& doc, manifest_entry& e)
{
    if (const auto* name = doc.if_contains("ImageName"); name && name->is_string())
        e.image = name->get_string();
    try {
        check_members(doc, create_image_version_inputs);
    }
    catch (const usage_error& err) {
        e.error_code = "UnknownMember";
        e.error_message = err.what();
        return;
    }
    awscoro::diagnostics diag;
    if (auto ec = sm::from_json(boost::json::serialize(doc), e.request, diag)) {
        e.error_code = "InvalidType";
        e.error_message = diag.message.empty() ? ec.message() : diag.message;
        return;
    }
    if (e.request.client_token.empty())
        e.request.client_token = derive_client_token(e.request);
    if (auto ec = sm::validate(e.request, diag)) {
        e.error_code = "InvalidParameter";
        e.error_message = diag.message;
    }
}

void read_json_line(std::string_view text, manifest_entry& e)
{
    boost::system::error_code ec;
    auto v = boost::json::parse(text, ec);
    if (ec) {
        e.error_code = "InvalidJson";
        e.error_message = ec.message();
        return;
    }
    if (!v.is_object()) {
        e.error_code = "InvalidJson";
        e.error_message = "expected a JSON object";
        return;
    }
    decode_entry(v.get_object(), e);
}

/// Splits one CSV record (RFC 4180 quoting, within one line). False on an unterminated quote.
bool split_csv(std::string_view line, std::vector<std::string>& cells)
{
    cells.clear();
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cell += '"';
                ++i;
            }
            else if (c == '"')
                quoted = false;
            else
                cell += c;
        }
        else if (c == '"')
            quoted = true;
        else if (c == ',') {
            cells.push_back(std::move(cell));
            cell.clear();
        }
        else
            cell += c;
    }
    cells.push_back(std::move(cell));
    return !quoted;
}

void read_csv_line(std::string_view text, const std::vector<std::string>& header, manifest_entry& e)
{
    std::vector<std::string> cells;
    if (!split_csv(text, cells)) {
        e.error_code = "InvalidCsv";
        e.error_message = "unterminated quoted cell";
        return;
    }
    if (cells.size() != header.size()) {
        e.error_code = "InvalidCsv";
        e.error_message = "expected " + std::to_string(header.size()) + " cells, got " + std::to_string(cells.size());
        return;
    }
    boost::json::object doc;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const std::string& cell = cells[i];
        if (cell.empty())
            continue;
        if (header[i] == "Aliases") {
            boost::json::array aliases;
            std::size_t start = 0;
            while (start <= cell.size()) {
                const auto semi = std::min(cell.find(';', start), cell.size());
                if (semi > start)
                    aliases.emplace_back(cell.substr(start, semi - start));
                start = semi + 1;
            }
            doc["Aliases"] = std::move(aliases);
        }
        else if (header[i] == "Horovod") {
            std::string lower = cell;
            std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
            if (lower != "true" && lower != "false") {
                e.error_code = "InvalidType";
                e.error_message = "Horovod: expected true or false, got \"" + cell + "\"";
                return;
            }
            doc["Horovod"] = lower == "true";
        }
        else
            doc[header[i]] = cell;
    }
    decode_entry(doc, e);
}

bool skipped(std::string_view line)
{
    const auto first = line.find_first_not_of(" \t\r");
    return first == std::string_view::npos || line[first] == '#';
}

}  // namespace

std::vector<manifest_entry> read_manifest(std::istream& in, std::string_view name,
                                          const std::optional<manifest_format>& format)
{
    std::optional<manifest_format> fmt = format;
    if (!fmt && name.ends_with(".csv"))
        fmt = manifest_format::csv;
    else if (!fmt && (name.ends_with(".jsonl") || name.ends_with(".json") || name.ends_with(".ndjson")))
        fmt = manifest_format::jsonl;

    std::vector<manifest_entry> entries;
    std::vector<std::string> header;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (skipped(line))
            continue;
        if (!fmt)
            fmt = line[line.find_first_not_of(" \t")] == '{' ? manifest_format::jsonl : manifest_format::csv;
        if (*fmt == manifest_format::csv && header.empty()) {
            if (!split_csv(line, header))
                throw usage_error("manifest line " + std::to_string(number) + ": unterminated quoted cell in the header");
            for (const auto& column : header) {
                const auto& options = create_image_version_inputs.options;
                if (std::none_of(options.begin(), options.end(), [&](const auto& m) { return m.member == column; }))
                    throw usage_error("manifest line " + std::to_string(number) + ": unknown column \"" + column +
                                      "\" (the header names CreateImageVersion members, e.g. ImageName,BaseImage)");
            }
            continue;
        }
        manifest_entry e;
        e.line = number;
        if (*fmt == manifest_format::jsonl)
            read_json_line(line, e);
        else
            read_csv_line(line, header, e);
        entries.push_back(std::move(e));
    }
    return entries;
}

}  // namespace awscoro_cli
