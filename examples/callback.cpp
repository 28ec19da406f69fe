// Callback style: any completion handler; errors arrive as error_code + diagnostics.
//   example-callback IMAGE_NAME
#include <awscoro/sagemaker/client.hpp>

#include <iostream>

namespace sm = awscoro::sagemaker;

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: example-callback IMAGE_NAME\n";
        return 2;
    }
    boost::asio::io_context io;
    sm::client client(io, awscoro::config::from_environment());
    awscoro::diagnostics diag;  // must outlive the operation
    sm::describe_image_request req{.image_name = argv[1]};
    int status = 1;
    client.async_describe_image(req, diag, [&](boost::system::error_code ec, sm::describe_image_response out) {
        if (ec)
            std::cerr << awscoro::describe(ec, diag) << '\n';
        else {
            std::cout << out.image_arn.value_or("") << ' ' << (out.image_status ? out.image_status->str() : "") << '\n';
            status = 0;
        }
        client.shutdown();
    });
    io.run();
    return status;
}
