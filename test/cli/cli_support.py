"""The awscoro-sagemaker end-to-end tests' own pieces: a session (a temporary
folder, a sagemaker-local, the tool pointed at it), the tool run with an
isolated AWS environment, manifests and results files. Starting and stopping
the server, the credentials and the named checks come from
test/support/sagemaker_local.py."""

import contextlib
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
# Cases and SECRET_ACCESS_KEY are re-exported: the tests import what they share from here.
from sagemaker_local import SECRET_ACCESS_KEY, Cases, isolated_aws_environment, running  # noqa: E402,F401

ROLE_ARN = "arn:aws:iam::123456789012:role/cli-test"  # not sagemaker_local's: the CLI tests' own role


def binaries():
    """The tool and the server, from the command line: TOOL SERVER."""
    if len(sys.argv) < 3:
        sys.exit(f"usage: {sys.argv[0]} AWSCORO_SAGEMAKER SAGEMAKER_LOCAL")
    return sys.argv[1], sys.argv[2]


def environment(tmp, **extra):
    """An AWS environment that reads no user configuration, with AWS_REGION too
    and without a JOB_COMPLETION_INDEX inherited from a job (the tool would
    take it as its shard index)."""
    env = isolated_aws_environment(tmp, AWS_REGION="us-east-1")
    env.pop("JOB_COMPLETION_INDEX", None)
    env.update(extra)
    return env


class Tool:
    """Runs awscoro-sagemaker against one server."""

    def __init__(self, binary, srv, tmp):
        self.binary = binary
        self.server = srv
        self.env = environment(tmp)

    def argv(self, *args):
        return [self.binary, "--endpoint-url", self.server.url, "--ca-bundle", self.server.ca_bundle, *args]

    def run(self, *args, timeout=120, env=None, stdin=None):
        return subprocess.run(self.argv(*args), capture_output=True, text=True, timeout=timeout,
                              env=env or self.env, input=stdin)

    def popen(self, *args, env=None):
        return subprocess.Popen(self.argv(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env or self.env)


@contextlib.contextmanager
def session(tool_binary, server_binary, *server_args):
    """A temporary folder, a sagemaker-local started with `server_args` (on a
    free port, with its generated CA) and the tool pointed at it: yields
    (folder, server, tool); the server stops, then the folder goes."""
    with tempfile.TemporaryDirectory(prefix="awscoro-cli-test-") as tmp, running(server_binary, *server_args) as srv:
        yield tmp, srv, Tool(tool_binary, srv, tmp)


def prepare_manifest(tool, tmp, lines, images, prefix="img", create=True):
    """manifest.jsonl in `tmp` with `lines` versions over `images` images, which
    are created on the server too unless `create` is false. Returns its path."""
    manifest = os.path.join(tmp, "manifest.jsonl")
    write_manifest(manifest, lines, images, prefix=prefix)
    if create:
        create_images(tool, prefix, images)
    return manifest


def write_manifest(path, count, images, prefix="img", start=0):
    """`count` distinct CreateImageVersion lines spread over `images` images."""
    with open(path, "w") as f:
        for i in range(start, start + count):
            line = {"ImageName": f"{prefix}-{i % images}",
                    "BaseImage": f"123456789012.dkr.ecr.us-east-1.amazonaws.com/{prefix}:v{i}",
                    "JobType": "TRAINING"}
            f.write(json.dumps(line) + "\n")


def read_results(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def create_images(tool, prefix, images):
    for k in range(images):
        r = tool.run("create-image", "--image-name", f"{prefix}-{k}", "--role-arn", ROLE_ARN)
        check(r.returncode == 0, f"create-image {prefix}-{k}: {r.returncode} {r.stderr}")


def count_versions(tool, prefix, images):
    """Versions on the server, listed through the tool (every page)."""
    total = 0
    for k in range(images):
        r = tool.run("list-image-versions", "--image-name", f"{prefix}-{k}", "--page-size", "100")
        check(r.returncode == 0, f"list-image-versions: {r.stderr}")
        total += len(json.loads(r.stdout)["ImageVersions"])
    return total


def check(condition, message):
    if not condition:
        raise AssertionError(message)

