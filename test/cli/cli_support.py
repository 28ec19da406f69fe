"""Shared pieces of the awscoro-sagemaker end-to-end tests: a sagemaker-local
started on a free port (stopped on exit), the tool run with an isolated AWS
environment, manifests, results files, and named checks."""

import contextlib
import json
import os
import signal
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request

ACCESS_KEY_ID = "AKIDEXAMPLE"
SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
ROLE_ARN = "arn:aws:iam::123456789012:role/cli-test"


def binaries():
    """The tool and the server, from the command line: TOOL SERVER."""
    if len(sys.argv) < 3:
        sys.exit(f"usage: {sys.argv[0]} AWSCORO_SAGEMAKER SAGEMAKER_LOCAL")
    return sys.argv[1], sys.argv[2]


class Server:
    def __init__(self, process, url, ca_bundle):
        self.process = process
        self.url = url
        self.ca_bundle = ca_bundle

    def _get(self, path, method="GET"):
        context = ssl.create_default_context(cafile=self.ca_bundle)
        request = urllib.request.Request(self.url + path, method=method)
        with urllib.request.urlopen(request, timeout=10, context=context) as response:
            return json.load(response) if method == "GET" else None

    def stats(self):
        return self._get("/__stats")

    def reset(self):
        self._get("/__reset", method="POST")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@contextlib.contextmanager
def server(binary, *args):
    """sagemaker-local on 127.0.0.1 with a free port and its generated CA."""
    process = subprocess.Popen([binary, "--port", "0", *args], stdout=subprocess.PIPE, text=True)
    try:
        first = process.stdout.readline().split()
        second = process.stdout.readline().split()
        if len(first) != 2 or first[0] != "listening" or len(second) != 2 or second[0] != "ca-bundle":
            raise RuntimeError(f"sagemaker-local did not start: {first!r} {second!r}")
        s = Server(process, first[1], second[1])
        yield s
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def environment(tmp, **extra):
    """An AWS environment that reads no user configuration."""
    empty = os.path.join(tmp, "empty-aws-config")
    open(empty, "w").close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k not in
           ("JOB_COMPLETION_INDEX",)}
    env.update(
        HOME=tmp,
        AWS_CONFIG_FILE=empty,
        AWS_SHARED_CREDENTIALS_FILE=empty,
        AWS_ACCESS_KEY_ID=ACCESS_KEY_ID,
        AWS_SECRET_ACCESS_KEY=SECRET_ACCESS_KEY,
        AWS_REGION="us-east-1",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_EC2_METADATA_DISABLED="true",
    )
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


class Cases:
    """Named checks, printed as they pass; the first failure stops the run."""

    def __init__(self, suite):
        self.suite = suite
        self.count = 0

    @contextlib.contextmanager
    def case(self, name):
        start = time.monotonic()
        try:
            yield
        except Exception:
            print(f"[{self.suite}] FAIL {name}", flush=True)
            raise
        self.count += 1
        print(f"[{self.suite}] ok   {name} ({time.monotonic() - start:.1f} s)", flush=True)

    def summary(self):
        print(f"[{self.suite}] {self.count} cases passed", flush=True)


def temporary_folder():
    return tempfile.TemporaryDirectory(prefix="awscoro-cli-test-")
