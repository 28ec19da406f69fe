// The umbrella headers compile on their own and bring in the whole API.
#include <awscoro/sagemaker.hpp>

#include <doctest/doctest.h>

TEST_CASE("headers: the umbrella header declares the client and the core")
{
    CHECK(std::is_class_v<awscoro::sagemaker::client>);
    CHECK(std::is_aggregate_v<awscoro::config>);
    CHECK(awscoro::make_error_code(awscoro::error::throttling) == awscoro::condition::throttled);
}
