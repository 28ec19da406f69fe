#include "support/shared_data.hpp"

#include <awscoro/partitions.hpp>
#include <awscoro/sagemaker/endpoints.hpp>

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <string>

namespace json = boost::json;
using awscoro::sagemaker::endpoint_params;
using awscoro::sagemaker::resolve_endpoint;

namespace {

// A case's "params" as our struct; an unknown key fails the case, so that a
// parameter added upstream cannot be silently ignored.
endpoint_params to_params(const json::object& in)
{
    endpoint_params out;
    for (const auto& kv : in) {
        const std::string_view key = kv.key();
        if (key == "Region")
            out.region = kv.value().as_string();
        else if (key == "UseFIPS")
            out.use_fips = kv.value().as_bool();
        else if (key == "UseDualStack")
            out.use_dualstack = kv.value().as_bool();
        else if (key == "Endpoint")
            out.endpoint = std::string(kv.value().as_string());
        else
            FAIL("unknown endpoint parameter ", key);
    }
    return out;
}

}  // namespace

TEST_CASE("endpoints: every case of botocore's SageMaker endpoint tests")
{
    const auto doc = json::parse(awscoro::test::read_shared("models/sagemaker-endpoint-tests.json"));
    int urls = 0;
    int errors = 0;
    for (const auto& c : doc.at("testCases").as_array()) {
        const auto& tc = c.as_object();
        INFO("case: ", tc.at("documentation").as_string());
        // "params" is absent in the "Missing region" case.
        const endpoint_params params = tc.contains("params") ? to_params(tc.at("params").as_object()) : endpoint_params{};
        std::string error = "stale";
        const std::string url = resolve_endpoint(params, error);
        const auto& expect = tc.at("expect").as_object();
        if (expect.contains("endpoint")) {
            CHECK(url == std::string(expect.at("endpoint").at("url").as_string()));
            CHECK(error.empty());
            ++urls;
        } else {
            CHECK(url.empty());
            CHECK(error == std::string(expect.at("error").as_string()));
            ++errors;
        }
    }
    CHECK(urls == 44);
    CHECK(errors == 3);
}

TEST_CASE("endpoints: a partition outside the tests resolves with its own suffixes")
{
    std::string error;
    CHECK(resolve_endpoint({.region = "eu-isoe-west-1", .use_fips = true}, error) ==
          "https://api.sagemaker-fips.eu-isoe-west-1.cloud.adc-e.uk");
    CHECK(resolve_endpoint({.region = "eusc-de-east-1", .use_dualstack = true}, error) ==
          "https://api.sagemaker.eusc-de-east-1.api.amazonwebservices.eu");
    CHECK(error.empty());
}

TEST_CASE("partitions: listed regions map to their partition")
{
    CHECK(awscoro::aws_partition("us-east-1").id == "aws");
    CHECK(awscoro::aws_partition("cn-north-1").id == "aws-cn");
    CHECK(awscoro::aws_partition("us-gov-west-1").id == "aws-us-gov");
    CHECK(awscoro::aws_partition("us-iso-east-1").id == "aws-iso");
    CHECK(awscoro::aws_partition("us-isob-east-1").id == "aws-iso-b");
    CHECK(awscoro::aws_partition("aws-global").id == "aws");

    const auto& cn = awscoro::aws_partition("cn-northwest-1");
    CHECK(cn.name == "aws-cn");
    CHECK(cn.dns_suffix == "amazonaws.com.cn");
    CHECK(cn.dual_stack_dns_suffix == "api.amazonwebservices.com.cn");
    CHECK(cn.supports_fips);
    CHECK(cn.supports_dual_stack);
    CHECK(cn.implicit_global_region == "cn-northwest-1");
}

TEST_CASE("partitions: unlisted regions match a regionRegex")
{
    CHECK(awscoro::aws_partition("eu-south-9").id == "aws");
    CHECK(awscoro::aws_partition("cn-south-2").id == "aws-cn");
    CHECK(awscoro::aws_partition("us-gov-central-1").id == "aws-us-gov");
    CHECK(awscoro::aws_partition("us-iso-north-12").id == "aws-iso");
    CHECK(awscoro::aws_partition("us-isob-north_x-3").id == "aws-iso-b");
    CHECK(awscoro::aws_partition("eu-isoe-east-1").id == "aws-iso-e");
    CHECK(awscoro::aws_partition("us-isof-west-1").id == "aws-iso-f");
    CHECK(awscoro::aws_partition("eusc-de-west-2").id == "aws-eusc");
}

TEST_CASE("partitions: anything else falls back to aws")
{
    CHECK(awscoro::aws_partition("mars-east-1").id == "aws");
    CHECK(awscoro::aws_partition("").id == "aws");
    // Near misses of the aws-cn regex: each breaks one part of ^cn\-\w+\-\d+$.
    for (const char* region : {"cn", "cn-", "cn-north", "cn-north-", "cn--1", "cn-north-1a", "cn-no.rth-1", "cnx-north-1"}) {
        CAPTURE(region);
        CHECK(awscoro::aws_partition(region).id == "aws");
    }
}
