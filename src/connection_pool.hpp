// The connection pool of one client: at most `max_connections` open or
// opening, idle ones reused newest first (warm in caches, least likely to
// have been closed by the server), waiters served first come, first served.
// Bookkeeping only; connecting is the caller's. Used only on the client's strand.
#pragma once

#include "transport.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <cstddef>
#include <deque>
#include <vector>

namespace awscoro::detail {

class connection_pool {
public:
    connection_pool(boost::asio::any_io_executor strand, const pool_config& cfg);

    /// A connection to use: an idle one, or a new unconnected one (check
    /// transport::is_open) when fewer than the maximum exist, or the next one
    /// released, waiting until `deadline`. Errors: error::total_timeout when
    /// the deadline passes, operation_aborted when cancelled or shut down.
    boost::asio::awaitable<boost::system::error_code> acquire(steady_time deadline, connection_ptr& out);

    /// Returns a connection. `reusable`: it is open and its last exchange
    /// completed cleanly; otherwise it is closed and its place freed.
    void release(connection_ptr c, bool reusable);

    /// Closes idle connections older than the idle timeout.
    void evict_idle(steady_time now);

    /// Closes idle connections and wakes every waiter with operation_aborted;
    /// later acquires fail at once.
    void shutdown();

    /// Open or opening connections, idle ones included; readable from any thread.
    std::size_t open_count() const noexcept { return open_seen_.load(std::memory_order_relaxed); }
    /// Idle connections; readable from any thread.
    std::size_t idle_count() const noexcept { return idle_seen_.load(std::memory_order_relaxed); }

private:
    struct waiter {
        explicit waiter(boost::asio::any_io_executor ex) : timer(ex) {}
        boost::asio::steady_timer timer;
        bool granted = false;  // woken with a place: `conn` (maybe empty = open a new one)
        connection_ptr conn;
    };

    connection_ptr take_idle(steady_time now);
    void publish() noexcept;

    boost::asio::any_io_executor strand_;
    pool_config cfg_;
    std::vector<connection_ptr> idle_;  // newest at the back
    std::deque<waiter*> waiters_;
    std::size_t count_ = 0;  // open or opening, idle included
    bool shut_down_ = false;
    std::atomic<std::size_t> open_seen_{0}, idle_seen_{0};  // copies for other threads
};

}  // namespace awscoro::detail
