#include "api_error.hpp"
#include "image_store.hpp"
#include "options.hpp"
#include "state_file.hpp"
#include "support.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace sagemaker_local;
using namespace sagemaker_local::test;

namespace {

store_state populated_state()
{
    image_store store{store_config{}};
    value_of(store.execute(sm::create_image_request{.description = "a \"quoted\" description",
                                                    .image_name = "img",
                                                    .role_arn = "arn:aws:iam::123456789012:role/r",
                                                    .tags = {{"team", "ml"}, {"empty", ""}}},
                           at(0.125)));
    value_of(store.execute(sm::create_image_version_request{.base_image = "repo:1",
                                                            .client_token = "tok",
                                                            .image_name = "img",
                                                            .aliases = {"prod", "x"},
                                                            .job_type = sm::job_type::inference,
                                                            .horovod = false},
                           at(0.5)));
    value_of(store.execute(sm::create_image_version_request{.base_image = "repo:2", .client_token = "tok2",
                                                            .image_name = "img"},
                           at(1)));
    value_of(store.execute(sm::delete_image_version_request{.image_name = "img", .version = 2}, at(5)));
    return store.snapshot();
}

parse_status parse(std::vector<const char*> args, server_options& out, std::string& error)
{
    return parse_options(args, out, error);
}

}  // namespace

TEST_CASE("state: a snapshot survives JSON unchanged, pending transitions included")
{
    const auto state = populated_state();
    store_state back;
    std::string error;
    REQUIRE_MESSAGE(state_from_json(state_to_json(state), back, error), error);
    CHECK(back == state);
}

TEST_CASE("state: saved atomically to a file and loaded again; a missing file is an empty state")
{
    const auto dir = std::filesystem::temp_directory_path() / ("sagemaker-local-state-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = (dir / "state.json").string();
    std::string error;

    store_state loaded;
    REQUIRE(load_state(path, loaded, error));
    CHECK(loaded.images.empty());

    const auto state = populated_state();
    REQUIRE_MESSAGE(save_state(path, state, error), error);
    REQUIRE(load_state(path, loaded, error));
    CHECK(loaded == state);
    CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1);  // no temporary left behind

    std::ofstream{path} << "{\"format\":\"something else\"}";
    CHECK_FALSE(load_state(path, loaded, error));
    CHECK(error.find("format") != std::string::npos);
    std::ofstream{path} << "not json";
    CHECK_FALSE(load_state(path, loaded, error));
    std::filesystem::remove_all(dir);
}

TEST_CASE("errors: the AWS JSON 1.1 error shape")
{
    auto doc = boost::json::parse(error_body(resource_in_use("busy"))).as_object();
    CHECK(doc.at("__type").as_string() == "ResourceInUse");
    CHECK(doc.at("Message").as_string() == "busy");
    doc = boost::json::parse(error_body(throttling())).as_object();
    CHECK(doc.at("__type").as_string() == "ThrottlingException");
    CHECK(doc.at("message").as_string() == "Rate exceeded");
    CHECK(request_too_large(10).status == 413);
    CHECK(internal_failure().status == 500);
    CHECK(service_unavailable().status == 503);
    CHECK(missing_authentication_token().status == 400);
}

TEST_CASE("errors: a message quoting invalid UTF-8 from the client stays valid JSON")
{
    const auto body = error_body(incomplete_signature("got 'a\x80" "b\xed\xa0\x80" "c\xf0\x9f\x98\x80'"));
    boost::system::error_code ec;
    const auto doc = boost::json::parse(body, ec);
    REQUIRE_FALSE(ec);
    CHECK(doc.as_object().at("message").as_string() ==
          "got 'a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "c\xF0\x9F\x98\x80'");
}

TEST_CASE("options: defaults, values in both spellings, and every knob")
{
    server_options o;
    std::string error;
    REQUIRE(parse({}, o, error) == parse_status::run);
    CHECK(o.port == 0);
    CHECK_FALSE(o.http);
    CHECK(o.access_key_id == "AKIDEXAMPLE");
    CHECK(o.store.account == "123456789012");
    CHECK(o.max_body == 1048576);

    REQUIRE(parse({"--port", "8443", "--http", "--threads=4", "--account", "111122223333", "--region", "eu-west-1",
                   "--create-delay-ms", "0", "--delete-delay-ms=2500", "--version-quota", "3",
                   "--fail-base-image-pattern", "bad", "--tps", "50", "--burst", "100", "--fault-500", "0.1",
                   "--fault-503", "0.2", "--fault-reset-before", "0.05", "--fault-reset-after", "0.05",
                   "--latency-ms", "5:20", "--seed", "7", "--state", "/tmp/s.json", "--max-body", "100",
                   "--idle-timeout-s", "5"},
                  o, error) == parse_status::run);
    CHECK(o.port == 8443);
    CHECK(o.http);
    CHECK(o.threads == 4);
    CHECK(o.store.region == "eu-west-1");
    CHECK(o.store.create_delay.count() == 0);
    CHECK(o.store.delete_delay.count() == 2500);
    CHECK(o.store.version_quota == 3);
    CHECK(o.store.fail_base_image_pattern == "bad");
    CHECK(o.tps == 50);
    CHECK(o.burst == 100);
    CHECK(o.faults.internal_failure == 0.1);
    CHECK(o.faults.latency_min.count() == 5);
    CHECK(o.faults.latency_max.count() == 20);
    CHECK(o.faults.seed == 7);
    CHECK(o.state_file == "/tmp/s.json");
    CHECK(o.max_body == 100);
    CHECK(o.idle_timeout.count() == 5);
}

TEST_CASE("options: mistakes are reported, --help is recognised")
{
    server_options o;
    std::string error;
    CHECK(parse({"--help"}, o, error) == parse_status::help);
    CHECK(parse({"--bogus"}, o, error) == parse_status::error);
    CHECK(error.find("bogus") != std::string::npos);
    CHECK(parse({"--port"}, o, error) == parse_status::error);
    CHECK(parse({"--port", "70000"}, o, error) == parse_status::error);
    CHECK(parse({"--threads", "0"}, o, error) == parse_status::error);
    CHECK(parse({"--fault-500", "1.5"}, o, error) == parse_status::error);
    CHECK(parse({"--fault-500", "0.7", "--fault-503", "0.7"}, o, error) == parse_status::error);
    CHECK(parse({"--latency-ms", "20:5"}, o, error) == parse_status::error);
    CHECK(parse({"--tls-cert", "a.pem"}, o, error) == parse_status::error);
    CHECK(parse({"--http=yes"}, o, error) == parse_status::error);
    CHECK(parse({"stray"}, o, error) == parse_status::error);

    const auto help = help_text();
    for (const char* name : {"--port", "--http", "--tls-cert", "--tls-key", "--cert-dir", "--threads",
                             "--access-key-id", "--secret-access-key", "--account", "--region", "--create-delay-ms",
                             "--delete-delay-ms", "--version-quota", "--fail-base-image-pattern", "--tps", "--burst",
                             "--fault-500", "--fault-503", "--fault-reset-before", "--fault-reset-after",
                             "--latency-ms", "--seed", "--state", "--max-body"})
        CHECK_MESSAGE(help.find(name) != std::string::npos, name);
}
