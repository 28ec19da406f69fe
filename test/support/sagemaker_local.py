"""sagemaker-local for the Python tests and tools: started on a free port
(stopped with SIGTERM on exit), its /__stats counters, the example
credentials, an AWS environment that reads no user configuration, and named
checks. Used by test/conformance, test/cli and tools/sagemaker-local."""

import contextlib
import json
import os
import signal
import ssl
import subprocess
import time
import urllib.request

ACCESS_KEY_ID = "AKIDEXAMPLE"
SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
ROLE_ARN = "arn:aws:iam::123456789012:role/sagemaker-local"


class Server:
    def __init__(self, process, url, ca_bundle):
        self.process = process
        self.url = url
        self.ca_bundle = ca_bundle

    def _request(self, path, method="GET"):
        context = ssl.create_default_context(cafile=self.ca_bundle) if self.ca_bundle else None
        request = urllib.request.Request(self.url + path, method=method)
        with urllib.request.urlopen(request, timeout=10, context=context) as response:
            return json.load(response) if method == "GET" else None

    def stats(self):
        """The /__stats counters."""
        return self._request("/__stats")

    def reset(self):
        """POST /__reset: the images go, the counters stay."""
        self._request("/__reset", method="POST")

    def stop(self):
        """SIGTERM, as a user would (the server saves --state then); SIGKILL if it hangs."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


@contextlib.contextmanager
def running(binary, *args):
    """A sagemaker-local on a free port, with its printed URL and CA bundle."""
    process = subprocess.Popen([binary, "--port", "0", *args], stdout=subprocess.PIPE, text=True)
    server = None
    try:
        first = process.stdout.readline().split()
        if len(first) != 2 or first[0] != "listening":
            raise RuntimeError(f"sagemaker-local did not start: {first!r}")
        url = first[1]
        ca_bundle = None
        if url.startswith("https://") and "--tls-cert" not in args:
            second = process.stdout.readline().split()
            if len(second) != 2 or second[0] != "ca-bundle":
                raise RuntimeError(f"expected the ca-bundle line, got {second!r}")
            ca_bundle = second[1]
        server = Server(process, url, ca_bundle)
        yield server
    finally:
        if server:
            server.stop()
        elif process.poll() is None:
            process.kill()
            process.wait()


class Cases:
    """Counts named checks and reports them; a failing check stops the run."""

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
        print(f"[{self.suite}] ok   {name} ({time.monotonic() - start:.2f} s)", flush=True)

    def summary(self):
        print(f"[{self.suite}] {self.count} cases passed", flush=True)


def isolated_aws_environment(tmp, **extra):
    """Environment for the AWS CLI/SDKs that reads no user configuration, plus `extra`."""
    config = os.path.join(tmp, "empty-config")
    open(config, "w").close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        HOME=tmp,
        AWS_CONFIG_FILE=config,
        AWS_SHARED_CREDENTIALS_FILE=config,
        AWS_ACCESS_KEY_ID=ACCESS_KEY_ID,
        AWS_SECRET_ACCESS_KEY=SECRET_ACCESS_KEY,
        AWS_DEFAULT_REGION="us-east-1",
        AWS_EC2_METADATA_DISABLED="true",
    )
    env.update(extra)
    return env
