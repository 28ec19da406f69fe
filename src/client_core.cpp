#include "client_core.hpp"

#include <awscoro/credentials_providers.hpp>
#include <awscoro/error.hpp>
#include <awscoro/json_protocol.hpp>
#include <awscoro/uuid.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <ctime>
#include <stdexcept>

namespace awscoro::detail {

namespace asio = boost::asio;
using boost::system::error_code;
using std::chrono::steady_clock;
using std::chrono::system_clock;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
constexpr std::string_view library_version = "0.1.0";
// Credentials are refreshed when this little validity is left.
constexpr auto credentials_refresh_margin = std::chrono::minutes(5);
// A server clock this far from ours triggers skew correction, as in the SDKs.
constexpr auto skew_threshold = std::chrono::minutes(4);

steady_time earliest(steady_time a, steady_time b) { return std::min(a, b); }

steady_time after(std::chrono::milliseconds d, steady_time limit)
{
    return d.count() == 0 ? limit : earliest(steady_clock::now() + d, limit);
}

// "Wed, 21 Oct 2015 07:28:00 GMT" (IMF-fixdate, the only form servers send now).
bool parse_http_date(std::string_view s, system_clock::time_point& out)
{
    std::tm tm{};
    const std::string text(s);
    const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (end == nullptr)
        return false;
    out = system_clock::from_time_t(timegm(&tm));
    return true;
}

retry::failure_kind kind_of(const error_code& ec)
{
    if (ec == condition::throttled)
        return retry::failure_kind::throttling;
    if (ec == condition::timeout)
        return retry::failure_kind::timeout;
    return retry::failure_kind::transient;
}

}  // namespace

client_core::client_core(asio::any_io_executor ex, config cfg, const service_descriptor& service)
    : io_(ex),
      strand_(asio::make_strand(ex)),
      cfg_(std::move(cfg)),
      service_(service),
      endpoint_(select_endpoint(cfg_, service_)),
      transport_(strand_, endpoint_, cfg_),
      pool_(strand_, cfg_.pool),
      quota_(cfg_.retry.revision_2026),
      limiter_(now_seconds()),
      random_(std::random_device{}())
{
    if (cfg_.region.empty())
        throw std::invalid_argument("no region configured: set config::region or AWS_REGION");
    if (!cfg_.credentials)
        cfg_.credentials = make_default_credentials_chain();
    if (cfg_.retry.max_attempts == 0)
        cfg_.retry.max_attempts = 1;
    user_agent_ = "awscoro/" + std::string(library_version) + " api/" + std::string(service_.service_id);
    if (!cfg_.user_agent_suffix.empty())
        user_agent_ += " " + cfg_.user_agent_suffix;
}

double client_core::now_seconds() const
{
    return std::chrono::duration<double>(steady_clock::now().time_since_epoch()).count();
}

void client_core::shutdown()
{
    asio::dispatch(strand_, [self = shared_from_this()] {
        self->shut_down_ = true;
        self->pool_.shutdown();
        if (self->sweeper_)
            self->sweeper_->cancel();
        for (auto* t : self->credential_waiters_)
            t->cancel();
        // Each emit only schedules completions, so the list is stable here.
        for (call_base* c = self->running_; c != nullptr; c = c->next)
            c->cancel.emit(asio::cancellation_type::terminal);
    });
}

void client_core::link(call_base& c) noexcept
{
    c.next = running_;
    if (running_ != nullptr)
        running_->prev = &c;
    running_ = &c;
}

void client_core::unlink(call_base& c) noexcept
{
    if (c.prev != nullptr)
        c.prev->next = c.next;
    else
        running_ = c.next;
    if (c.next != nullptr)
        c.next->prev = c.prev;
    c.prev = c.next = nullptr;
}

client_stats client_core::stats()
{
    client_stats out;
    out.calls = counters_.calls;
    out.attempts = counters_.attempts;
    out.retries = counters_.retries;
    out.stale_resends = counters_.stale_resends;
    out.throttled = counters_.throttled;
    out.credential_fetches = counters_.credential_fetches;
    out.retry_quota = counters_.retry_quota;
    out.connections_opened = transport_.stats().connections_opened;
    out.tls_handshakes = transport_.stats().tls_handshakes;
    out.tls_resumed = transport_.stats().tls_resumed;
    out.open_connections = pool_.open_count();
    out.idle_connections = pool_.idle_count();
    return out;
}

asio::awaitable<error_code> client_core::sleep_until(steady_time t)
{
    asio::steady_timer timer(strand_, t);
    auto [ec] = co_await timer.async_wait(use_tuple);
    co_return ec;
}

void client_core::start_idle_sweeper()
{
    if (sweeper_ || cfg_.pool.idle_timeout.count() == 0)
        return;
    // Holds only a weak reference: the sweeper must not keep the client alive.
    auto sweep = [](std::weak_ptr<client_core> weak, std::shared_ptr<asio::steady_timer> timer,
                    std::chrono::milliseconds period) -> asio::awaitable<void> {
        for (;;) {
            timer->expires_after(period);
            auto [ec] = co_await timer->async_wait(use_tuple);
            auto self = weak.lock();
            if (ec || !self || self->shut_down_)
                co_return;
            self->pool_.evict_idle(steady_clock::now());
        }
    };
    sweeper_ = std::make_shared<asio::steady_timer>(strand_);
    asio::co_spawn(strand_, sweep(weak_from_this(), sweeper_, cfg_.pool.idle_timeout), asio::detached);
}

asio::awaitable<error_code> client_core::get_credentials(std::shared_ptr<const credentials>& out, diagnostics& diag)
{
    for (;;) {
        const auto now = system_clock::now();
        const bool fresh = credentials_ && (!credentials_->expiration ||
                                            *credentials_->expiration - now > credentials_refresh_margin);
        if (fresh) {
            out = credentials_;
            co_return error_code{};
        }
        if (!fetching_credentials_)
            break;
        // Single flight: wait for the fetch under way, and share its failure
        // (retrying it once per waiter would be a storm of fetches).
        asio::steady_timer wait(strand_, steady_time::max());
        credential_waiters_.push_back(&wait);
        const auto generation = credential_fetch_generation_;
        co_await wait.async_wait(use_tuple);
        std::erase(credential_waiters_, &wait);
        if (shut_down_)
            co_return asio::error::operation_aborted;
        const bool usable = credentials_ && (!credentials_->expiration || *credentials_->expiration > system_clock::now());
        if (!usable && credential_fetch_generation_ != generation && credential_fetch_error_) {
            diag.message = credential_fetch_reason_;
            co_return credential_fetch_error_;
        }
        if (usable && !fetching_credentials_) {
            out = credentials_;
            co_return error_code{};
        }
    }

    fetching_credentials_ = true;
    ++counters_.credential_fetches;
    std::string reason;
    auto provider = cfg_.credentials;
    auto [ec, fetched] = co_await asio::async_initiate<decltype(use_tuple), void(error_code, credentials)>(
        [&](auto handler) { provider->async_fetch(strand_, reason, std::move(handler)); }, use_tuple);
    fetching_credentials_ = false;
    ++credential_fetch_generation_;
    credential_fetch_error_ = ec;
    credential_fetch_reason_ = provider->name() + ": " + reason;
    for (auto* t : credential_waiters_)
        t->cancel();

    if (!ec) {
        credentials_ = std::make_shared<const credentials>(std::move(fetched));
        out = credentials_;
        co_return error_code{};
    }
    // A failed refresh while the old credentials are still valid: keep them.
    if (credentials_ && (!credentials_->expiration || *credentials_->expiration > system_clock::now())) {
        out = credentials_;
        co_return error_code{};
    }
    diag.message = credential_fetch_reason_;
    co_return ec;
}

void client_core::build_request(call_state& call, const credentials& creds)
{
    const operation_spec& op = call.op;
    const std::string& body = *call.body;
    char target[128];
    const auto target_len = static_cast<std::size_t>(
        std::snprintf(target, sizeof target, "%.*s.%.*s", static_cast<int>(service_.target_prefix.size()),
                      service_.target_prefix.data(), static_cast<int>(op.name.size()), op.name.data()));
    const std::string_view target_value(target, std::min(target_len, sizeof target - 1));

    const sigv4::header_field signed_headers[] = {
        {"Host", endpoint_.host_header},
        {"Content-Type", json_protocol::content_type},
        {"X-Amz-Target", target_value},
    };
    const sigv4::request_view request{.method = "POST", .target = "/", .headers = signed_headers, .payload = body};
    const sigv4::credentials_view cv{creds.access_key_id, creds.secret_access_key, creds.session_token};
    const sigv4::signing_options options{
        .region = cfg_.region, .service = service_.signing_name, .time = system_clock::now() + clock_skew_};
    signer_.sign(request, cv, options, signing_);

    char number[24];
    std::string& h = call.request_header;
    h.clear();
    h += "POST / HTTP/1.1\r\nHost: ";
    h += endpoint_.host_header;
    h += "\r\nContent-Type: ";
    h += json_protocol::content_type;
    h += "\r\nContent-Length: ";
    h.append(number, std::to_chars(number, number + sizeof number, body.size()).ptr);
    h += "\r\nX-Amz-Target: ";
    h += target_value;
    h += "\r\nX-Amz-Date: ";
    h += signing_.amz_date;
    if (signing_.add_security_token) {
        h += "\r\nX-Amz-Security-Token: ";
        h += creds.session_token;
    }
    h += "\r\nAuthorization: ";
    h += signing_.authorization;
    h += "\r\nUser-Agent: ";
    h += user_agent_;
    h += "\r\namz-sdk-invocation-id: ";
    h += call.invocation_id;
    h += "\r\namz-sdk-request: attempt=";
    h.append(number, std::to_chars(number, number + sizeof number, call.attempt).ptr);
    h += "; max=";
    h.append(number, std::to_chars(number, number + sizeof number, cfg_.retry.max_attempts).ptr);
    h += "\r\n\r\n";
}

bool client_core::note_server_date(std::string_view date, system_clock::time_point signed_at)
{
    system_clock::time_point server;
    if (date.empty() || !parse_http_date(date, server))
        return false;
    // How far the server's clock is from the time this request was signed with.
    const auto off = server - signed_at;
    if (off < skew_threshold && off > -skew_threshold)
        return false;
    clock_skew_ += std::chrono::duration_cast<system_clock::duration>(off);
    return true;
}

steady_time client_core::deadline_in(double seconds) const
{
    return steady_clock::now() +
           std::chrono::duration_cast<steady_clock::duration>(std::chrono::duration<double>(seconds));
}

asio::awaitable<error_code> client_core::send_attempt(call_state& call)
{
    auto& diag = *call.diag;
    connection_ptr conn;
    if (auto ec = co_await pool_.acquire(call.total_deadline, conn))
        co_return ec;
    call.reused = conn != nullptr;

    error_code ec;
    if (!conn) {
        conn = transport_.make_connection();
        ec = co_await transport_.connect(*conn, after(cfg_.timeouts.connect, call.total_deadline));
        if (ec == error::connect_timeout && steady_clock::now() >= call.total_deadline)
            ec = error::total_timeout;
    }
    std::shared_ptr<const credentials> creds;
    if (!ec)
        ec = co_await get_credentials(creds, diag);
    if (ec == error::no_credentials || ec == error::credentials_fetch_failed) {
        pool_.release(std::move(conn), true);  // the connection itself is fine
        co_return ec;
    }

    call.progress = {};
    call.response.clear();
    call.started = steady_clock::now();
    if (!ec) {
        build_request(call, *creds);
        call.signed_at = system_clock::now() + clock_skew_;
        ++counters_.attempts;
        if (call.attempt > 1)
            ++counters_.retries;
        const std::array<asio::const_buffer, 2> wire{asio::buffer(call.request_header), asio::buffer(*call.body)};
        ec = co_await transport_.exchange(*conn, wire, after(cfg_.timeouts.attempt, call.total_deadline),
                                          call.response, call.progress);
        if (ec == boost::beast::error::timeout)
            ec = steady_clock::now() >= call.total_deadline ? error::total_timeout : error::attempt_timeout;
    }
    pool_.release(std::move(conn), !ec && call.response.keep_alive);
    co_return ec;
}

error_code client_core::interpret_response(call_state& call)
{
    auto& diag = *call.diag;
    auto& response = call.response;
    call.skew_corrected = note_server_date(response.date, call.signed_at);
    diag.http_status = response.status;
    diag.request_id = std::move(response.request_id);
    error_code ec;
    if (response.status < 200 || response.status >= 300) {
        auto info = json_protocol::parse_error(response.error_type, response.body);
        ec = service_.map_error(info.code, response.status);
        diag.aws_code = std::move(info.code);
        diag.message = std::move(info.message);
    }
    const bool throttled = ec == condition::throttled;
    if (throttled)
        ++counters_.throttled;
    if (cfg_.retry.mode == retry_mode::adaptive)
        limiter_.on_response(now_seconds(), throttled,
                             std::chrono::duration<double>(call.started.time_since_epoch()).count());
    return ec;
}

std::optional<double> client_core::backoff_for(call_state& call, const error_code& ec)
{
    auto& diag = *call.diag;
    // A signature rejected for its time, now that the clock is corrected:
    // retry at once, without back-off or quota.
    const bool skew_error = ec == error::clock_skew || (diag.aws_code == "InvalidSignatureException" &&
                                                        diag.message.find("Signature expired") != std::string::npos);
    if (skew_error && call.skew_corrected && call.attempt < cfg_.retry.max_attempts)
        return 0.0;
    diag.retryable = ec == condition::retryable;
    if (!diag.retryable || call.attempt >= cfg_.retry.max_attempts)
        return std::nullopt;
    const auto kind = kind_of(ec);
    const bool paid = quota_.try_acquire(kind, call.quota_taken);
    counters_.retry_quota = quota_.available();
    if (!paid)
        return std::nullopt;  // retry quota exhausted: stop the storm

    std::optional<double> retry_after;
    const auto& header = call.response.retry_after;
    double ms = 0;
    if (!header.empty() && std::from_chars(header.data(), header.data() + header.size(), ms).ec == std::errc{})
        retry_after = ms;
    return retry::backoff_seconds(call.attempt, kind, cfg_.retry.revision_2026,
                                  std::uniform_real_distribution<double>(0, 1)(random_), retry_after,
                                  std::chrono::duration<double>(cfg_.retry.backoff_base).count());
}

void client_core::log_attempt(const call_state& call, const error_code& ec, std::optional<double> backoff) const
{
    if (!cfg_.on_attempt)
        return;
    const auto& diag = *call.diag;
    attempt_record r;
    r.operation = call.op.name;
    r.endpoint = endpoint_.host_header;
    r.attempt = call.attempt;
    r.max_attempts = cfg_.retry.max_attempts;
    r.new_connection = !call.reused;
    r.http_status = diag.http_status;
    r.aws_code = diag.aws_code;
    r.request_id = diag.request_id;
    r.error = ec;
    r.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(steady_clock::now() - call.started);
    r.will_retry = backoff.has_value();
    r.backoff = std::chrono::milliseconds(static_cast<long long>(backoff.value_or(0) * 1000));
    cfg_.on_attempt(r);
}

asio::awaitable<std::pair<error_code, std::string>> client_core::execute(operation_spec op, const std::string& body,
                                                                          diagnostics& diag)
{
    using result = std::pair<error_code, std::string>;
    ++counters_.calls;
    start_idle_sweeper();
    call_state call{.op = op, .body = &body, .diag = &diag, .invocation_id = random_uuid_v4()};
    if (cfg_.timeouts.total.count() != 0)
        call.total_deadline = steady_clock::now() + cfg_.timeouts.total;

    for (call.attempt = 1;;) {
        diag.attempts = call.attempt;
        if (shut_down_)
            co_return result{asio::error::operation_aborted, {}};
        if (cfg_.retry.mode == retry_mode::adaptive) {
            for (double wait; (wait = limiter_.acquire(now_seconds())) > 0;) {
                const auto until = deadline_in(wait);
                if (until >= call.total_deadline)
                    co_return result{error::total_timeout, {}};
                if (auto ec = co_await sleep_until(until))
                    co_return result{ec, {}};
                if (shut_down_)
                    co_return result{asio::error::operation_aborted, {}};
            }
        }

        diag.http_status = 0;
        diag.aws_code.clear();
        diag.request_id.clear();
        diag.message.clear();
        error_code ec = co_await send_attempt(call);
        if (ec == asio::error::operation_aborted || shut_down_)
            co_return result{asio::error::operation_aborted, {}};
        if (ec == error::no_credentials || ec == error::credentials_fetch_failed)
            co_return result{ec, {}};
        // A kept-alive connection the server had closed: send again on a
        // fresh one, once, when sending twice cannot do harm.
        if (ec == error::connection_closed && call.reused && !call.resent_stale && !call.progress.read_any &&
            (op.idempotent || !call.progress.wrote_any)) {
            call.resent_stale = true;
            ++counters_.stale_resends;
            continue;
        }
        if (!ec && (ec = interpret_response(call)) == error_code{}) {
            log_attempt(call, ec, std::nullopt);
            quota_.on_success(call.quota_taken);
            counters_.retry_quota = quota_.available();
            diag.retryable = false;
            co_return result{error_code{}, std::move(call.response.body)};
        }

        const auto backoff = backoff_for(call, ec);
        log_attempt(call, ec, backoff);
        if (!backoff)
            co_return result{ec, {}};
        const auto until = deadline_in(*backoff);
        if (until >= call.total_deadline)
            co_return result{error::total_timeout, {}};
        if (auto sec = co_await sleep_until(until))
            co_return result{sec, {}};
        ++call.attempt;
    }
}

}  // namespace awscoro::detail
