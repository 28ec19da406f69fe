// credential_process: runs the command (no shell), reads its JSON output.
#include <awscoro/credentials_providers.hpp>

#include "credentials_detail.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace awscoro {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;
using detail::fetch_result;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// Both ends of a pipe, closed unless handed over.
struct pipe_fds {
    int read = -1, write = -1;
    pipe_fds() = default;
    pipe_fds(const pipe_fds&) = delete;
    pipe_fds& operator=(const pipe_fds&) = delete;
    ~pipe_fds()
    {
        if (read >= 0)
            ::close(read);
        if (write >= 0)
            ::close(write);
    }
    bool open()
    {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            return false;
        read = fds[0];
        write = fds[1];
        return true;
    }
};

// Reads until end of file, keeping at most `limit` bytes; `overflow` tells
// whether more came (the rest is read and dropped, so the child never blocks).
asio::awaitable<void> read_all(asio::posix::stream_descriptor& pipe, std::string& out, std::size_t limit,
                               bool& overflow)
{
    char chunk[4096];
    for (;;) {
        auto [ec, n] = co_await pipe.async_read_some(asio::buffer(chunk), use_tuple);
        const std::size_t keep = std::min(n, limit - std::min(limit, out.size()));
        out.append(chunk, keep);
        overflow = overflow || keep < n;
        if (ec)
            co_return;
    }
}

std::string first_line(std::string_view text)
{
    const auto start = text.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos)
        return {};
    text = text.substr(start, text.find_first_of("\r\n", start) - start);
    return std::string(text.substr(0, 200));
}

class process_provider final : public credentials_provider {
public:
    process_provider(std::string command, process_options options)
        : command_(std::move(command)), options_(options)
    {
    }

    std::string name() const override { return "credential_process"; }

    void async_fetch(asio::any_io_executor ex, std::string& reason, credentials_handler handler) override
    {
        detail::spawn_fetch(ex, reason, std::move(handler), fetch(command_, options_, reason));
    }

private:
    // Static, with copies: the provider may be gone before the fetch ends.
    static asio::awaitable<fetch_result> fetch(std::string command, process_options options, std::string& reason)
    {
        const auto failed = [&](std::string why) {
            reason = "credential_process: " + std::move(why);
            return fetch_result{error::credentials_fetch_failed, {}};
        };
        std::vector<std::string> args;
        std::string why;
        if (!detail::split_command_line(command, args, why))
            co_return failed("the command cannot be split into arguments: " + why);
        if (args.empty())
            co_return failed("the command is empty");

        pipe_fds out, err;
        if (!out.open() || !err.open())
            co_return failed(std::string("cannot create a pipe: ") + std::strerror(errno));
        pid_t pid = 0;
        if (const int e = spawn(args, out.write, err.write, pid); e != 0)
            co_return failed("cannot run " + args[0] + ": " + std::strerror(e));
        ::close(std::exchange(out.write, -1));
        ::close(std::exchange(err.write, -1));

        // Shared with the deadline's handler, which kills the child and stops
        // reading (a grandchild may hold the pipes open after the child is gone).
        struct child {
            child(asio::any_io_executor ex, int out, int err) : out_pipe(ex, out), err_pipe(ex, err), deadline(ex) {}
            asio::posix::stream_descriptor out_pipe, err_pipe;
            asio::steady_timer deadline;
            bool timed_out = false;
        };
        auto proc = std::make_shared<child>(co_await asio::this_coro::executor, std::exchange(out.read, -1),
                                         std::exchange(err.read, -1));
        if (options.timeout.count() != 0) {
            proc->deadline.expires_after(options.timeout);
            proc->deadline.async_wait([proc, pid](error_code ec) {
                if (ec)
                    return;
                proc->timed_out = true;
                ::kill(pid, SIGKILL);
                proc->out_pipe.cancel();
                proc->err_pipe.cancel();
            });
        }
        std::string output, errors;
        bool output_overflow = false, errors_overflow = false;
        using namespace asio::experimental::awaitable_operators;
        co_await (read_all(proc->out_pipe, output, options.max_output_bytes, output_overflow) &&
                  read_all(proc->err_pipe, errors, 4096, errors_overflow));
        const int status = co_await wait_for_exit(pid, proc->timed_out);
        proc->deadline.cancel();
        const bool timed_out = proc->timed_out;

        struct wipe_output {
            std::string& s;
            ~wipe_output() { detail::wipe(s); }
        } guard{output};
        if (timed_out)
            co_return failed("did not finish within " + std::to_string(options.timeout.count()) + " ms");
        if (output_overflow)
            co_return failed("its output is longer than " + std::to_string(options.max_output_bytes) + " bytes");
        if (status != 0) {
            const std::string line = first_line(errors);
            const std::string how = WIFSIGNALED(status) ? "was killed by signal " + std::to_string(WTERMSIG(status))
                                                        : "exited with status " + std::to_string(WEXITSTATUS(status));
            co_return failed(how + (line.empty() ? "" : ": " + line));
        }
        credentials c;
        if (!detail::parse_credentials_document(output, detail::credentials_document::process, c, why))
            co_return failed("its output is not valid: " + why);
        if (c.expiration && *c.expiration <= std::chrono::system_clock::now())
            co_return failed("the credentials it returned have already expired");
        co_return fetch_result{error_code{}, std::move(c)};
    }

    // posix_spawnp: PATH lookup as the CLI, no shell; stdout and stderr to the pipes.
    static int spawn(const std::vector<std::string>& args, int out, int err, pid_t& pid)
    {
        std::vector<char*> argv;
        for (const auto& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out, STDOUT_FILENO);
        posix_spawn_file_actions_adddup2(&actions, err, STDERR_FILENO);
        const int e = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        return e;
    }

    // The child's wait status. Polled: the pipes are closed, so it is
    // exiting; a child still running at the deadline has been killed.
    static asio::awaitable<int> wait_for_exit(pid_t pid, const bool& timed_out)
    {
        asio::steady_timer pause(co_await asio::this_coro::executor);
        for (auto delay = std::chrono::milliseconds(1);; delay = std::min(delay * 2, std::chrono::milliseconds(50))) {
            int status = 0;
            const pid_t r = ::waitpid(pid, &status, WNOHANG);
            if (r == pid)
                co_return status;
            if (r < 0 && errno != EINTR)
                co_return 0;  // ECHILD: SIGCHLD is ignored, the child was reaped for us
            if (timed_out)
                ::kill(pid, SIGKILL);
            pause.expires_after(delay);
            co_await pause.async_wait(use_tuple);
        }
    }

    std::string command_;
    process_options options_;
};

}  // namespace

std::shared_ptr<credentials_provider> make_process_credentials_provider(std::string command, process_options options)
{
    return std::make_shared<process_provider>(std::move(command), options);
}

}  // namespace awscoro
