// The register results file: one JSON line per manifest line, written as
// each line finishes (flushed at once, so a crash loses nothing), e.g.
//   {"line":12,"image":"img-a","outcome":"succeeded","ImageVersionArn":"arn:...",
//    "ClientToken":"...","attempts":1,"latency_ms":3.2}
//   {"line":13,"image":"img-a","outcome":"failed","ClientToken":"...",
//    "error":{"code":"ResourceNotFound","message":"...","request_id":"..."},"attempts":1,"latency_ms":2.9}
// --resume keeps the successful lines of an earlier run and rewrites the
// file without the others, so that every line ends there exactly once.
#pragma once

#include <cstddef>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace awscoro_cli {

enum class outcome {
    succeeded,  ///< created (with --wait: and CREATED)
    failed,     ///< the service or the transport said no, or CREATE_FAILED, or the wait timed out
    invalid,    ///< the manifest line is bad; nothing was sent
    cancelled,  ///< interrupted in flight; its fate is unknown until --resume re-sends it (same token)
};

std::string_view to_string(outcome o);

struct line_result {
    std::size_t line = 0;
    std::string image = {};
    enum outcome outcome = outcome::succeeded;
    std::string image_version_arn = {};
    std::string image_version_status = {};  ///< with --wait
    std::string client_token = {};
    std::string error_code = {};
    std::string error_message = {};
    std::string request_id = {};
    unsigned attempts = 0;
    double latency_ms = 0;
};

/// One record as its JSON line (without the newline).
std::string to_json_line(const line_result& r);

/// Parses a record; nullopt for a line that is not one (e.g. cut short by a crash).
std::optional<line_result> parse_json_line(std::string_view text);

/// The successful records of `path` by line number (later records win);
/// empty when the file does not exist. `ignored` counts unreadable lines.
std::map<std::size_t, line_result> read_successes(const std::string& path, std::size_t& ignored);

class results_writer {
public:
    /// Opens `path` (truncating it), writing `kept` records first. With an
    /// empty path nothing is written. Throws std::runtime_error on I/O failure.
    results_writer(const std::string& path, const std::map<std::size_t, line_result>& kept);

    void write(const line_result& r);

private:
    std::ofstream out_;
    std::string path_;
};

}  // namespace awscoro_cli
