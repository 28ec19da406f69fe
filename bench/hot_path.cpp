// bench-hot-path: the per-call CPU work that involves no I/O, one line per
// stage: ns per operation and heap allocations per operation (counted by a
// replacement operator new). Compare runs of the same build on the same machine.
//   build/bench/bench-hot-path [iterations]
#include <awscoro/json_protocol.hpp>
#include <awscoro/sagemaker/codec.hpp>
#include <awscoro/sagemaker/validate.hpp>
#include <awscoro/sigv4.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>

namespace {

std::atomic<std::size_t> allocations{0};

}  // namespace

void* operator new(std::size_t n)
{
    allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n == 0 ? 1 : n))
        return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

template <class F>
void measure(const char* name, long iterations, F&& f)
{
    for (long i = 0; i < iterations / 10 + 1; ++i)  // warm caches and reused buffers
        f();
    const std::size_t before = allocations.load();
    const auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < iterations; ++i)
        f();
    const auto elapsed = std::chrono::steady_clock::now() - start;
    const double ns = std::chrono::duration<double, std::nano>(elapsed).count() / static_cast<double>(iterations);
    const double allocs = static_cast<double>(allocations.load() - before) / static_cast<double>(iterations);
    std::printf("%-34s %9.0f ns/op %6.2f allocs/op\n", name, ns, allocs);
}

}  // namespace

int main(int argc, char** argv)
{
    using namespace awscoro;
    const long n = argc > 1 ? std::atol(argv[1]) : 200000;

    sagemaker::create_image_version_request req{
        .base_image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag",
        .client_token = "4f1c9a3e-6b2d-4e8f-9a7c-1d2e3f4a5b6c",
        .image_name = "my-image",
        .aliases = {"latest", "stable"},
        .job_type = sagemaker::job_type::training,
        .ml_framework = "PyTorch 2.1",
        .programming_lang = "Python 3.10",
        .processor = sagemaker::processor::gpu,
        .horovod = false,
        .release_notes = "first release",
    };
    std::string body;
    sagemaker::to_json(req, body);

    sigv4::signer signer;
    sigv4::signing_result signed_out;
    const sigv4::header_field headers[] = {
        {"Host", "api.sagemaker.us-east-1.amazonaws.com"},
        {"Content-Type", "application/x-amz-json-1.1"},
        {"X-Amz-Target", "SageMaker.CreateImageVersion"},
    };
    const sigv4::credentials_view creds{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
    const auto now = std::chrono::system_clock::now();

    measure("sign (SigV4, cached key)", n, [&] {
        signer.sign({.method = "POST", .target = "/", .headers = headers, .payload = body}, creds,
                    {.region = "us-east-1", .service = "sagemaker", .time = now}, signed_out);
    });
    measure("validate CreateImageVersion", n, [&] {
        diagnostics d;
        if (sagemaker::validate(req, d))
            std::abort();
    });
    std::string out;
    out.reserve(1024);
    measure("serialize CreateImageVersion", n, [&] {
        out.clear();
        sagemaker::to_json(req, out);
    });
    const std::string response =
        R"({"ImageVersionArn":"arn:aws:sagemaker:us-east-1:123456789012:image-version/my-image/42"})";
    measure("parse CreateImageVersion response", n, [&] {
        sagemaker::create_image_version_response r;
        diagnostics d;
        if (sagemaker::from_json(response, r, d))
            std::abort();
    });
    const std::string error_body = R"({"__type":"ThrottlingException","message":"Rate exceeded"})";
    measure("parse error response", n, [&] {
        const auto info = json_protocol::parse_error("", error_body);
        if (info.code.empty())
            std::abort();
    });
    return 0;
}
