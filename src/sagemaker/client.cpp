#include <awscoro/sagemaker/client.hpp>

#include <awscoro/sagemaker/codec.hpp>
#include <awscoro/sagemaker/validate.hpp>

#include "client_core.hpp"
#include "service.hpp"

#include <boost/asio/post.hpp>

namespace awscoro::sagemaker {

namespace asio = boost::asio;

client::client(executor_type ex, config cfg)
    : executor_(ex), core_(std::make_shared<awscoro::detail::client_core>(ex, std::move(cfg), detail::service()))
{
}

client::client(asio::io_context& io, config cfg) : client(io.get_executor(), std::move(cfg)) {}

client::~client()
{
    if (core_)
        core_->shutdown();
}

client::client(client&&) noexcept = default;

client& client::operator=(client&& other) noexcept
{
    if (this != &other) {
        if (core_)
            core_->shutdown();
        executor_ = std::move(other.executor_);
        core_ = std::move(other.core_);
    }
    return *this;
}

client::executor_type client::get_executor() const noexcept { return executor_; }

void client::shutdown() { core_->shutdown(); }

client_stats client::stats() const { return core_->stats(); }

template <class Op>
void client::start(typename Op::request_type&& req, diagnostics* diag, handler_type<Op> handler)
{
    using response_type = typename Op::response_type;
    if constexpr (Op::has_idempotency_token)
        fill_idempotency_token(req);  // here, per call: never shared by copies of a request
    diagnostics local;
    diagnostics& d = diag != nullptr ? *diag : local;
    d.clear();
    if (auto ec = validate(req, d)) {
        asio::post(core_->io_executor(), asio::append(std::move(handler), ec, response_type{}));
        return;
    }
    std::string body;
    to_json(req, body);
    const operation_spec op{.name = Op::name, .idempotent = Op::has_idempotency_token || Op::read_only};
    core_->invoke<response_type>(op, std::move(body), diag, &from_json<response_type>, std::move(handler));
}

template void client::start<create_image_version_op>(create_image_version_request&&, diagnostics*,
                                                     handler_type<create_image_version_op>);
template void client::start<create_image_op>(create_image_request&&, diagnostics*, handler_type<create_image_op>);
template void client::start<describe_image_op>(describe_image_request&&, diagnostics*,
                                               handler_type<describe_image_op>);
template void client::start<delete_image_op>(delete_image_request&&, diagnostics*, handler_type<delete_image_op>);
template void client::start<list_images_op>(list_images_request&&, diagnostics*, handler_type<list_images_op>);
template void client::start<describe_image_version_op>(describe_image_version_request&&, diagnostics*,
                                                       handler_type<describe_image_version_op>);
template void client::start<list_image_versions_op>(list_image_versions_request&&, diagnostics*,
                                                    handler_type<list_image_versions_op>);
template void client::start<update_image_version_op>(update_image_version_request&&, diagnostics*,
                                                     handler_type<update_image_version_op>);
template void client::start<delete_image_version_op>(delete_image_version_request&&, diagnostics*,
                                                     handler_type<delete_image_version_op>);
template void client::start<list_aliases_op>(list_aliases_request&&, diagnostics*, handler_type<list_aliases_op>);

}  // namespace awscoro::sagemaker
