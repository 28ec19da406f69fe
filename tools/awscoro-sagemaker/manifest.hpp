// The register manifest: one CreateImageVersion request per line, as JSON
// Lines (AWS member names) or CSV with a header line of member names. Every
// line is checked on reading (JSON, known members, member types, the
// model's constraints); a bad line becomes an entry carrying its error, so
// one typo never stops the batch.
#pragma once

#include <awscoro/sagemaker/model.hpp>

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace awscoro_cli {

enum class manifest_format { jsonl, csv };

/// Parses "jsonl" or "csv"; throws usage_error otherwise.
manifest_format parse_manifest_format(std::string_view text);

struct manifest_entry {
    std::size_t line = 0;  ///< 1-based line number in the file
    std::string image = {};  ///< ImageName, when it could be read
    /// The request, ClientToken filled (given, or derived from the content); valid when ok().
    awscoro::sagemaker::create_image_version_request request = {};
    std::string error_code = {};     ///< InvalidJson, InvalidCsv, UnknownMember, InvalidType, InvalidParameter
    std::string error_message = {};  ///< what is wrong, naming the member

    bool ok() const { return error_code.empty(); }
};

/// The namespace of the name-based UUIDs derived from manifest lines.
inline constexpr std::string_view client_token_namespace = "0d4f5d55-6c53-4a5e-9a5c-6b1e2f3a7c91";

/// The ClientToken derived from a request's content: the name-based (v5)
/// UUID of its canonical JSON (model member order, ClientToken empty), so
/// equal content gives an equal token whatever the line's layout.
std::string derive_client_token(awscoro::sagemaker::create_image_version_request req);

/// Reads every non-blank line not starting with '#'. `format` is taken
/// from `name` (.csv / .jsonl / .json) when not given, else from the first
/// line ('{' means JSON Lines). Throws usage_error for a CSV header naming
/// an unknown member.
std::vector<manifest_entry> read_manifest(std::istream& in, std::string_view name,
                                          const std::optional<manifest_format>& format);

}  // namespace awscoro_cli
