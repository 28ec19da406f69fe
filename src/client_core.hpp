// The service-independent heart of a client: one AWS JSON 1.1 call from
// body to body through pool, credentials, signing, retries and timeouts.
// Everything runs on the client's strand, so one client may be shared by
// many coroutines on many threads without locks.
#pragma once

#include "connection_pool.hpp"
#include "endpoint.hpp"
#include "transport.hpp"

#include <awscoro/client_stats.hpp>
#include <awscoro/config.hpp>
#include <awscoro/diagnostics.hpp>
#include <awscoro/retry.hpp>
#include <awscoro/service.hpp>
#include <awscoro/sigv4.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/append.hpp>
#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>

#include <atomic>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace awscoro::detail {

template <class Response>
using response_handler = boost::asio::any_completion_handler<void(boost::system::error_code, Response)>;

template <class Response>
using parse_fn = boost::system::error_code (*)(std::string_view, Response&, diagnostics&);

class client_core : public std::enable_shared_from_this<client_core> {
public:
    /// Throws std::invalid_argument for an unusable endpoint or region and
    /// std::runtime_error for an unreadable CA bundle.
    client_core(boost::asio::any_io_executor ex, config cfg, const service_descriptor& service);

    /// Starts one call: `body` is the serialized request; the handler gets
    /// the parsed response, through its associated executor, and honors its
    /// cancellation slot. Writes the diagnostics to `*diag` when not null.
    template <class Response>
    void invoke(operation_spec op, std::string body, diagnostics* diag, parse_fn<Response> parse,
                response_handler<Response> handler);

    /// Completes every call in flight with operation_aborted and closes the
    /// connections; later calls fail at once. Thread-safe.
    void shutdown();

    /// A snapshot of the counters. Thread-safe.
    client_stats stats();

    const boost::asio::any_io_executor& io_executor() const noexcept { return io_; }

private:
    // A running call, linked into running_ so shutdown() can cancel it.
    struct call_base {
        boost::asio::cancellation_signal cancel;
        call_base* prev = nullptr;
        call_base* next = nullptr;
    };

    template <class Response>
    struct call : call_base {
        call(std::string b, diagnostics* d, response_handler<Response> h)
            : body(std::move(b)), user_diag(d), handler(std::move(h))
        {
        }
        std::string body;
        diagnostics diag;
        diagnostics* user_diag;
        response_handler<Response> handler;
    };

    void link(call_base& c) noexcept;
    void unlink(call_base& c) noexcept;

    template <class Response>
    static boost::asio::awaitable<void> run(std::shared_ptr<client_core> self, operation_spec op,
                                            std::shared_ptr<call<Response>> c, parse_fn<Response> parse);

    /// All attempts of one call; never throws.
    boost::asio::awaitable<std::pair<boost::system::error_code, std::string>> execute(operation_spec op,
                                                                                       const std::string& body,
                                                                                       diagnostics& diag);

    // One call's progress through its attempts.
    struct call_state {
        operation_spec op;
        const std::string* body = nullptr;
        diagnostics* diag = nullptr;
        std::string invocation_id;  // amz-sdk-invocation-id: the same on every attempt
        steady_time total_deadline = steady_time::max();
        unsigned attempt = 1;
        unsigned quota_taken = 0;
        bool reused = false;        // the attempt's connection was kept alive from before
        bool resent_stale = false;  // already re-sent once after a stale connection
        bool skew_corrected = false;
        exchange_progress progress = {};
        http_response response = {};
        steady_time started = {};
        std::string request_header = {};  // per call: a pending write may still point into it
        std::chrono::system_clock::time_point signed_at = {};
    };

    /// Leases a connection (opening one if needed), signs and exchanges.
    boost::asio::awaitable<boost::system::error_code> send_attempt(call_state& call);
    /// Reads a response's status into an error (empty for 2xx) and the diagnostics.
    boost::system::error_code interpret_response(call_state& call);
    /// The delay before the next attempt, or nothing when the call must stop.
    std::optional<double> backoff_for(call_state& call, const boost::system::error_code& ec);
    void log_attempt(const call_state& call, const boost::system::error_code& ec, std::optional<double> backoff) const;
    steady_time deadline_in(double seconds) const;

    boost::asio::awaitable<boost::system::error_code> get_credentials(std::shared_ptr<const credentials>& out,
                                                                      diagnostics& diag);
    boost::asio::awaitable<boost::system::error_code> sleep_until(steady_time t);
    /// Signs the attempt and writes its request line and headers into call.request_header.
    void build_request(call_state& call, const credentials& creds);
    /// Adjusts the clock-skew offset from a response's Date; true when the
    /// offset changed enough that a signature-time error is worth a retry.
    bool note_server_date(std::string_view date, std::chrono::system_clock::time_point signed_at);
    void start_idle_sweeper();
    double now_seconds() const;

    boost::asio::any_io_executor io_;
    boost::asio::strand<boost::asio::any_io_executor> strand_;
    config cfg_;
    const service_descriptor& service_;
    endpoint endpoint_;
    transport transport_;
    connection_pool pool_;
    sigv4::signer signer_;
    retry::quota quota_;
    retry::rate_limiter limiter_;
    std::minstd_rand random_;
    std::string user_agent_;

    // Credentials cache: refreshed ahead of expiry, one fetch at a time.
    std::shared_ptr<const credentials> credentials_;
    bool fetching_credentials_ = false;
    std::vector<boost::asio::steady_timer*> credential_waiters_;
    // The outcome of the latest fetch, handed to the calls that waited for it.
    std::uint64_t credential_fetch_generation_ = 0;
    boost::system::error_code credential_fetch_error_;
    std::string credential_fetch_reason_;

    std::chrono::system_clock::duration clock_skew_{};  // server time minus ours
    bool shut_down_ = false;
    std::shared_ptr<boost::asio::steady_timer> sweeper_;  // evicts idle connections
    call_base* running_ = nullptr;  // calls in flight: shutdown() cancels them wherever they wait
    struct counters {
        std::atomic<std::uint64_t> calls{0}, attempts{0}, retries{0}, stale_resends{0}, throttled{0},
            credential_fetches{0};
        std::atomic<unsigned> retry_quota{retry::quota::capacity};
    } counters_;  // atomic: written on the strand, read by stats() from anywhere

    // Reused by every attempt: filled and read within build_request, which
    // does not suspend, so calls on the strand cannot interleave in it.
    sigv4::signing_result signing_;
};

// ---------------------------------------------------------------------------

template <class Response>
void client_core::invoke(operation_spec op, std::string body, diagnostics* diag, parse_fn<Response> parse,
                         response_handler<Response> handler)
{
    namespace asio = boost::asio;
    auto c = std::make_shared<call<Response>>(std::move(body), diag, std::move(handler));
    auto slot = asio::get_associated_cancellation_slot(c->handler);
    if (slot.is_connected()) {
        // The caller may cancel from any thread: forward onto the strand.
        slot.assign([c, strand = strand_](asio::cancellation_type type) {
            asio::dispatch(strand, [c, type] { c->cancel.emit(type); });
        });
    }
    asio::co_spawn(strand_, run<Response>(shared_from_this(), op, c, parse),
                   asio::bind_cancellation_slot(c->cancel.slot(), asio::detached));
}

template <class Response>
boost::asio::awaitable<void> client_core::run(std::shared_ptr<client_core> self, operation_spec op,
                                              std::shared_ptr<call<Response>> c, parse_fn<Response> parse)
{
    namespace asio = boost::asio;
    co_await asio::this_coro::reset_cancellation_state(asio::enable_total_cancellation());
    co_await asio::this_coro::throw_if_cancelled(false);

    Response response{};
    boost::system::error_code ec;
    self->link(*c);
    try {
        auto [result, body] = co_await self->execute(op, c->body, c->diag);
        ec = result;
        if (!ec)
            ec = parse(body, response, c->diag);
    } catch (const std::bad_alloc&) {
        ec = make_error_code(std::errc::not_enough_memory);
    }
    self->unlink(*c);
    if (c->user_diag != nullptr)
        *c->user_diag = std::move(c->diag);

    auto handler = std::move(c->handler);
    asio::get_associated_cancellation_slot(handler).clear();
    asio::dispatch(self->io_, asio::append(std::move(handler), ec, std::move(response)));
}

}  // namespace awscoro::detail
