#include "register_engine.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <charconv>

namespace awscoro_cli {

namespace asio = boost::asio;
namespace sm = awscoro::sagemaker;
using std::chrono::steady_clock;

std::optional<int> version_from_arn(std::string_view arn)
{
    const auto slash = arn.rfind('/');
    if (slash == std::string_view::npos)
        return std::nullopt;
    int v = 0;
    const auto digits = arn.substr(slash + 1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec != std::errc{} || end != digits.data() + digits.size())
        return std::nullopt;
    return v;
}

register_engine::register_engine(sm::client& client, engine_settings settings, batch_stats& stats,
                                 std::function<void(const line_result&)> on_result)
    : client_(client),
      settings_(std::move(settings)),
      stats_(stats),
      on_result_(std::move(on_result)),
      grace_(client.get_executor())
{
}

void register_engine::request_stop()
{
    if (stopping_)
        return;
    stopping_ = true;
    grace_.expires_after(settings_.grace_period);
    grace_.async_wait([this](boost::system::error_code ec) {
        if (!ec)
            cancel();
    });
}

void register_engine::cancel()
{
    stopping_ = true;
    cancelled_ = true;
    client_.shutdown();  // calls in flight complete with operation_aborted
    for (auto* t : sleepers_)
        t->cancel();
}

asio::awaitable<void> register_engine::run(std::vector<const manifest_entry*> work)
{
    work_ = std::move(work);
    if (settings_.create_missing_images)
        co_await prepare_images(work_);
    co_await run_parallel(std::min<std::size_t>(settings_.concurrency, work_.size()), [this] { return worker(); });
    grace_.cancel();
}

asio::awaitable<void> register_engine::run_parallel(std::size_t count, std::function<asio::awaitable<void>()> body)
{
    if (count == 0)
        co_return;
    auto ex = co_await asio::this_coro::executor;
    asio::steady_timer all_done(ex, steady_clock::time_point::max());
    std::size_t running = count;
    std::exception_ptr error;
    for (std::size_t i = 0; i < count; ++i)
        asio::co_spawn(ex, body(), [&](std::exception_ptr e) {
            if (e && !error)
                error = e;
            if (--running == 0)
                all_done.cancel();
        });
    co_await all_done.async_wait(asio::as_tuple(asio::use_awaitable));
    if (error)
        std::rethrow_exception(error);
}

asio::awaitable<bool> register_engine::sleep(steady_clock::duration d)
{
    if (cancelled_)
        co_return false;
    asio::steady_timer t(co_await asio::this_coro::executor, d);
    sleepers_.insert(&t);
    co_await t.async_wait(asio::as_tuple(asio::use_awaitable));
    sleepers_.erase(&t);
    co_return !cancelled_;
}

asio::awaitable<bool> register_engine::pace()
{
    if (settings_.max_rps <= 0)
        co_return !stopping_;
    const auto interval = std::chrono::duration_cast<steady_clock::duration>(
        std::chrono::duration<double>(1.0 / settings_.max_rps));
    const auto now = steady_clock::now();
    const auto slot = std::max(next_slot_, now);
    next_slot_ = slot + interval;
    if (slot > now && !co_await sleep(slot - now))
        co_return false;
    co_return !stopping_;
}

// --- images

asio::awaitable<void> register_engine::prepare_images(const std::vector<const manifest_entry*>& work)
{
    std::set<std::string> seen;
    for (const auto* e : work)
        if (seen.insert(e->image).second)
            images_.push_back(e->image);
    std::size_t next = 0;
    co_await run_parallel(std::min<std::size_t>(settings_.concurrency, images_.size()),
                          [this, &next]() -> asio::awaitable<void> {
                              while (!stopping_ && next < images_.size())
                                  co_await ensure_image(images_[next++]);
                          });
}

asio::awaitable<void> register_engine::ensure_image(const std::string& name)
{
    const auto fail = [&](const auto& r) {
        image_failures_[name] = {r.diag.aws_code.empty() ? r.error.message() : r.diag.aws_code, r.diag.message,
                                 r.diag.request_id};
    };
    sm::describe_image_request describe;
    describe.image_name = name;
    auto d = co_await client_.try_describe_image(describe);
    if (d.error == sm::error::resource_not_found) {
        sm::create_image_request create;
        create.image_name = name;
        create.role_arn = settings_.role_arn;
        // ResourceInUse: another process (another shard) created it first.
        if (auto c = co_await client_.try_create_image(create); c.error && c.error != sm::error::resource_in_use) {
            fail(c);
            co_return;
        }
        d = co_await client_.try_describe_image(describe);
    }
    // A new image is CREATING for a moment; versions need it CREATED.
    const auto deadline = steady_clock::now() + settings_.wait_timeout;
    auto delay = std::chrono::duration_cast<steady_clock::duration>(std::chrono::milliseconds{100});
    while (!d.error && d.value.image_status && *d.value.image_status == sm::image_status::creating) {
        if (steady_clock::now() + delay > deadline) {
            image_failures_[name] = {"WaitTimeout", "image " + name + " is still CREATING", ""};
            co_return;
        }
        if (!co_await sleep(delay))
            co_return;
        delay = std::min<steady_clock::duration>(delay * 3 / 2, std::chrono::seconds{5});
        d = co_await client_.try_describe_image(describe);
    }
    if (d.error)
        fail(d);
    else if (d.value.image_status && *d.value.image_status != sm::image_status::created)
        image_failures_[name] = {"ImageNotReady",
                                 "image " + name + " is " + std::string(d.value.image_status->str()) +
                                     (d.value.failure_reason ? ": " + *d.value.failure_reason : ""),
                                 ""};
}

// --- versions

asio::awaitable<void> register_engine::worker()
{
    while (!stopping_ && next_ < work_.size()) {
        const manifest_entry& e = *work_[next_++];
        if (const auto it = image_failures_.find(e.image); it != image_failures_.end()) {
            line_result r{.line = e.line, .image = e.image, .outcome = outcome::failed,
                          .client_token = e.request.client_token, .error_code = it->second.code,
                          .error_message = "image not ready: " + it->second.message,
                          .request_id = it->second.request_id};
            on_result_(r);
            continue;
        }
        if (!co_await pace())
            break;  // stopped while waiting for a slot: the line was not started
        ++stats_.in_flight;
        co_await register_line(e);
        --stats_.in_flight;
    }
}

asio::awaitable<void> register_engine::register_line(const manifest_entry& e)
{
    line_result r{.line = e.line, .image = e.image, .client_token = e.request.client_token};
    const auto started = steady_clock::now();
    auto request = e.request;
    auto created = co_await client_.try_create_image_version(std::move(request));
    r.latency_ms = std::chrono::duration<double, std::milli>(steady_clock::now() - started).count();
    r.attempts = created.diag.attempts;
    if (created.error) {
        const bool aborted = created.error == asio::error::operation_aborted;
        r.outcome = aborted ? outcome::cancelled : outcome::failed;
        r.error_code = aborted ? "Cancelled" : created.diag.aws_code.empty() ? created.error.message()
                                                                              : created.diag.aws_code;
        r.error_message = aborted ? "interrupted; --resume sends it again with the same ClientToken"
                                  : created.diag.message;
        r.request_id = created.diag.request_id;
    }
    else {
        r.outcome = outcome::succeeded;
        r.image_version_arn = created.value.image_version_arn.value_or("");
        if (settings_.wait)
            co_await wait_until_created(e, r);
    }
    on_result_(r);
}

asio::awaitable<void> register_engine::wait_until_created(const manifest_entry& e, line_result& r)
{
    sm::describe_image_version_request describe;
    describe.image_name = e.image;
    describe.version = version_from_arn(r.image_version_arn);
    if (!describe.version) {
        r.outcome = outcome::failed;
        r.error_code = "UnexpectedArn";
        r.error_message = "no version number in \"" + r.image_version_arn + "\"";
        co_return;
    }
    const auto deadline = steady_clock::now() + settings_.wait_timeout;
    auto delay = std::chrono::duration_cast<steady_clock::duration>(std::chrono::milliseconds{200});
    for (;;) {
        auto d = co_await client_.try_describe_image_version(describe);
        if (d.error) {
            const bool aborted = d.error == asio::error::operation_aborted;
            r.outcome = aborted ? outcome::cancelled : outcome::failed;
            r.error_code = aborted ? "Cancelled" : d.diag.aws_code.empty() ? d.error.message() : d.diag.aws_code;
            r.error_message = d.diag.message;
            r.request_id = d.diag.request_id;
            co_return;
        }
        const auto& status = d.value.image_version_status;
        r.image_version_status = status ? std::string(status->str()) : "";
        if (status && *status == sm::image_version_status::created)
            co_return;
        if (!status || *status != sm::image_version_status::creating) {
            r.outcome = outcome::failed;
            r.error_code = "CreateFailed";
            r.error_message = "image version is " + r.image_version_status +
                              (d.value.failure_reason ? ": " + *d.value.failure_reason : "");
            co_return;
        }
        if (steady_clock::now() + delay > deadline) {
            r.outcome = outcome::failed;
            r.error_code = "WaitTimeout";
            r.error_message = "still CREATING after " + std::to_string(settings_.wait_timeout.count()) + " s";
            co_return;
        }
        if (!co_await sleep(delay)) {
            r.outcome = outcome::cancelled;
            r.error_code = "Cancelled";
            r.error_message = "interrupted while waiting for CREATED";
            co_return;
        }
        delay = std::min<steady_clock::duration>(delay * 3 / 2, std::chrono::seconds{10});
    }
}

}  // namespace awscoro_cli
