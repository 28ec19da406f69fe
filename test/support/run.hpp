// Runs a test coroutine on an io_context with a deadline, so no test hangs:
// a coroutine still running at the deadline fails the test.
#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <exception>
#include <stdexcept>

namespace awscoro::test {

template <class Awaitable>
void run(boost::asio::io_context& io, Awaitable body, std::chrono::seconds limit = std::chrono::seconds(60))
{
    bool done = false;
    std::exception_ptr failure;
    boost::asio::co_spawn(io, std::move(body), [&](std::exception_ptr e) {
        done = true;
        failure = e;
        io.stop();  // background work (idle sweepers, servers) may go on
    });
    io.restart();
    io.run_for(limit);
    if (failure)
        std::rethrow_exception(failure);
    if (!done)
        throw std::runtime_error("test coroutine did not finish in time");
}

}  // namespace awscoro::test
