#include "api_handler.hpp"

#include <awscoro/json_protocol.hpp>
#include <awscoro/sagemaker/codec.hpp>
#include <awscoro/sagemaker/validate.hpp>
#include <awscoro/uuid.hpp>

#include <algorithm>
#include <array>

namespace sagemaker_local {

namespace {

constexpr std::string_view target_prefix = "SageMaker.";

/// Runs one operation from its JSON body to its JSON response.
using operation_fn = outcome<std::string> (*)(image_store&, std::string_view body, timestamp now);

template <class Op>
outcome<std::string> run_operation(image_store& store, std::string_view body, timestamp now)
{
    typename Op::request_type req;
    awscoro::diagnostics diag;
    if (sm::from_json(body, req, diag))
        return serialization(std::move(diag.message));
    if (sm::validate(req, diag))
        return validation("1 validation error detected: " + diag.message);
    auto result = store.execute(req, now);
    if (auto* error = std::get_if<api_error>(&result))
        return std::move(*error);
    std::string out;
    sm::to_json(std::get<0>(result), out);
    return out;
}

/// run_operation of each operation, indexed like operation_names.
constexpr auto operation_table = [] {
    std::array<operation_fn, operation_count> table{};
    std::size_t i = 0;
    std::apply([&](auto... op) { ((table[i++] = &run_operation<decltype(op)>), ...); }, sm::operations{});
    return table;
}();

/// The index of the operation `X-Amz-Target` names, or operation_count.
std::size_t operation_index(std::optional<std::string_view> target)
{
    if (!target || !target->starts_with(target_prefix))
        return operation_count;
    const auto name = target->substr(target_prefix.size());
    return static_cast<std::size_t>(std::find(operation_names.begin(), operation_names.end(), name) -
                                    operation_names.begin());
}

/// application/x-amz-json-1.1, any case, parameters allowed.
bool is_json_content_type(std::optional<std::string_view> value)
{
    if (!value)
        return false;
    auto type = value->substr(0, value->find(';'));
    while (!type.empty() && type.back() == ' ')
        type.remove_suffix(1);
    return std::equal(type.begin(), type.end(), awscoro::json_protocol::content_type.begin(),
                      awscoro::json_protocol::content_type.end(),
                      [](char a, char b) { return (a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a) == b; });
}

std::string_view path_of(std::string_view target)
{
    return target.substr(0, target.find('?'));
}

}  // namespace

request_time request_time::now()
{
    return {std::chrono::system_clock::now(), std::chrono::steady_clock::now()};
}

api_handler::api_handler(image_store& store, sigv4_verifier& verifier, token_bucket& limiter, server_stats& stats)
    : store_(store), verifier_(verifier), limiter_(limiter), stats_(stats)
{
}

bool api_handler::is_admin(std::string_view target) noexcept
{
    return path_of(target).starts_with("/__");
}

http_response api_handler::answer(const api_error& error)
{
    stats_.error_answered(error.type);
    return {error.status, error_body(error), awscoro::random_uuid_v4()};
}

http_response api_handler::admin(const incoming_request& req)
{
    const auto path = path_of(req.target);
    if (path == "/__stats" && req.method == "GET")
        return {200, stats_.to_json(store_.counters()), awscoro::random_uuid_v4()};
    if (path == "/__reset" && req.method == "POST") {
        store_.clear();
        return {200, "{}", awscoro::random_uuid_v4()};
    }
    return answer({"UnknownOperationException", "No admin operation " + std::string(req.method) + " " +
                                                     std::string(path), 404});
}

http_response api_handler::handle(const incoming_request& req, request_time time, fault_action fault)
{
    if (is_admin(req.target))
        return admin(req);

    const auto index = operation_index(req.header("x-amz-target"));
    if (index < operation_count)
        ++stats_.requests[index];

    if (fault == fault_action::internal_failure) {
        ++stats_.faults_internal_failure;
        return answer(internal_failure());
    }
    if (fault == fault_action::service_unavailable) {
        ++stats_.faults_service_unavailable;
        return answer(service_unavailable());
    }

    if (auto rejected = verifier_.verify(req, time.wall)) {
        ++stats_.signatures_rejected;
        return answer(*rejected);
    }
    if (!limiter_.try_acquire(time.steady)) {
        ++stats_.throttled;
        return answer(throttling());
    }
    if (req.method != "POST" || path_of(req.target) != "/" || index == operation_count)
        return answer(unknown_operation(req.header("x-amz-target").value_or(std::string(req.method) + " " +
                                                                            std::string(req.target))));
    if (!is_json_content_type(req.header("content-type")))
        return answer(serialization("Content-Type must be " + std::string(awscoro::json_protocol::content_type)));

    // Timestamps are kept to the millisecond, like the service's.
    const auto now = std::chrono::time_point_cast<timestamp::duration>(
        std::chrono::floor<std::chrono::milliseconds>(time.wall));
    auto result = operation_table[index](store_, req.body, now);
    if (auto* error = std::get_if<api_error>(&result))
        return answer(*error);
    return {200, std::move(std::get<0>(result)), awscoro::random_uuid_v4()};
}

}  // namespace sagemaker_local
