#!/usr/bin/env python3
"""Measures sagemaker-local's capacity on loopback with wrk: a keep-alive load
of one SigV4-signed DescribeImage request (signed by botocore, replayed within
the 5-minute validity window, so every request is fully verified), over plain
HTTP and over HTTPS, plus GET /__stats as the cheapest path.

usage: measure_capacity.py PATH/TO/sagemaker-local [--threads N] [--duration S] [--connections C]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "support"))
from sagemaker_local import ACCESS_KEY_ID, ROLE_ARN, SECRET_ACCESS_KEY, running  # noqa: E402


def signed_describe_image(url):
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    body = '{"ImageName":"bench-img"}'
    request = AWSRequest(method="POST", url=url + "/", data=body, headers={
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "SageMaker.DescribeImage",
    })
    SigV4Auth(Credentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY), "sagemaker", "us-east-1").add_auth(request)
    return body, dict(request.headers)


def wrk(url, script, args):
    command = ["wrk", f"-t{args.wrk_threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency"]
    if script:
        command += ["-s", script]
    out = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+(\S+)", out).group(1)
    p99 = re.search(r"99%\s+(\S+)", out).group(1)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p50, p99, int(non2xx.group(1)) if non2xx else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--threads", type=int, default=2, help="sagemaker-local I/O threads")
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--duration", type=int, default=10)
    args = parser.parse_args()

    import boto3
    from botocore.config import Config

    print(f"wrk -t{args.wrk_threads} -c{args.connections} -d{args.duration}s, "
          f"sagemaker-local --threads {args.threads}, {os.cpu_count()} CPUs")
    print(f"{'scheme':6} {'request':28} {'requests/s':>11} {'p50':>9} {'p99':>9} {'non-2xx':>8}")
    for scheme in ("http", "https"):
        extra = ["--http"] if scheme == "http" else []
        with running(args.binary, "--threads", str(args.threads), "--create-delay-ms", "0", *extra) as server:
            client = boto3.client("sagemaker", endpoint_url=server.url, verify=server.ca_bundle or True,
                                  region_name="us-east-1", aws_access_key_id=ACCESS_KEY_ID,
                                  aws_secret_access_key=SECRET_ACCESS_KEY, config=Config(retries={"total_max_attempts": 1}))
            client.create_image(ImageName="bench-img", RoleArn=ROLE_ARN)
            body, headers = signed_describe_image(server.url)
            with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
                lua.write('wrk.method = "POST"\n')
                lua.write(f"wrk.body = [[{body}]]\n")  # a Lua long string: no escaping
                for name, value in headers.items():
                    lua.write(f'wrk.headers["{name}"] = [[{value}]]\n')
            try:
                for label, path, script in (("GET /__stats", "/__stats", None),
                                            ("DescribeImage, SigV4", "/", lua.name)):
                    rps, p50, p99, non2xx = wrk(server.url + path, script, args)
                    print(f"{scheme:6} {label:28} {rps:11.0f} {p50:>9} {p99:>9} {non2xx:8d}", flush=True)
            finally:
                os.unlink(lua.name)


if __name__ == "__main__":
    main()
