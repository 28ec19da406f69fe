#include "register_options.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace awscoro_cli {

std::span<const option_spec> register_option_specs()
{
    static constexpr std::array specs{
        option_spec{"manifest", arity::single},        option_spec{"format", arity::single},
        option_spec{"results", arity::single},         option_spec{"resume", arity::flag},
        option_spec{"concurrency", arity::single},     option_spec{"max-rps", arity::single},
        option_spec{"retry-mode", arity::single},      option_spec{"max-attempts", arity::single},
        option_spec{"create-missing-images", arity::flag}, option_spec{"role-arn", arity::single},
        option_spec{"wait", arity::flag},              option_spec{"wait-timeout", arity::single},
        option_spec{"shard", arity::single},           option_spec{"shard-count", arity::single},
        option_spec{"strict", arity::flag},            option_spec{"progress", arity::single},
        option_spec{"grace-period", arity::single},
    };
    return specs;
}

shard parse_shard(std::string_view text)
{
    const auto slash = text.find('/');
    const auto bad = [&] {
        return usage_error("--shard: expected INDEX/COUNT with 0 <= INDEX < COUNT, e.g. 0/3, got '" +
                           std::string(text) + "'");
    };
    if (slash == std::string_view::npos)
        throw bad();
    shard s;
    const auto index = text.substr(0, slash);
    const auto count = text.substr(slash + 1);
    if (std::from_chars(index.data(), index.data() + index.size(), s.index).ptr != index.data() + index.size() ||
        std::from_chars(count.data(), count.data() + count.size(), s.count).ptr != count.data() + count.size() ||
        index.empty() || count.empty() || s.count == 0 || s.index >= s.count)
        throw bad();
    return s;
}

namespace {

shard shard_from_environment(std::string_view count_text, const std::function<const char*(const char*)>& getenv)
{
    const auto count = parse_integer("shard-count", count_text, 1, 1'000'000);
    for (const char* name : {"JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"}) {
        if (const char* index = getenv(name); index != nullptr && *index != '\0') {
            try {
                return parse_shard(std::string(index) + "/" + std::to_string(count));
            }
            catch (const usage_error&) {
                throw usage_error(std::string(name) + "=" + index + " is not a shard index below --shard-count " +
                                  std::to_string(count));
            }
        }
    }
    throw usage_error("--shard-count needs JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or "
                      "AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch array job) in the environment; or use --shard INDEX/COUNT");
}

}  // namespace

register_options read_register_options(const parsed_args& args,
                                       const std::function<const char*(const char*)>& getenv)
{
    register_options o;
    const auto manifest = args.value("manifest");
    if (!manifest)
        throw usage_error("the following arguments are required: --manifest");
    o.manifest = *manifest;
    if (const auto v = args.value("format"))
        o.format = parse_manifest_format(*v);
    o.results = args.value("results").value_or("");
    o.resume = args.has("resume");
    if (o.resume && o.results.empty())
        throw usage_error("--resume needs --results FILE (where the earlier run wrote its results)");
    if (const auto v = args.value("concurrency"))
        o.concurrency = static_cast<unsigned>(parse_integer("concurrency", *v, 1, 4096));
    if (const auto v = args.value("max-rps")) {
        double rps = 0;
        const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), rps);
        if (ec != std::errc{} || end != v->data() + v->size() || !(rps > 0) || !std::isfinite(rps))
            throw usage_error("--max-rps: expected a positive number, got '" + *v + "'");
        o.max_rps = rps;
    }
    if (const auto v = args.value("retry-mode")) {
        if (*v == "adaptive")
            o.retry_mode = awscoro::retry_mode::adaptive;
        else if (*v == "standard")
            o.retry_mode = awscoro::retry_mode::standard;
        else
            throw usage_error("--retry-mode: expected adaptive or standard, got '" + *v + "'");
    }
    if (const auto v = args.value("max-attempts"))
        o.max_attempts = static_cast<unsigned>(parse_integer("max-attempts", *v, 1, 100));
    o.create_missing_images = args.has("create-missing-images");
    o.role_arn = args.value("role-arn").value_or("");
    if (o.create_missing_images && o.role_arn.empty())
        throw usage_error("--create-missing-images needs --role-arn ARN (the role of the images it creates)");
    o.wait = args.has("wait");
    if (const auto v = args.value("wait-timeout"))
        o.wait_timeout = std::chrono::seconds{parse_integer("wait-timeout", *v, 1, 86'400)};
    if (args.has("shard") && args.has("shard-count"))
        throw usage_error("--shard and --shard-count cannot be used together");
    if (const auto v = args.value("shard"))
        o.shard = parse_shard(*v);
    if (const auto v = args.value("shard-count"))
        o.shard = shard_from_environment(*v, getenv);
    o.strict = args.has("strict");
    if (const auto v = args.value("progress"))
        o.progress = parse_progress_mode(*v);
    if (const auto v = args.value("grace-period"))
        o.grace_period = std::chrono::seconds{parse_integer("grace-period", *v, 0, 3600)};
    return o;
}

}  // namespace awscoro_cli
