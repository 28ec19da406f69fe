// wire-client ENDPOINT CA_FILE: real client calls, every CreateImageVersion
// member set, with and without a session token, and one call of every other
// operation, for botocore_wire_check.py to verify from the server's side.
// Prints one line per call; exit 1 when any call failed.
#include <awscoro/sagemaker/client.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include <iostream>

namespace asio = boost::asio;
namespace sm = awscoro::sagemaker;

namespace {

int failures = 0;

template <class Result>
void report(const char* name, const Result& r)
{
    if (r.error) {
        ++failures;
        std::cout << "FAIL " << name << ": " << awscoro::describe(r.error, r.diag) << '\n';
    } else {
        std::cout << "OK " << name << '\n';
    }
}

awscoro::config make_config(const char* endpoint, const char* ca, std::string token)
{
    awscoro::config c;
    c.region = "us-east-1";
    c.endpoint_url = endpoint;
    c.ca_bundle = ca;
    c.retry.max_attempts = 1;
    c.credentials = awscoro::make_static_credentials_provider(
        {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", std::move(token)});
    return c;
}

asio::awaitable<void> calls(sm::client& plain, sm::client& with_token)
{
    sm::create_image_version_request full{
        .base_image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag",
        .image_name = "my-image",
        .aliases = {"latest", "v1.0_stable"},
        .vendor_guidance = sm::vendor_guidance::stable,
        .job_type = sm::job_type::notebook_kernel,
        .ml_framework = "PyTorch 2.1",
        .programming_lang = "Python 3.10",
        .processor = sm::processor::gpu,
        .horovod = true,
        .release_notes = "Notes with \"quotes\", a tab\tand unicode: caf\xC3\xA9",
    };
    report("CreateImageVersion (every member)", co_await plain.try_create_image_version(full));
    report("CreateImageVersion (session token)", co_await with_token.try_create_image_version(full));
    sm::create_image_version_request minimal{.base_image = "repo:tag", .image_name = "img-2"};
    report("CreateImageVersion (required only)", co_await plain.try_create_image_version(minimal));

    sm::create_image_request image{.description = "An image",
                                   .display_name = "My Image",
                                   .image_name = "my-image",
                                   .role_arn = "arn:aws:iam::123456789012:role/SageMakerRole",
                                   .tags = {{.key = "team", .value = "ml"}, {.key = "empty", .value = ""}}};
    report("CreateImage", co_await with_token.try_call<sm::create_image_op>(image));
    sm::describe_image_request describe{.image_name = "my-image"};
    report("DescribeImage", co_await plain.try_call<sm::describe_image_op>(describe));
    sm::describe_image_version_request dv{.image_name = "my-image", .alias = "latest"};
    report("DescribeImageVersion", co_await plain.try_call<sm::describe_image_version_op>(dv));
    sm::list_image_versions_request lv{.image_name = "my-image",
                                       .max_results = 10,
                                       .sort_by = sm::image_version_sort_by::version,
                                       .sort_order = sm::image_version_sort_order::descending};
    report("ListImageVersions", co_await plain.try_call<sm::list_image_versions_op>(lv));
    sm::update_image_version_request uv{.image_name = "my-image",
                                        .version = 1,
                                        .aliases_to_add = {"prod"},
                                        .aliases_to_delete = {"latest"},
                                        .horovod = false};
    report("UpdateImageVersion", co_await plain.try_call<sm::update_image_version_op>(uv));
    sm::list_aliases_request la{.image_name = "my-image", .version = 1, .max_results = 5};
    report("ListAliases", co_await plain.try_call<sm::list_aliases_op>(la));
    sm::delete_image_version_request del{.image_name = "my-image", .version = 1};
    report("DeleteImageVersion", co_await plain.try_call<sm::delete_image_version_op>(del));
    sm::list_images_request li{.max_results = 3, .name_contains = "my"};
    report("ListImages", co_await plain.try_call<sm::list_images_op>(li));
    sm::delete_image_request di{.image_name = "my-image"};
    report("DeleteImage", co_await plain.try_call<sm::delete_image_op>(di));
    plain.shutdown();
    with_token.shutdown();
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::cerr << "usage: wire-client ENDPOINT CA_FILE\n";
        return 2;
    }
    asio::io_context io;
    sm::client plain(io, make_config(argv[1], argv[2], ""));
    sm::client with_token(io, make_config(argv[1], argv[2], "FQoGZXIvYXdzEXAMPLE//session/token+with/slashes="));
    asio::co_spawn(io, calls(plain, with_token), asio::detached);
    io.run_for(std::chrono::seconds(60));
    return failures == 0 ? 0 : 1;
}
