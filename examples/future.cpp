// Future style: the io_context runs on its own thread; the caller blocks on a future.
//   example-future IMAGE_NAME
#include <awscoro/sagemaker/client.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/use_future.hpp>

#include <iostream>
#include <thread>

namespace asio = boost::asio;
namespace sm = awscoro::sagemaker;

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: example-future IMAGE_NAME\n";
        return 2;
    }
    asio::io_context io;
    auto work = asio::make_work_guard(io);
    std::thread runner([&] { io.run(); });
    int status = 0;
    {
        sm::client client(io, awscoro::config::from_environment());
        sm::list_image_versions_request req{.image_name = argv[1]};
        auto pending = client.async_list_image_versions(req, asio::use_future);
        try {
            for (const auto& v : pending.get().image_versions)
                std::cout << v.image_version_arn << '\n';
        } catch (const boost::system::system_error& e) {
            std::cerr << e.what() << '\n';
            status = 1;
        }
    }
    work.reset();
    runner.join();
    return status;
}
