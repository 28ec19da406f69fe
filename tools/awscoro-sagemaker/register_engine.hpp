// The register batch: bounded-concurrency workers that take manifest lines
// in order and create one image version each, optionally creating missing
// images first (each once) and waiting for CREATED. Everything runs on one
// io_context thread, so the state below needs no locking.
#pragma once

#include "manifest.hpp"
#include "results_file.hpp"
#include "summary.hpp"

#include <awscoro/sagemaker/client.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace awscoro_cli {

struct engine_settings {
    unsigned concurrency = 32;
    double max_rps = 0;  ///< CreateImageVersion calls started per second; 0: unlimited
    bool create_missing_images = false;
    std::string role_arn = {};
    bool wait = false;
    std::chrono::seconds wait_timeout{600};
    std::chrono::seconds grace_period{10};
};

/// The version number at the end of an image version ARN (".../image-version/NAME/7").
std::optional<int> version_from_arn(std::string_view arn);

class register_engine {
public:
    /// `on_result` is told about every finished line, once (results file, counters).
    register_engine(awscoro::sagemaker::client& client, engine_settings settings, batch_stats& stats,
                    std::function<void(const line_result&)> on_result);

    /// Processes `work` (valid entries only). Completes when every line is
    /// done, or after a stop once the calls in flight have finished.
    boost::asio::awaitable<void> run(std::vector<const manifest_entry*> work);

    /// Take no new line; cancel what is in flight after the grace period.
    void request_stop();

    /// Cancel what is in flight now.
    void cancel();

private:
    struct failure {
        std::string code, message, request_id;
    };

    boost::asio::awaitable<void> prepare_images(const std::vector<const manifest_entry*>& work);
    boost::asio::awaitable<void> ensure_image(const std::string& name);
    boost::asio::awaitable<void> worker();
    boost::asio::awaitable<void> register_line(const manifest_entry& e);
    boost::asio::awaitable<void> wait_until_created(const manifest_entry& e, line_result& r);
    /// Sleeps; false when cancelled meanwhile.
    boost::asio::awaitable<bool> sleep(std::chrono::steady_clock::duration d);
    /// Waits for this call's --max-rps slot; false when stopped meanwhile.
    boost::asio::awaitable<bool> pace();
    /// Runs `count` copies of `body` concurrently and waits for all of them.
    boost::asio::awaitable<void> run_parallel(std::size_t count, std::function<boost::asio::awaitable<void>()> body);

    awscoro::sagemaker::client& client_;
    engine_settings settings_;
    batch_stats& stats_;
    std::function<void(const line_result&)> on_result_;

    std::vector<const manifest_entry*> work_;
    std::size_t next_ = 0;
    std::vector<std::string> images_;          ///< distinct images to prepare
    std::map<std::string, failure> image_failures_;  ///< images that could not be prepared
    bool stopping_ = false;
    bool cancelled_ = false;
    std::chrono::steady_clock::time_point next_slot_ = {};
    std::set<boost::asio::steady_timer*> sleepers_;
    boost::asio::steady_timer grace_;
};

}  // namespace awscoro_cli
