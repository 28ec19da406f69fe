#include <awscoro/sagemaker/codec.hpp>

#include <awscoro/error.hpp>

#include "allocation_counter.hpp"

#include <boost/json/parse.hpp>
#include <doctest/doctest.h>

#include <string>
#include <tuple>

namespace sm = awscoro::sagemaker;
using awscoro::timestamp;

namespace {

timestamp at(double seconds)
{
    return timestamp{timestamp::duration{seconds}};
}

template <class T>
std::string body_of(const T& msg)
{
    std::string out;
    sm::to_json(msg, out);
    return out;
}

// Parses `body`; on failure returns the message, prefixed "ERROR: ".
template <class T>
std::string parse(std::string_view body, T& out)
{
    awscoro::diagnostics diag;
    const auto ec = sm::from_json(body, out, diag);
    if (!ec)
        return "";
    CHECK(ec == awscoro::error::malformed_response);
    return "ERROR: " + diag.message;
}

template <class T>
T parsed(std::string_view body)
{
    T out;
    const std::string problem = parse(body, out);
    CHECK_MESSAGE(problem.empty(), problem);
    return out;
}

// One fully populated value of every message type.
std::tuple<sm::create_image_version_request, sm::create_image_version_response, sm::create_image_request,
           sm::create_image_response, sm::describe_image_request, sm::describe_image_response,
           sm::describe_image_version_request, sm::describe_image_version_response, sm::list_image_versions_request,
           sm::list_image_versions_response, sm::update_image_version_request, sm::update_image_version_response,
           sm::delete_image_version_request, sm::delete_image_version_response, sm::list_aliases_request,
           sm::list_aliases_response, sm::delete_image_request, sm::delete_image_response, sm::list_images_request,
           sm::list_images_response>
full_samples()
{
    const std::string arn = "arn:aws:sagemaker:us-east-1:123456789012:image/my-image";
    const std::string version_arn = "arn:aws:sagemaker:us-east-1:123456789012:image-version/my-image/2";
    const sm::image image{
        .creation_time = at(1700000000),
        .description = "d",
        .display_name = "D",
        .failure_reason = "f",
        .image_arn = arn,
        .image_name = "my-image",
        .image_status = awscoro::open_enum<sm::image_status>{std::string_view{"ARCHIVING"}},
        .last_modified_time = at(1700000001.5),
    };
    const sm::image_version version{
        .creation_time = at(1.25),
        .failure_reason = "",
        .image_arn = arn,
        .image_version_arn = version_arn,
        .image_version_status = sm::image_version_status::create_failed,
        .last_modified_time = at(-2),
        .version = 0,
    };
    return {
        sm::create_image_version_request{
            .base_image = "base",
            .client_token = "token",
            .image_name = "my-image",
            .aliases = {"a", "b"},
            .vendor_guidance = sm::vendor_guidance::archived,
            .job_type = sm::job_type::notebook_kernel,
            .ml_framework = "PyTorch 1.8",
            .programming_lang = "Python 3.8",
            .processor = sm::processor::cpu,
            .horovod = false,
            .release_notes = "notes",
        },
        sm::create_image_version_response{.image_version_arn = version_arn},
        sm::create_image_request{
            .description = "desc",
            .display_name = "Display",
            .image_name = "my-image",
            .role_arn = "arn:aws:iam::123456789012:role/r",
            .tags = {{.key = "k1", .value = "v1"}, {.key = "k2", .value = ""}},
        },
        sm::create_image_response{.image_arn = arn},
        sm::describe_image_request{.image_name = "my-image"},
        sm::describe_image_response{
            .creation_time = at(1700000000.125),
            .description = "desc",
            .display_name = "Display",
            .failure_reason = "",
            .image_arn = arn,
            .image_name = "my-image",
            .image_status = sm::image_status::update_failed,
            .last_modified_time = at(1700000005),
            .role_arn = "arn:aws:iam::123456789012:role/r",
        },
        sm::describe_image_version_request{.image_name = "my-image", .version = 2, .alias = "latest"},
        sm::describe_image_version_response{
            .base_image = "base",
            .container_image = "container",
            .creation_time = at(1),
            .failure_reason = "why",
            .image_arn = arn,
            .image_version_arn = version_arn,
            .image_version_status = sm::image_version_status::created,
            .last_modified_time = at(2),
            .version = 2147483647,
            .vendor_guidance = awscoro::open_enum<sm::vendor_guidance>{std::string_view{"EXPERIMENTAL"}},
            .job_type = sm::job_type::inference,
            .ml_framework = "TensorFlow 2.13",
            .programming_lang = "Python 3.10",
            .processor = sm::processor::gpu,
            .horovod = true,
            .release_notes = "notes",
        },
        sm::list_image_versions_request{
            .creation_time_after = at(10),
            .creation_time_before = at(20.5),
            .image_name = "my-image",
            .last_modified_time_after = at(30),
            .last_modified_time_before = at(40),
            .max_results = 100,
            .next_token = "next",
            .sort_by = sm::image_version_sort_by::version,
            .sort_order = sm::image_version_sort_order::ascending,
        },
        sm::list_image_versions_response{.image_versions = {version, version}, .next_token = "n"},
        sm::update_image_version_request{
            .image_name = "my-image",
            .alias = "old",
            .version = 3,
            .aliases_to_add = {"x"},
            .aliases_to_delete = {"y", "z"},
            .vendor_guidance = sm::vendor_guidance::stable,
            .job_type = sm::job_type::training,
            .ml_framework = "MXNet 1.9",
            .programming_lang = "Python 3.7",
            .processor = sm::processor::gpu,
            .horovod = true,
            .release_notes = "r",
        },
        sm::update_image_version_response{.image_version_arn = version_arn},
        sm::delete_image_version_request{.image_name = "my-image", .version = 0, .alias = "a"},
        sm::delete_image_version_response{},
        sm::list_aliases_request{
            .image_name = "my-image", .alias = "a", .version = 1, .max_results = 1, .next_token = "t"},
        sm::list_aliases_response{.sagemaker_image_version_aliases = {"latest", "stable"}, .next_token = "t"},
        sm::delete_image_request{.image_name = "my-image"},
        sm::delete_image_response{},
        sm::list_images_request{
            .creation_time_after = at(1),
            .creation_time_before = at(2),
            .last_modified_time_after = at(3),
            .last_modified_time_before = at(4),
            .max_results = 5,
            .name_contains = "img",
            .next_token = "t",
            .sort_by = sm::image_sort_by::image_name,
            .sort_order = sm::image_sort_order::descending,
        },
        sm::list_images_response{.images = {image, image}, .next_token = "t"},
    };
}

}  // namespace

TEST_CASE("codec: every message type round-trips, fully populated and empty")
{
    std::apply(
        [](const auto&... sample) {
            auto check_one = [](const auto& msg) {
                using T = std::decay_t<decltype(msg)>;
                const std::string body = body_of(msg);
                CHECK_NOTHROW(boost::json::parse(body));
                T back;
                const std::string problem = parse(body, back);
                CHECK_MESSAGE(problem.empty(), problem);
                CHECK_MESSAGE(back == msg, body);
                CHECK(body_of(back) == body);  // and writes the same bytes again

                T empty{};
                CHECK(parse(body_of(empty), back).empty());
                CHECK(back == empty);
            };
            (check_one(sample), ...);
        },
        full_samples());
}

TEST_CASE("codec: exact bytes of a CreateImageVersion request with every member set")
{
    const sm::create_image_version_request req{
        .base_image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag",
        .client_token = "c0ffee00-0000-4000-8000-000000000001",
        .image_name = "my-image",
        .aliases = {"latest", "stable"},
        .vendor_guidance = sm::vendor_guidance::stable,
        .job_type = sm::job_type::training,
        .ml_framework = "PyTorch 1.8",
        .programming_lang = "Python 3.8",
        .processor = sm::processor::gpu,
        .horovod = false,
        .release_notes = "First \"release\"\n",
    };
    CHECK(body_of(req) == R"({"BaseImage":"123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag",)"
                          R"("ClientToken":"c0ffee00-0000-4000-8000-000000000001","ImageName":"my-image",)"
                          R"("Aliases":["latest","stable"],"VendorGuidance":"STABLE","JobType":"TRAINING",)"
                          R"("MLFramework":"PyTorch 1.8","ProgrammingLang":"Python 3.8","Processor":"GPU",)"
                          R"("Horovod":false,"ReleaseNotes":"First \"release\"\u000a"})");
}

TEST_CASE("codec: unset optionals and empty lists are omitted, required strings always written")
{
    CHECK(body_of(sm::create_image_version_request{.base_image = "b", .client_token = "t", .image_name = "n"}) ==
          R"({"BaseImage":"b","ClientToken":"t","ImageName":"n"})");
    CHECK(body_of(sm::list_images_request{}) == "{}");
    CHECK(body_of(sm::delete_image_response{}) == "{}");
    CHECK(body_of(sm::list_images_response{}) == "{}");
    CHECK(body_of(sm::describe_image_request{}) == R"({"ImageName":""})");
    CHECK(body_of(sm::list_aliases_request{.image_name = "i", .version = 0}) == R"({"ImageName":"i","Version":0})");
    CHECK(body_of(sm::create_image_request{.image_name = "i", .role_arn = "r", .tags = {{.key = "k"}}}) ==
          R"({"ImageName":"i","RoleArn":"r","Tags":[{"Key":"k","Value":""}]})");
    CHECK(body_of(sm::update_image_version_request{.image_name = "i", .horovod = true}) ==
          R"({"ImageName":"i","Horovod":true})");
    CHECK(body_of(sm::list_images_request{.name_contains = ""}) == R"({"NameContains":""})");
}

TEST_CASE("codec: to_json appends and allocates nothing beyond the output")
{
    std::string out = "prefix:";
    sm::to_json(sm::delete_image_request{.image_name = "img"}, out);
    CHECK(out == R"(prefix:{"ImageName":"img"})");

    const auto req = std::get<sm::create_image_version_request>(full_samples());
    std::string body;
    body.reserve(1024);
    const std::size_t before = awscoro::test::allocation_count();
    sm::to_json(req, body);
    CHECK(awscoro::test::allocation_count() == before);
    CHECK(body.size() > 100);
}

TEST_CASE("codec: timestamps are epoch seconds, integral ones without a fraction")
{
    CHECK(body_of(sm::list_images_request{.creation_time_after = at(1700000000)}) ==
          R"({"CreationTimeAfter":1700000000})");
    CHECK(body_of(sm::list_images_request{.creation_time_after = at(1700000000.5)}) ==
          R"({"CreationTimeAfter":1700000000.5})");
    CHECK(body_of(sm::list_images_request{.creation_time_after = at(0.001)}) == R"({"CreationTimeAfter":0.001})");
    CHECK(body_of(sm::list_images_request{.creation_time_after = at(-1.5)}) == R"({"CreationTimeAfter":-1.5})");
    CHECK(body_of(sm::list_images_request{.creation_time_after = at(0)}) == R"({"CreationTimeAfter":0})");

    // Integers, doubles and exponents all read as seconds.
    CHECK(parsed<sm::describe_image_response>(R"({"CreationTime":1398796238})").creation_time == at(1398796238));
    CHECK(parsed<sm::describe_image_response>(R"({"CreationTime":1398796238.123})").creation_time ==
          at(1398796238.123));
    CHECK(parsed<sm::describe_image_response>(R"({"CreationTime":1.5e3})").creation_time == at(1500));
    CHECK(body_of(parsed<sm::describe_image_response>(R"({"CreationTime":1.5e3})")) == R"({"CreationTime":1500})");
    CHECK(parsed<sm::describe_image_response>(R"({"CreationTime":18446744073709551615})").creation_time ==
          at(18446744073709551615.0));
}

TEST_CASE("codec: strings survive escaping both ways")
{
    const std::string text =
        std::string("quote\" backslash\\ tab\t nul") + '\0' + " ctl\x1f caf\xc3\xa9 \xf0\x9f\x98\x80";
    const sm::create_image_response msg{.image_arn = text};
    const std::string body = body_of(msg);
    CHECK(body.find('\t') == std::string::npos);
    CHECK(body.find("\\u0000") != std::string::npos);
    CHECK(parsed<sm::create_image_response>(body) == msg);
    // \u escapes and surrogate pairs written by other encoders are decoded.
    CHECK(parsed<sm::create_image_response>(R"({"ImageArn":"caf\u00e9 \ud83d\ude00 \/"})").image_arn ==
          "caf\xc3\xa9 \xf0\x9f\x98\x80 /");
}

TEST_CASE("codec: parsing tolerates unknown members, nulls and an empty body")
{
    const auto r = parsed<sm::describe_image_version_response>(
        R"({"Version":4,"NewMember":{"deep":[1,{"x":null}]},"Other":[true],"BaseImage":null,"Horovod":null,)"
        R"("JobType":null,"CreationTime":null,"ReleaseNotes":"r"})");
    CHECK(r.version == 4);
    CHECK_FALSE(r.base_image.has_value());
    CHECK_FALSE(r.horovod.has_value());
    CHECK_FALSE(r.job_type.has_value());
    CHECK_FALSE(r.creation_time.has_value());
    CHECK(r.release_notes == "r");

    // Null list elements are skipped; a null list is absent.
    CHECK(parsed<sm::list_aliases_response>(R"({"SageMakerImageVersionAliases":["a",null,"b"]})")
              .sagemaker_image_version_aliases == std::vector<std::string>{"a", "b"});
    CHECK(parsed<sm::list_aliases_response>(R"({"SageMakerImageVersionAliases":null})")
              .sagemaker_image_version_aliases.empty());

    // AWS JSON 1.1 may answer with no payload.
    CHECK(parsed<sm::delete_image_response>("") == sm::delete_image_response{});
    CHECK(parsed<sm::describe_image_response>(" \r\n\t") == sm::describe_image_response{});
    CHECK(parsed<sm::delete_image_version_response>(R"({"foo":true})") == sm::delete_image_version_response{});
}

TEST_CASE("codec: parsing resets the target first")
{
    sm::describe_image_response r{.description = "stale", .image_status = sm::image_status::created};
    CHECK(parse(R"({"ImageName":"fresh"})", r).empty());
    CHECK(r == sm::describe_image_response{.image_name = "fresh"});
}

TEST_CASE("codec: unknown enum values are preserved and written back verbatim")
{
    const std::string body =
        R"({"ImageVersions":[{"ImageArn":"a","ImageVersionArn":"v","ImageVersionStatus":"QUARANTINED","Version":1},)"
        R"({"ImageArn":"a","ImageVersionArn":"v","ImageVersionStatus":"CREATED","Version":2}]})";
    const auto r = parsed<sm::list_image_versions_response>(body);
    REQUIRE(r.image_versions.size() == 2);
    REQUIRE(r.image_versions[0].image_version_status.has_value());
    CHECK_FALSE(r.image_versions[0].image_version_status->known());
    CHECK(r.image_versions[0].image_version_status->str() == "QUARANTINED");
    CHECK(r.image_versions[1].image_version_status == sm::image_version_status::created);
    CHECK(body_of(r) == body);

    const auto d = parsed<sm::describe_image_version_response>(
        R"({"JobType":"REINFORCEMENT","Processor":"TPU","VendorGuidance":"","ImageVersionStatus":"created"})");
    CHECK(d.job_type->str() == "REINFORCEMENT");
    CHECK(d.processor->str() == "TPU");
    CHECK_FALSE(d.vendor_guidance->known());
    CHECK(d.vendor_guidance->str().empty());
    CHECK_FALSE(d.image_version_status->known());  // spellings are case-sensitive
    CHECK(body_of(d) ==
          R"({"ImageVersionStatus":"created","VendorGuidance":"","JobType":"REINFORCEMENT","Processor":"TPU"})");

    // A server reading a request keeps the unknown value for validate() to reject.
    const auto req = parsed<sm::list_images_request>(R"({"SortBy":"SIZE"})");
    CHECK(req.sort_by->str() == "SIZE");
}

TEST_CASE("codec: type errors name the member path")
{
    auto error_of = [](std::string_view body) {
        sm::list_image_versions_response r;
        return parse(body, r);
    };
    CHECK(error_of(R"({"ImageVersions":[{},{},{},{"Version":"3"}]})") ==
          "ERROR: ImageVersions[3].Version: expected an integer, got a string");
    CHECK(error_of(R"({"ImageVersions":[{"Version":1.5}]})") ==
          "ERROR: ImageVersions[0].Version: expected an integer, got a floating-point number");
    CHECK(error_of(R"({"ImageVersions":[{"Version":3.0}]})") ==
          "ERROR: ImageVersions[0].Version: expected an integer, got a floating-point number");
    CHECK(error_of(R"({"ImageVersions":[{"Version":3000000000}]})") ==
          "ERROR: ImageVersions[0].Version: integer out of range, got 3000000000");
    CHECK(error_of(R"({"ImageVersions":[{"Version":-2147483649}]})") ==
          "ERROR: ImageVersions[0].Version: integer out of range, got -2147483649");
    CHECK(error_of(R"({"ImageVersions":[{"Version":18446744073709551615}]})") ==
          "ERROR: ImageVersions[0].Version: integer out of range, got 18446744073709551615");
    CHECK(error_of(R"({"ImageVersions":[{"Version":-2147483648},{"Version":2147483647}]})").empty());
    CHECK(error_of(R"({"ImageVersions":{}})") == "ERROR: ImageVersions: expected an array, got an object");
    CHECK(error_of(R"({"ImageVersions":[1]})") == "ERROR: ImageVersions[0]: expected an object, got an integer");
    CHECK(error_of(R"({"ImageVersions":[null,{"CreationTime":"2020-01-01"}]})") ==
          "ERROR: ImageVersions[1].CreationTime: expected a number (epoch seconds), got a string");
    CHECK(error_of(R"({"ImageVersions":[{"ImageVersionStatus":1}]})") ==
          "ERROR: ImageVersions[0].ImageVersionStatus: expected a string, got an integer");
    CHECK(error_of(R"({"NextToken":false})") == "ERROR: NextToken: expected a string, got a boolean");

    sm::describe_image_version_response d;
    CHECK(parse(R"({"Horovod":"true"})", d) == "ERROR: Horovod: expected a boolean, got a string");
    CHECK(parse(R"({"Horovod":1})", d) == "ERROR: Horovod: expected a boolean, got an integer");
    CHECK(parse(R"({"BaseImage":["x"]})", d) == "ERROR: BaseImage: expected a string, got an array");

    sm::create_image_request c;
    CHECK(parse(R"({"Tags":[{"Key":"k","Value":"v"},{"Key":7}]})", c) ==
          "ERROR: Tags[1].Key: expected a string, got an integer");
    sm::list_aliases_response a;
    CHECK(parse(R"({"SageMakerImageVersionAliases":["a",2]})", a) ==
          "ERROR: SageMakerImageVersionAliases[1]: expected a string, got an integer");
}

TEST_CASE("codec: a body that is not a JSON object is malformed")
{
    sm::describe_image_response r;
    CHECK(parse("[]", r) == "ERROR: body is not a JSON object");
    CHECK(parse("\"text\"", r) == "ERROR: body is not a JSON object");
    CHECK(parse("null", r) == "ERROR: body is not a JSON object");
    CHECK(parse("<html>", r).rfind("ERROR: body is not valid JSON: ", 0) == 0);
    CHECK(parse(R"({"ImageName":"x"} trailing)", r).rfind("ERROR: body is not valid JSON: ", 0) == 0);
    CHECK(parse(R"({"ImageName":"x")", r).rfind("ERROR: body is not valid JSON: ", 0) == 0);
    CHECK(parse("{\"ImageName\":\"\xff\"}", r).rfind("ERROR: body is not valid JSON: ", 0) == 0);
}

TEST_CASE("codec: a large list response parses beyond the stack buffer")
{
    sm::list_image_versions_response big;
    for (int i = 0; i < 500; ++i)
        big.image_versions.push_back(
            {.creation_time = at(1700000000 + i),
             .image_arn = "arn:aws:sagemaker:us-east-1:123456789012:image/img",
             .image_version_arn = "arn:aws:sagemaker:us-east-1:123456789012:image-version/img/" + std::to_string(i),
             .image_version_status = sm::image_version_status::created,
             .version = i});
    big.next_token = std::string(5000, 't');
    CHECK(parsed<sm::list_image_versions_response>(body_of(big)) == big);
}
