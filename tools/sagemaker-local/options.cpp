#include "options.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace sagemaker_local {

namespace {

template <class T>
bool parse_number(std::string_view text, T& out)
{
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && ptr == text.data() + text.size();
}

bool assign_nonempty(std::string& out, std::string_view text)
{
    out = text;
    return !text.empty();
}

bool parse_fraction(std::string_view text, double& out)
{
    return parse_number(text, out) && out >= 0 && out <= 1;
}

bool parse_ms(std::string_view text, std::chrono::milliseconds& out)
{
    std::chrono::milliseconds::rep n = 0;
    if (!parse_number(text, n) || n < 0)
        return false;
    out = std::chrono::milliseconds{n};
    return true;
}

/// MIN or MIN:MAX, in milliseconds.
bool parse_latency(std::string_view text, fault_config& faults)
{
    const auto colon = text.find(':');
    if (!parse_ms(text.substr(0, colon), faults.latency_min))
        return false;
    if (colon == std::string_view::npos) {
        faults.latency_max = faults.latency_min;
        return true;
    }
    return parse_ms(text.substr(colon + 1), faults.latency_max) && faults.latency_min <= faults.latency_max;
}

struct option {
    std::string_view name;
    std::string_view argument;  ///< empty for a flag
    std::string_view help;
    std::function<bool(server_options&, std::string_view)> apply;
};

const std::vector<option>& option_table()
{
    using o = server_options;
    static const std::vector<option> table = {
        {"port", "N", "TCP port on 127.0.0.1; 0 picks a free one (default 0)",
         [](o& s, std::string_view v) { return parse_number(v, s.port); }},
        {"http", "", "serve plain HTTP instead of HTTPS",
         [](o& s, std::string_view) { s.http = true;
             return true; }},
        {"tls-cert", "FILE", "PEM certificate chain to serve (with --tls-key); default: generate a CA and a "
                             "certificate for localhost and 127.0.0.1",
         [](o& s, std::string_view v) { return assign_nonempty(s.tls_cert, v); }},
        {"tls-key", "FILE", "PEM private key of --tls-cert",
         [](o& s, std::string_view v) { return assign_nonempty(s.tls_key, v); }},
        {"cert-dir", "DIR", "folder for the generated ca.pem, server.pem and server-key.pem, reused when "
                            "present (default: a new temporary folder, removed on exit)",
         [](o& s, std::string_view v) { return assign_nonempty(s.cert_dir, v); }},
        {"threads", "N", "I/O threads (default 1)",
         [](o& s, std::string_view v) { return parse_number(v, s.threads) && s.threads > 0; }},
        {"access-key-id", "ID", "access key id accepted in signatures (default AKIDEXAMPLE)",
         [](o& s, std::string_view v) { return assign_nonempty(s.access_key_id, v); }},
        {"secret-access-key", "KEY", "its secret (default wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY)",
         [](o& s, std::string_view v) { return assign_nonempty(s.secret_access_key, v); }},
        {"account", "ID", "account id in ARNs (default 123456789012)",
         [](o& s, std::string_view v) { return assign_nonempty(s.store.account, v) && v.size() == 12; }},
        {"region", "NAME", "region of ARNs and of the signing scope (default us-east-1)",
         [](o& s, std::string_view v) { return assign_nonempty(s.store.region, v); }},
        {"create-delay-ms", "MS", "CREATING lasts this long before CREATED or CREATE_FAILED (default 100)",
         [](o& s, std::string_view v) { return parse_ms(v, s.store.create_delay); }},
        {"delete-delay-ms", "MS", "DELETING lasts this long before the resource is gone (default 100)",
         [](o& s, std::string_view v) { return parse_ms(v, s.store.delete_delay); }},
        {"version-quota", "N", "live versions per image before ResourceLimitExceeded; 0 = unlimited "
                               "(default 1000)",
         [](o& s, std::string_view v) { return parse_number(v, s.store.version_quota); }},
        {"fail-base-image-pattern", "REGEX", "versions whose BaseImage contains a match (ECMAScript regex) "
                                             "end in CREATE_FAILED (default: none)",
         [](o& s, std::string_view v) { s.store.fail_base_image_pattern = v;
             return true; }},
        {"tps", "N", "request-rate limit in requests per second, answered with ThrottlingException; "
                     "0 = unlimited (default 0)",
         [](o& s, std::string_view v) { return parse_number(v, s.tps) && s.tps >= 0; }},
        {"burst", "N", "token-bucket size of --tps (default: max(tps, 1))",
         [](o& s, std::string_view v) { return parse_number(v, s.burst) && s.burst >= 0; }},
        {"fault-500", "F", "fraction of API requests answered 500 InternalFailure (default 0)",
         [](o& s, std::string_view v) { return parse_fraction(v, s.faults.internal_failure); }},
        {"fault-503", "F", "fraction answered 503 ServiceUnavailable (default 0)",
         [](o& s, std::string_view v) { return parse_fraction(v, s.faults.service_unavailable); }},
        {"fault-reset-before", "F", "fraction whose connection is reset before processing (default 0)",
         [](o& s, std::string_view v) { return parse_fraction(v, s.faults.reset_before); }},
        {"fault-reset-after", "F", "fraction processed, then the connection reset without an answer "
                                   "(default 0)",
         [](o& s, std::string_view v) { return parse_fraction(v, s.faults.reset_after); }},
        {"latency-ms", "MIN[:MAX]", "added latency per API request, uniform in [MIN, MAX] (default 0)",
         [](o& s, std::string_view v) { return parse_latency(v, s.faults); }},
        {"seed", "N", "seed of the fault injector's random draws (default 1)",
         [](o& s, std::string_view v) { return parse_number(v, s.faults.seed); }},
        {"state", "FILE", "load the images from FILE on start, save them there atomically on SIGINT/SIGTERM",
         [](o& s, std::string_view v) { return assign_nonempty(s.state_file, v); }},
        {"max-body", "BYTES", "larger request bodies get 413 RequestEntityTooLargeException (default 1048576)",
         [](o& s, std::string_view v) { return parse_number(v, s.max_body) && s.max_body > 0; }},
        {"idle-timeout-s", "S", "close a connection silent this long, slow clients included (default 60)",
         [](o& s, std::string_view v) {
             std::chrono::seconds::rep n = 0;
             if (!parse_number(v, n) || n <= 0)
                 return false;
             s.idle_timeout = std::chrono::seconds{n};
             return true;
         }},
        {"help", "", "print this help and exit", [](o&, std::string_view) { return true; }},
    };
    return table;
}

}  // namespace

parse_status parse_options(std::span<const char* const> args, server_options& out, std::string& error)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view arg = args[i];
        if (!arg.starts_with("--")) {
            error = "unexpected argument '" + std::string(arg) + "'";
            return parse_status::error;
        }
        arg.remove_prefix(2);
        std::optional<std::string_view> value;
        if (const auto eq = arg.find('='); eq != std::string_view::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
        }
        const auto& table = option_table();
        const auto it = std::find_if(table.begin(), table.end(), [&](const option& o) { return o.name == arg; });
        if (it == table.end()) {
            error = "unknown option --" + std::string(arg);
            return parse_status::error;
        }
        if (it->name == "help")
            return parse_status::help;
        if (!it->argument.empty() && !value) {
            if (i + 1 == args.size()) {
                error = "--" + std::string(arg) + " needs a value";
                return parse_status::error;
            }
            value = args[++i];
        }
        if (it->argument.empty() && value) {
            error = "--" + std::string(arg) + " takes no value";
            return parse_status::error;
        }
        if (!it->apply(out, value.value_or(""))) {
            error = "invalid value for --" + std::string(arg) + ": '" + std::string(value.value_or("")) + "'";
            return parse_status::error;
        }
    }
    if (out.tls_cert.empty() != out.tls_key.empty()) {
        error = "--tls-cert and --tls-key go together";
        return parse_status::error;
    }
    if (!out.faults.valid()) {
        error = "the --fault-* fractions must sum to at most 1";
        return parse_status::error;
    }
    return parse_status::run;
}

std::string help_text()
{
    std::string out =
        "sagemaker-local: a local endpoint for the SageMaker image API (10 operations, SigV4, AWS JSON 1.1)\n"
        "\n"
        "usage: sagemaker-local [options]\n"
        "\n"
        "Prints 'listening https://127.0.0.1:PORT' (or http://) once ready, then 'ca-bundle PATH' when it\n"
        "generated its certificates. GET /__stats returns counters; POST /__reset forgets every image.\n"
        "\n"
        "options:\n";
    for (const auto& o : option_table()) {
        constexpr std::size_t help_column = 30;
        const auto line_start = out.size();
        out.append("  --").append(o.name);
        if (!o.argument.empty())
            out.append(" ").append(o.argument);
        if (out.size() - line_start < help_column)
            out.append(help_column - (out.size() - line_start), ' ');
        else
            out.append("\n").append(help_column, ' ');
        out.append(o.help).append("\n");
    }
    return out;
}

}  // namespace sagemaker_local
