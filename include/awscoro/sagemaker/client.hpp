// The SageMaker image API client.
//
//   awscoro::sagemaker::client client{io.get_executor(), awscoro::config::from_environment()};
//   awscoro::sagemaker::create_image_version_request req{.base_image = "...", .image_name = "my-image"};
//   auto out = co_await client.create_image_version(req);   // throws a typed error
//
// Every operation comes in three forms:
// - async_OP(req, token) and async_OP(req, diag, token): any Asio completion
//   token (callbacks, use_future, deferred, use_awaitable,
//   as_tuple(use_awaitable), ...), completing with
//   void(boost::system::error_code, OP_response); the second overload also
//   fills `diag` (which must outlive the operation), as Boost.MySQL does;
// - co_await OP(req): the response, or a thrown exception derived from
//   awscoro::aws_error (sagemaker::resource_not_found, throttling_error, ...);
// - co_await try_OP(req): a result holding the response or the error and its
//   diagnostics, for code that avoids exceptions.
//
// Per call: the ClientToken is filled (if unset) when the call starts, the
// request is validated before any I/O, then sent with retries (the same
// token on every attempt) over a pooled keep-alive connection.
//
// Cancellation: every async_OP honors the completion handler's cancellation
// slot (terminal, partial and total): the call completes with
// boost::asio::error::operation_aborted and its connection is closed.
//
// Thread safety: one client may be used by any number of coroutines, on any
// number of threads running its executor's execution context; its state
// lives on an internal strand. Completion handlers run on their associated
// executor (the caller's, for coroutines).
//
// Lifetime: destroying the client (or calling shutdown()) completes calls
// in flight with operation_aborted; they keep the internals alive until then,
// so the execution context must keep running for them to finish.
#pragma once

#include <awscoro/client_stats.hpp>
#include <awscoro/config.hpp>
#include <awscoro/diagnostics.hpp>
#include <awscoro/sagemaker/errors.hpp>
#include <awscoro/sagemaker/model.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <memory>
#include <optional>

namespace awscoro::detail {
class client_core;
}

namespace awscoro::sagemaker {

/// The outcome of a try_OP call: a response, or an error with diagnostics.
template <class Response>
struct result {
    boost::system::error_code error = {};
    Response value = {};
    diagnostics diag = {};

    explicit operator bool() const noexcept { return !error; }
};

class client {
public:
    using executor_type = boost::asio::any_io_executor;

    /// Throws std::invalid_argument when the region or endpoint is unusable
    /// and std::runtime_error when the CA bundle cannot be read. No I/O.
    client(executor_type ex, config cfg);
    client(boost::asio::io_context& io, config cfg);
    ~client();
    client(client&&) noexcept;
    client& operator=(client&&) noexcept;

    executor_type get_executor() const noexcept;

    /// Completes calls in flight with operation_aborted and closes every
    /// connection; later calls complete with operation_aborted. Thread-safe.
    void shutdown();

    /// Counters (calls, attempts, connections, TLS resumptions, ...). Thread-safe.
    client_stats stats() const;

    // --- CreateImageVersion: registers a new version of an existing image.
    template <class Token>
    auto async_create_image_version(create_image_version_request req, Token&& token)
    {
        return initiate<create_image_version_op>(std::move(req), nullptr, std::forward<Token>(token));
    }
    template <class Token>
    auto async_create_image_version(create_image_version_request req, diagnostics& diag, Token&& token)
    {
        return initiate<create_image_version_op>(std::move(req), &diag, std::forward<Token>(token));
    }
    boost::asio::awaitable<create_image_version_response> create_image_version(create_image_version_request req)
    {
        return call<create_image_version_op>(std::move(req));
    }
    boost::asio::awaitable<result<create_image_version_response>> try_create_image_version(
        create_image_version_request req)
    {
        return try_call<create_image_version_op>(std::move(req));
    }

    // --- CreateImage
    template <class Token>
    auto async_create_image(create_image_request req, Token&& token)
    {
        return initiate<create_image_op>(std::move(req), nullptr, std::forward<Token>(token));
    }
    template <class Token>
    auto async_create_image(create_image_request req, diagnostics& diag, Token&& token)
    {
        return initiate<create_image_op>(std::move(req), &diag, std::forward<Token>(token));
    }
    boost::asio::awaitable<create_image_response> create_image(create_image_request req)
    {
        return call<create_image_op>(std::move(req));
    }
    boost::asio::awaitable<result<create_image_response>> try_create_image(create_image_request req)
    {
        return try_call<create_image_op>(std::move(req));
    }

    // --- DescribeImage
    template <class Token>
    auto async_describe_image(describe_image_request req, Token&& token)
    {
        return initiate<describe_image_op>(std::move(req), nullptr, std::forward<Token>(token));
    }
    template <class Token>
    auto async_describe_image(describe_image_request req, diagnostics& diag, Token&& token)
    {
        return initiate<describe_image_op>(std::move(req), &diag, std::forward<Token>(token));
    }
    boost::asio::awaitable<describe_image_response> describe_image(describe_image_request req)
    {
        return call<describe_image_op>(std::move(req));
    }
    boost::asio::awaitable<result<describe_image_response>> try_describe_image(describe_image_request req)
    {
        return try_call<describe_image_op>(std::move(req));
    }

    // --- DeleteImage
    template <class Token>
    auto async_delete_image(delete_image_request req, Token&& token)
    {
        return initiate<delete_image_op>(std::move(req), nullptr, std::forward<Token>(token));
    }
    template <class Token>
    auto async_delete_image(delete_image_request req, diagnostics& diag, Token&& token)
    {
        return initiate<delete_image_op>(std::move(req), &diag, std::forward<Token>(token));
    }
    boost::asio::awaitable<delete_image_response> delete_image(delete_image_request req)
    {
        return call<delete_image_op>(std::move(req));
    }
    boost::asio::awaitable<result<delete_image_response>> try_delete_image(delete_image_request req)
    {
        return try_call<delete_image_op>(std::move(req));
    }

    // --- ListImages (see paginator below)
    template <class Token>
    auto async_list_images(list_images_request req, Token&& token)
    {
        return initiate<list_images_op>(std::move(req), nullptr, std::forward<Token>(token));
    }
    template <class Token>
    auto async_list_images(list_images_request req, diagnostics& diag, Token&& token)
    {
        return initiate<list_images_op>(std::move(req), &diag, std::forward<Token>(token));
    }
    boost::asio::awaitable<list_images_response> list_images(list_images_request req)
    {
        return call<list_images_op>(std::move(req));
    }

    // --- DescribeImageVersion: by Version, by Alias, or the latest.
    template <class Token>
    auto async_describe_image_version(describe_image_version_request req, Token&& token)
    {
        return initiate<describe_image_version_op>(std::move(req), nullptr, std::forward<Token>(token));
    }
    template <class Token>
    auto async_describe_image_version(describe_image_version_request req, diagnostics& diag, Token&& token)
    {
        return initiate<describe_image_version_op>(std::move(req), &diag, std::forward<Token>(token));
    }
    boost::asio::awaitable<describe_image_version_response> describe_image_version(
        describe_image_version_request req)
    {
        return call<describe_image_version_op>(std::move(req));
    }
    boost::asio::awaitable<result<describe_image_version_response>> try_describe_image_version(
        describe_image_version_request req)
    {
        return try_call<describe_image_version_op>(std::move(req));
    }

    // --- ListImageVersions (see paginator below)
    template <class Token>
    auto async_list_image_versions(list_image_versions_request req, Token&& token)
    {
        return initiate<list_image_versions_op>(std::move(req), nullptr, std::forward<Token>(token));
    }
    template <class Token>
    auto async_list_image_versions(list_image_versions_request req, diagnostics& diag, Token&& token)
    {
        return initiate<list_image_versions_op>(std::move(req), &diag, std::forward<Token>(token));
    }
    boost::asio::awaitable<list_image_versions_response> list_image_versions(list_image_versions_request req)
    {
        return call<list_image_versions_op>(std::move(req));
    }

    // --- UpdateImageVersion
    template <class Token>
    auto async_update_image_version(update_image_version_request req, Token&& token)
    {
        return initiate<update_image_version_op>(std::move(req), nullptr, std::forward<Token>(token));
    }
    template <class Token>
    auto async_update_image_version(update_image_version_request req, diagnostics& diag, Token&& token)
    {
        return initiate<update_image_version_op>(std::move(req), &diag, std::forward<Token>(token));
    }
    boost::asio::awaitable<update_image_version_response> update_image_version(update_image_version_request req)
    {
        return call<update_image_version_op>(std::move(req));
    }

    // --- DeleteImageVersion
    template <class Token>
    auto async_delete_image_version(delete_image_version_request req, Token&& token)
    {
        return initiate<delete_image_version_op>(std::move(req), nullptr, std::forward<Token>(token));
    }
    template <class Token>
    auto async_delete_image_version(delete_image_version_request req, diagnostics& diag, Token&& token)
    {
        return initiate<delete_image_version_op>(std::move(req), &diag, std::forward<Token>(token));
    }
    boost::asio::awaitable<delete_image_version_response> delete_image_version(delete_image_version_request req)
    {
        return call<delete_image_version_op>(std::move(req));
    }

    // --- ListAliases (see paginator below)
    template <class Token>
    auto async_list_aliases(list_aliases_request req, Token&& token)
    {
        return initiate<list_aliases_op>(std::move(req), nullptr, std::forward<Token>(token));
    }
    template <class Token>
    auto async_list_aliases(list_aliases_request req, diagnostics& diag, Token&& token)
    {
        return initiate<list_aliases_op>(std::move(req), &diag, std::forward<Token>(token));
    }
    boost::asio::awaitable<list_aliases_response> list_aliases(list_aliases_request req)
    {
        return call<list_aliases_op>(std::move(req));
    }

    /// Any operation by its traits type, e.g. `co_await c.call<describe_image_op>(req)`.
    template <class Op>
    boost::asio::awaitable<typename Op::response_type> call(typename Op::request_type req)
    {
        diagnostics diag;
        auto [ec, response] = co_await initiate<Op>(std::move(req), &diag, boost::asio::as_tuple(boost::asio::use_awaitable));
        if (ec)
            sagemaker::throw_error(ec, diag);
        co_return std::move(response);
    }

    template <class Op>
    boost::asio::awaitable<result<typename Op::response_type>> try_call(typename Op::request_type req)
    {
        result<typename Op::response_type> r;
        auto [ec, response] = co_await initiate<Op>(std::move(req), &r.diag, boost::asio::as_tuple(boost::asio::use_awaitable));
        r.error = ec;
        r.value = std::move(response);
        co_return r;
    }

private:
    template <class Op>
    using handler_type =
        boost::asio::any_completion_handler<void(boost::system::error_code, typename Op::response_type)>;

    // Compiled entry points: the templates above only forward here.
    template <class Op>
    void start(typename Op::request_type&& req, diagnostics* diag, handler_type<Op> handler);

    template <class Op, class Token>
    auto initiate(typename Op::request_type req, diagnostics* diag, Token&& token)
    {
        return boost::asio::async_initiate<Token, void(boost::system::error_code, typename Op::response_type)>(
            [this, diag](auto handler, typename Op::request_type r) {
                this->template start<Op>(std::move(r), diag, std::move(handler));
            },
            token, std::move(req));
    }

    executor_type executor_;
    std::shared_ptr<awscoro::detail::client_core> core_;
};

/// Pages of a List operation (ListImageVersions, ListAliases, ListImages),
/// following NextToken:
///   paginator<list_image_versions_op> pages{client, req};
///   while (auto page = co_await pages.next()) use(page->image_versions);
template <class Op>
class paginator {
public:
    paginator(client& c, typename Op::request_type first) : client_(c), request_(std::move(first)) {}

    /// The next page, or nothing after the last one. Throws as client::call does.
    boost::asio::awaitable<std::optional<typename Op::response_type>> next()
    {
        if (done_)
            co_return std::nullopt;
        auto page = co_await client_.call<Op>(request_);
        done_ = !page.next_token || page.next_token->empty();
        if (!done_)
            request_.next_token = page.next_token;
        co_return std::move(page);
    }

private:
    client& client_;
    typename Op::request_type request_;
    bool done_ = false;
};

}  // namespace awscoro::sagemaker
