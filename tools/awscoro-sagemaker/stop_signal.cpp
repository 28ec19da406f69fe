#include "stop_signal.hpp"

#include <csignal>

namespace awscoro_cli {

stop_signal::stop_signal(boost::asio::any_io_executor ex, std::function<void()> on_first,
                         std::function<void()> on_second)
    : signals_(ex, SIGINT, SIGTERM), on_first_(std::move(on_first)), on_second_(std::move(on_second))
{
    wait();
}

void stop_signal::wait()
{
    signals_.async_wait([this](boost::system::error_code ec, int) {
        if (ec)
            return;
        (++received_ == 1 ? on_first_ : on_second_)();
        wait();
    });
}

void stop_signal::close()
{
    boost::system::error_code ignored;
    signals_.cancel(ignored);
}

}  // namespace awscoro_cli
