// Coroutine style: co_await returns the response or throws a typed error.
//   example-coroutine IMAGE_NAME BASE_IMAGE
#include <awscoro/sagemaker.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include <iostream>

namespace asio = boost::asio;
namespace sm = awscoro::sagemaker;

asio::awaitable<void> register_version(sm::client& client, std::string image, std::string base)
{
    sm::create_image_version_request req{.base_image = std::move(base), .image_name = std::move(image), .aliases = {"latest"}};
    try {
        const auto out = co_await client.create_image_version(req);
        std::cout << out.image_version_arn.value_or("") << '\n';
    } catch (const sm::resource_not_found& e) {
        std::cerr << "no such image: " << e.diag().message << '\n';
    } catch (const awscoro::aws_error& e) {
        std::cerr << e.what() << '\n';  // code, message, HTTP status, request id
    }
    client.shutdown();
}

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::cerr << "usage: example-coroutine IMAGE_NAME BASE_IMAGE\n";
        return 2;
    }
    asio::io_context io;
    sm::client client(io, awscoro::config::from_environment());
    asio::co_spawn(io, register_version(client, argv[1], argv[2]), asio::detached);
    io.run();
}
