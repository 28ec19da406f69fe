#include "commands.hpp"

#include "error_report.hpp"
#include "operation_inputs.hpp"

#include <awscoro/sagemaker/codec.hpp>

#include <boost/json.hpp>

#include <iostream>

namespace awscoro_cli {

namespace sm = awscoro::sagemaker;

namespace {

constexpr std::array<option_spec, 3> paging_specs{
    option_spec{"starting-token", arity::single},
    option_spec{"page-size", arity::single},
    option_spec{"max-items", arity::single},
};

const operation_inputs* inputs_of(std::string_view command)
{
    if (command == "create-image-version")
        return &create_image_version_inputs;
    if (command == "describe-image-version")
        return &describe_image_version_inputs;
    if (command == "list-image-versions")
        return &list_image_versions_inputs;
    if (command == "create-image")
        return &create_image_inputs;
    if (command == "delete-image-version")
        return &delete_image_version_inputs;
    return nullptr;
}

template <sm::message T>
boost::json::value to_value(const T& msg)
{
    std::string body;
    sm::to_json(msg, body);
    return boost::json::parse(body);
}

/// One call: prints the response, or reports the error.
template <class Op>
boost::asio::awaitable<int> call_and_print(sm::client& client, typename Op::request_type req,
                                           const global_options& global)
{
    auto r = co_await client.try_call<Op>(std::move(req));
    if (r.error) {
        report_call_error(Op::name, r.error, r.diag, std::cerr);
        co_return status_for(r.error);
    }
    print_response(to_value(r.value), global.output, Op::name, std::cout);
    co_return exit_success;
}

struct paging {
    std::optional<int> page_size;
    std::optional<long long> max_items;
    std::optional<std::string> starting_token;
};

/// Every page (or up to --max-items, ending on a page boundary so that the
/// service's NextToken resumes exactly there), merged into one response.
boost::asio::awaitable<int> list_all_versions(sm::client& client, sm::list_image_versions_request req, paging p,
                                              const global_options& global)
{
    if (p.page_size)
        req.max_results = *p.page_size;
    if (p.starting_token)
        req.next_token = *p.starting_token;
    sm::list_image_versions_response all;
    for (;;) {
        if (p.max_items) {
            const long long remaining = *p.max_items - static_cast<long long>(all.image_versions.size());
            req.max_results = static_cast<int>(std::min<long long>(remaining, p.page_size.value_or(100)));
        }
        auto r = co_await client.try_call<sm::list_image_versions_op>(req);
        if (r.error) {
            report_call_error(sm::list_image_versions_op::name, r.error, r.diag, std::cerr);
            co_return status_for(r.error);
        }
        for (auto& v : r.value.image_versions)
            all.image_versions.push_back(std::move(v));
        all.next_token = r.value.next_token;
        const bool last = !all.next_token || all.next_token->empty();
        const bool full = p.max_items && static_cast<long long>(all.image_versions.size()) >= *p.max_items;
        if (last || full || global.no_paginate)
            break;
        req.next_token = all.next_token;
    }
    print_response(to_value(all), global.output, sm::list_image_versions_op::name, std::cout);
    co_return exit_success;
}

}  // namespace

std::optional<std::vector<option_spec>> operation_option_specs(std::string_view command)
{
    const operation_inputs* inputs = inputs_of(command);
    if (inputs == nullptr)
        return std::nullopt;
    auto specs = option_specs(*inputs);
    if (command == "list-image-versions")
        specs.insert(specs.end(), paging_specs.begin(), paging_specs.end());
    return specs;
}

int run_operation_command(std::string_view command, const parsed_args& args, const global_options& global)
{
    const auto input = build_input(args, *inputs_of(command));

    if (command == "create-image-version") {
        auto req = decode_request<sm::create_image_version_request>(input);
        return run_with_client(global, [&](sm::client& c) {
            return call_and_print<sm::create_image_version_op>(c, std::move(req), global);
        });
    }
    if (command == "describe-image-version") {
        auto req = decode_request<sm::describe_image_version_request>(input);
        return run_with_client(global, [&](sm::client& c) {
            return call_and_print<sm::describe_image_version_op>(c, std::move(req), global);
        });
    }
    if (command == "create-image") {
        auto req = decode_request<sm::create_image_request>(input);
        return run_with_client(global, [&](sm::client& c) {
            return call_and_print<sm::create_image_op>(c, std::move(req), global);
        });
    }
    if (command == "delete-image-version") {
        auto req = decode_request<sm::delete_image_version_request>(input);
        return run_with_client(global, [&](sm::client& c) {
            return call_and_print<sm::delete_image_version_op>(c, std::move(req), global);
        });
    }
    // list-image-versions
    auto req = decode_request<sm::list_image_versions_request>(input);
    paging p;
    if (const auto v = args.value("page-size"))
        p.page_size = static_cast<int>(parse_integer("page-size", *v, 1, 100));
    if (const auto v = args.value("max-items"))
        p.max_items = parse_integer("max-items", *v, 1, std::numeric_limits<int>::max());
    p.starting_token = args.value("starting-token");
    return run_with_client(global, [&](sm::client& c) { return list_all_versions(c, std::move(req), p, global); });
}

}  // namespace awscoro_cli
