// Fuzz target: sagemaker-local's request pipeline after the HTTP parser.
// The first input byte picks the X-Amz-Target (an operation, or an unknown
// one); with its high bit set the rest is sent as the Authorization header of
// an empty request (the verifier's parser), otherwise as the body of a
// correctly signed request (codec, validation, store). Whatever comes in, the
// answer must be a known status with a JSON object body, and errors must
// carry __type. Built with libFuzzer under clang, and driven by
// fuzz_smoke_main.cpp as a ctest.
#include "api_handler.hpp"
#include "support.hpp"

#include <boost/json.hpp>

#include <cstdint>
#include <cstdlib>

using namespace sagemaker_local;

namespace {

struct pipeline {
    pipeline()
        : store{store_config{}},
          verifier{verifier_config{
              .secrets = {{std::string(test::access_key_id), std::string(test::secret_access_key)}}}},
          limiter{0, 0, {}},
          handler{store, verifier, limiter, stats}
    {
    }
    image_store store;
    sigv4_verifier verifier;
    token_bucket limiter;
    server_stats stats;
    api_handler handler;
    unsigned runs = 0;
};

void require(bool ok)
{
    if (!ok)
        std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static pipeline p;
    if (size == 0)
        return 0;
    if (++p.runs % 256 == 0)
        p.store.clear();  // keep listings short

    const auto selector = data[0];
    const auto index = (selector & 0x7f) % (operation_count + 1);
    const std::string_view operation = index < operation_count ? operation_names[index] : "NoSuchOperation";
    const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);

    auto request = (selector & 0x80) ? test::make_request(operation, "{}") : test::make_request(operation, rest);
    if (selector & 0x80)
        request.set("authorization", rest);
    const auto res = p.handler.handle(request.view(), {test::wall(0), {}});

    require(res.status == 200 || res.status == 400 || res.status == 413);
    boost::system::error_code ec;
    const auto doc = boost::json::parse(res.body, ec);
    require(!ec && doc.is_object());
    if (res.status != 200)
        require(doc.as_object().contains("__type"));
    return 0;
}
