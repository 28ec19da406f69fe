#include "usage.hpp"

#include <ostream>

namespace awscoro_cli {

namespace {

constexpr std::string_view overview = R"(usage: awscoro-sagemaker [global options] <command> [options]

Commands (flags as the AWS CLI's `aws sagemaker <command>`):
  create-image-version    --base-image URI --image-name NAME [--aliases A B ...] [--client-token T]
                          [--vendor-guidance V] [--job-type T] [--ml-framework F] [--programming-lang L]
                          [--processor P] [--horovod | --no-horovod] [--release-notes N]
  describe-image-version  --image-name NAME [--version-number N | --alias A]
  list-image-versions     --image-name NAME [--creation-time-after T] [--creation-time-before T]
                          [--last-modified-time-after T] [--last-modified-time-before T]
                          [--sort-by S] [--sort-order O] [--page-size N] [--max-items N] [--starting-token T]
  create-image            --image-name NAME --role-arn ARN [--description D] [--display-name D]
                          [--tags Key=k,Value=v ...]
  delete-image-version    --image-name NAME [--version-number N | --alias A]
  register                --manifest FILE [...]: create many image versions; see `register help`
Every operation command also takes --cli-input-json JSON|file://PATH (options override its members).

Global options:
  --endpoint-url URL        e.g. https://127.0.0.1:8443 (plain http only for loopback)
  --region NAME             overrides AWS_REGION / AWS_DEFAULT_REGION
  --profile NAME            the named profile (AWS_PROFILE)
  --ca-bundle FILE          PEM file of trusted CAs (AWS_CA_BUNDLE)
  --output json|text|table  output format (default json)
  --debug                   log every attempt to stderr (never secrets)
  --cli-connect-timeout N   seconds for TCP connect + TLS handshake; 0 disables (default 10)
  --cli-read-timeout N      seconds from sending a request to its complete response; 0 disables (default 60)
  --no-verify-ssl           do not verify the server's certificate (unsafe; prints a warning)
  --no-paginate             list commands: one call, the service's NextToken in the output

Exit status: 0 success, 1 service, transport or timeout error (register: some line failed), 2 usage error.
)";

constexpr std::string_view register_help = R"(usage: awscoro-sagemaker [global options] register --manifest FILE [options]

Creates one image version per manifest line, concurrently, rate-limited and resumably.

Manifest: JSON Lines (one CreateImageVersion request per line, AWS member names:
{"ImageName": "x", "BaseImage": "...", "Aliases": ["a"], ...}) or CSV with a header line of
member names (Aliases separated by ';', Horovod true/false, empty cells omitted). Blank
lines and lines starting with '#' are skipped. A line without ClientToken gets one derived
from its content (a name-based UUID), so running the same manifest again never creates
duplicates.

Options:
  --manifest FILE           the manifest ('-' for stdin)
  --format jsonl|csv        manifest format (default: from the file name, else its first line)
  --results FILE            one JSON line per manifest line: line, image, outcome, ARN or error, attempts, latency
  --resume                  skip lines already successful in --results (same content); rewrites the file
  --concurrency N           calls in flight at once (default 32)
  --max-rps N               at most N CreateImageVersion calls started per second (default: unlimited)
  --retry-mode adaptive|standard  (default adaptive: slows down when throttled); AWS_RETRY_MODE
  --max-attempts N          attempts per call, retries included (default 10); AWS_MAX_ATTEMPTS
  --create-missing-images   create images that do not exist yet (once per image); needs --role-arn
  --role-arn ARN            the RoleArn of images created by --create-missing-images
  --wait                    wait for each version to be CREATED (or CREATE_FAILED)
  --wait-timeout N          seconds to wait per version (default 600)
  --shard INDEX/COUNT       process the lines whose 0-based position modulo COUNT is INDEX
  --shard-count COUNT       shard count, INDEX from JOB_COMPLETION_INDEX (Kubernetes Indexed Job)
                            or AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch array job)
  --strict                  stop before sending anything when a line is bad
  --progress auto|bar|lines|none  live bar on a terminal, a line every 5 s otherwise (default auto)
  --grace-period N          seconds in-flight calls may finish after SIGINT/SIGTERM (default 10)

On SIGINT/SIGTERM no new line starts, calls in flight finish (or are cancelled after the grace
period), results are flushed; run again with --resume to complete the rest. A second signal
cancels at once. The summary goes to stdout (--output json for a JSON document).
Exit status: 0 all lines succeeded, 1 some line failed, was bad or was not run, 2 usage error.
)";

}  // namespace

void print_help(std::string_view command, std::ostream& out)
{
    out << (command == "register" ? register_help : overview);
}

}  // namespace awscoro_cli
