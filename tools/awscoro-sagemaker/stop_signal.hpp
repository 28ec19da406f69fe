// SIGINT and SIGTERM as a graceful stop: the first signal asks the batch to
// stop taking new lines, the second to cancel what is in flight. Delivered on
// the io_context like any other event, so the handlers need no locking.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/signal_set.hpp>

#include <functional>

namespace awscoro_cli {

class stop_signal {
public:
    stop_signal(boost::asio::any_io_executor ex, std::function<void()> on_first, std::function<void()> on_second);

    /// Stops listening (the default dispositions are not restored until destruction).
    void close();

private:
    void wait();

    boost::asio::signal_set signals_;
    std::function<void()> on_first_;
    std::function<void()> on_second_;
    unsigned received_ = 0;
};

}  // namespace awscoro_cli
