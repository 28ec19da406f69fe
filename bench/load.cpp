// bench-load: CreateImageVersion calls against a live endpoint, reporting
// throughput, client CPU per call, latency percentiles, peak memory and the
// connections and TLS handshakes used. Configuration from the environment
// (AWS_ENDPOINT_URL, AWS_CA_BUNDLE, AWS_REGION, credentials).
//   bench-load IMAGE_NAME CALLS CONCURRENCY [--same-token]
// --same-token: every call carries one ClientToken, so the server answers
// from its idempotency record (as a replay load generator such as wrk sees it).
#include <awscoro/sagemaker/client.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace asio = boost::asio;
namespace sm = awscoro::sagemaker;
using clock_type = std::chrono::steady_clock;

namespace {

double cpu_seconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

long peak_rss_kib()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv)
{
    const bool same_token = argc == 5 && std::string(argv[4]) == "--same-token";
    if (argc != 4 && !same_token) {
        std::fprintf(stderr, "usage: bench-load IMAGE_NAME CALLS CONCURRENCY [--same-token]\n");
        return 2;
    }
    const std::string image = argv[1];
    const int calls = std::stoi(argv[2]);
    const int concurrency = std::stoi(argv[3]);

    asio::io_context io(1);
    sm::client client(io, awscoro::config::from_environment());
    std::vector<double> latencies;
    latencies.reserve(static_cast<std::size_t>(calls));
    int next = 0, failed = 0, workers = concurrency;

    auto worker = [&]() -> asio::awaitable<void> {
        sm::create_image_version_request req{.base_image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/bench:1",
                                             .image_name = image};
        while (next < calls) {
            ++next;
            const auto start = clock_type::now();
            if (same_token)
                req.client_token = "11111111-2222-4333-8444-555555555555";
            else
                req.client_token.clear();  // a new token per call
            const auto r = co_await client.try_create_image_version(req);
            latencies.push_back(std::chrono::duration<double, std::micro>(clock_type::now() - start).count());
            if (!r) {
                ++failed;
                if (failed <= 3)
                    std::fprintf(stderr, "%s\n", awscoro::describe(r.error, r.diag).c_str());
            }
        }
        if (--workers == 0)
            client.shutdown();
    };

    const double cpu0 = cpu_seconds();
    const auto t0 = clock_type::now();
    for (int w = 0; w < concurrency; ++w)
        asio::co_spawn(io, worker(), asio::detached);
    io.run();
    const double wall = std::chrono::duration<double>(clock_type::now() - t0).count();
    const double cpu = cpu_seconds() - cpu0;

    std::sort(latencies.begin(), latencies.end());
    const auto pct = [&](double p) { return latencies[static_cast<std::size_t>(p * (latencies.size() - 1))]; };
    const auto s = client.stats();
    std::printf("calls %d  failed %d  concurrency %d\n", calls, failed, concurrency);
    std::printf("throughput %.0f calls/s  client CPU %.1f us/call\n", calls / wall, cpu * 1e6 / calls);
    std::printf("latency us: p50 %.0f  p90 %.0f  p99 %.0f  max %.0f\n", pct(0.5), pct(0.9), pct(0.99),
                latencies.back());
    std::printf("peak RSS %ld KiB  connections %llu  TLS handshakes %llu (resumed %llu)  retries %llu\n",
                peak_rss_kib(), static_cast<unsigned long long>(s.connections_opened),
                static_cast<unsigned long long>(s.tls_handshakes), static_cast<unsigned long long>(s.tls_resumed),
                static_cast<unsigned long long>(s.retries));
    return failed == 0 ? 0 : 1;
}
