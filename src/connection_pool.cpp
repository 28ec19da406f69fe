#include "connection_pool.hpp"

#include <awscoro/error.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>

namespace awscoro::detail {

namespace asio = boost::asio;
using boost::system::error_code;

connection_pool::connection_pool(asio::any_io_executor strand, const pool_config& cfg)
    : strand_(std::move(strand)), cfg_(cfg)
{
}

void connection_pool::publish() noexcept
{
    open_seen_.store(count_, std::memory_order_relaxed);
    idle_seen_.store(idle_.size(), std::memory_order_relaxed);
}

connection_ptr connection_pool::take_idle(steady_time now)
{
    while (!idle_.empty()) {
        connection_ptr c = std::move(idle_.back());
        idle_.pop_back();
        const bool expired = cfg_.idle_timeout.count() > 0 && now - transport::idle_since(*c) >= cfg_.idle_timeout;
        if (!expired && transport::looks_alive(*c))
            return c;
        transport::close(*c);
        --count_;
    }
    return nullptr;
}

asio::awaitable<error_code> connection_pool::acquire(steady_time deadline, connection_ptr& out)
{
    if (shut_down_)
        co_return asio::error::operation_aborted;
    if (waiters_.empty()) {  // never overtake a waiter
        out = take_idle(std::chrono::steady_clock::now());
        const bool open_new = !out && count_ < cfg_.max_connections;
        if (open_new)
            ++count_;  // out stays empty: the caller opens a connection
        publish();
        if (out || open_new)
            co_return error_code{};
    }
    waiter w(strand_);
    w.timer.expires_at(deadline);
    waiters_.push_back(&w);
    auto [ec] = co_await w.timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (!w.granted) {
        // Timed out, cancelled or shut down: leave the queue.
        waiters_.erase(std::find(waiters_.begin(), waiters_.end(), &w));
        if (shut_down_ || ec == asio::error::operation_aborted)
            co_return asio::error::operation_aborted;
        co_return error::total_timeout;
    }
    out = std::move(w.conn);
    co_return error_code{};
}

void connection_pool::release(connection_ptr c, bool reusable)
{
    const bool retire = cfg_.max_requests_per_connection != 0 &&
                        transport::requests_served(*c) >= cfg_.max_requests_per_connection;
    if (!reusable || retire || shut_down_ || !transport::is_open(*c)) {
        transport::close(*c);
        c.reset();
    }
    if (!waiters_.empty()) {
        // Hand the place (and the connection, if still good) to the oldest waiter.
        waiter* w = waiters_.front();
        waiters_.pop_front();
        w->granted = true;
        w->conn = std::move(c);
        w->timer.cancel();
        return;
    }
    if (c)
        idle_.push_back(std::move(c));
    else
        --count_;
    publish();
}

void connection_pool::evict_idle(steady_time now)
{
    if (cfg_.idle_timeout.count() == 0)
        return;
    const auto stale = [&](const connection_ptr& c) { return now - transport::idle_since(*c) >= cfg_.idle_timeout; };
    for (auto& c : idle_)
        if (stale(c))
            transport::close(*c);
    const auto before = idle_.size();
    idle_.erase(std::remove_if(idle_.begin(), idle_.end(), [](const connection_ptr& c) { return !transport::is_open(*c); }),
                idle_.end());
    count_ -= before - idle_.size();
    publish();
}

void connection_pool::shutdown()
{
    shut_down_ = true;
    for (auto& c : idle_)
        transport::close(*c);
    count_ -= idle_.size();
    idle_.clear();
    for (waiter* w : waiters_)
        w->timer.cancel();
    publish();
}

}  // namespace awscoro::detail

