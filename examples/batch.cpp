// Batch with bounded concurrency: N workers share one client and one queue
// of requests; the client's pool bounds the connections, the workers bound
// the calls in flight.
//   example-batch IMAGE_NAME BASE_IMAGE COUNT [CONCURRENCY]
#include <awscoro/sagemaker/client.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include <iostream>
#include <string>

namespace asio = boost::asio;
namespace sm = awscoro::sagemaker;

int main(int argc, char** argv)
{
    if (argc < 4) {
        std::cerr << "usage: example-batch IMAGE_NAME BASE_IMAGE COUNT [CONCURRENCY]\n";
        return 2;
    }
    const std::string image = argv[1], base = argv[2];
    const int count = std::stoi(argv[3]);
    const int concurrency = argc > 4 ? std::stoi(argv[4]) : 32;

    asio::io_context io;
    auto cfg = awscoro::config::from_environment();
    cfg.retry.mode = awscoro::retry_mode::adaptive;  // slows down when throttled
    sm::client client(io, cfg);
    int next = 0, ok = 0, failed = 0, workers = concurrency;

    auto worker = [&]() -> asio::awaitable<void> {
        while (next < count) {
            const int n = next++;
            sm::create_image_version_request req{.base_image = base + ":" + std::to_string(n), .image_name = image};
            const auto r = co_await client.try_create_image_version(req);
            if (r)
                ++ok;
            else {
                ++failed;
                std::cerr << "#" << n << ": " << awscoro::describe(r.error, r.diag) << '\n';
            }
        }
        if (--workers == 0)
            client.shutdown();
    };
    for (int w = 0; w < concurrency; ++w)
        asio::co_spawn(io, worker(), asio::detached);
    io.run();
    const auto stats = client.stats();
    std::cout << ok << " registered, " << failed << " failed, " << stats.retries << " retries, "
              << stats.connections_opened << " connections\n";
    return failed == 0 ? 0 : 1;
}
