// Shared set-up of the client tests: a config pointing at a test server,
// with the example credentials and fast back-off.
#pragma once

#include "support/fault_server.hpp"
#include "support/run.hpp"

#include <awscoro/sagemaker/client.hpp>

#include <string>

namespace awscoro::test {

inline fault_server_options tls_server(std::string address = "127.0.0.1")
{
    return {.tls = true, .address = std::move(address)};
}

inline config config_for(const fault_server& server)
{
    config c;
    c.region = "us-east-1";
    c.endpoint_url = server.url();
    c.ca_bundle = server.ca_file();
    c.credentials = make_static_credentials_provider({"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"});
    c.retry.backoff_base = std::chrono::milliseconds(1);
    return c;
}

inline sagemaker::create_image_version_request sample_request(std::string image = "my-image")
{
    return {.base_image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag", .image_name = std::move(image)};
}

inline reply created(std::size_t n = 1)
{
    return {.body = R"({"ImageVersionArn":"arn:aws:sagemaker:us-east-1:123456789012:image-version/my-image/)" +
                    std::to_string(n) + "\"}"};
}

inline reply error_reply(unsigned status, std::string type, std::string message = "details")
{
    return {.status = status,
            .headers = {{"x-amzn-RequestId", "req-" + type}},
            .body = R"({"__type":")" + type + R"(","message":")" + message + "\"}"};
}

}  // namespace awscoro::test
