"""The single-call subcommands: AWS CLI flag syntax, output byte-identical
to the AWS CLI's in json, text and table, paging, --cli-input-json,
--profile, --debug without secrets, --no-verify-ssl, and exit codes 0
(success), 1 (service, transport, timeout error) and 2 (usage error)."""

import json
import os
import re
import shutil
import socket
import subprocess

from cli_support import ROLE_ARN, SECRET_ACCESS_KEY, Cases, binaries, check, environment, session

BASE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/cmd:v"


def aws(srv, env, *args):
    return subprocess.run(["aws", "sagemaker", "--endpoint-url", srv.url, "--ca-bundle", srv.ca_bundle, *args],
                          capture_output=True, text=True, timeout=60, env=env)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one_error_line(stderr):
    lines = [line for line in stderr.splitlines() if line.strip()]
    check(len(lines) == 1, f"expected one line, got {lines}")
    return lines[0]


def main():
    tool_binary, server_binary = binaries()
    cases = Cases("cli-commands")
    # Versions stay CREATING, so their timestamps are the server's exact
    # milliseconds (a settled LastModifiedTime is CreationTime + 0.1 s, a
    # 17-digit double that Boost 1.81's JSON parser may read 1 ulp off).
    with session(tool_binary, server_binary, "--create-delay-ms", "600000") as (tmp, srv, tool):

        with cases.case("create-image and create-image-version with AWS CLI flags: exit 0, ARNs printed"):
            r = tool.run("create-image", "--image-name", "cmd", "--role-arn", ROLE_ARN, "--tags",
                         "Key=team,Value=ml", "Key=env,Value=test")
            check(r.returncode == 0 and json.loads(r.stdout)["ImageArn"].endswith(":image/cmd"), r)
            r = tool.run("create-image-version", "--image-name", "cmd", "--base-image", BASE + "1", "--aliases",
                         "first", "stable", "--horovod", "--job-type", "TRAINING", "--processor", "GPU")
            check(r.returncode == 0, r.stderr)
            check(json.loads(r.stdout)["ImageVersionArn"].endswith(":image-version/cmd/1"), r.stdout)
            d = json.loads(tool.run("describe-image-version", "--image-name", "cmd", "--alias", "stable").stdout)
            check(d["Version"] == 1 and d["Horovod"] is True and d["Processor"] == "GPU", d)
            r = tool.run("create-image-version", "--image-name", "cmd", "--base-image", BASE + "2", "--no-horovod")
            d = json.loads(tool.run("describe-image-version", "--image-name", "cmd", "--version-number", "2").stdout)
            check(r.returncode == 0 and d["Horovod"] is False, d)

        with cases.case("--cli-input-json (inline and file://), options override its members"):
            doc = {"ImageName": "cmd", "BaseImage": BASE + "3", "ReleaseNotes": "from json"}
            path = os.path.join(tmp, "input.json")
            with open(path, "w") as f:
                json.dump(doc, f)
            r = tool.run("create-image-version", "--cli-input-json", "file://" + path, "--release-notes", "flag")
            check(r.returncode == 0, r.stderr)
            d = json.loads(tool.run("describe-image-version", "--image-name", "cmd", "--cli-input-json",
                                    '{"ImageName": "cmd", "Version": 3}').stdout)
            check(d["BaseImage"] == BASE + "3" and d["ReleaseNotes"] == "flag", d)
            r = tool.run("create-image-version", "--cli-input-json", '{"ImageName": "cmd", "Colour": 1}',
                         "--base-image", BASE + "x")
            check(r.returncode == 2 and "Colour" in r.stderr, r.stderr)

        for n in range(4, 26):
            tool.run("create-image-version", "--image-name", "cmd", "--base-image", BASE + str(n))

        with cases.case("output is byte-identical to the AWS CLI's in json, text and table"):
            env = environment(tmp)
            commands = [
                ["describe-image-version", "--image-name", "cmd", "--version-number", "1"],
                ["list-image-versions", "--image-name", "cmd", "--sort-order", "ASCENDING"],
                ["create-image-version", "--image-name", "cmd", "--base-image", BASE + "99", "--client-token",
                 "fixed-token-1"],
            ]
            compared = 0
            for fmt in ("json", "text", "table"):
                for command in commands:
                    theirs = aws(srv, env, *command, "--output", fmt)
                    ours = tool.run(*command, "--output", fmt)  # the same ClientToken: the same version
                    check(theirs.returncode == 0, theirs.stderr)
                    check(ours.stdout == theirs.stdout,
                          f"{fmt} {command[0]}: {ours.stderr}\n{ours.stdout}\n---\n{theirs.stdout}")
                    compared += 1
            check(compared == 9, compared)

        with cases.case("delete-image-version prints nothing, as the AWS CLI"):
            r = tool.run("delete-image-version", "--image-name", "cmd", "--version-number", "25")
            check(r.returncode == 0 and r.stdout == "", r)

        with cases.case("list-image-versions: all pages, --page-size, --max-items + --starting-token, --no-paginate"):
            def versions(*extra):
                r = tool.run("list-image-versions", "--image-name", "cmd", "--sort-order", "ASCENDING", *extra)
                check(r.returncode == 0, r.stderr)
                return json.loads(r.stdout)
            every = versions()
            total = len(every["ImageVersions"])  # 26 made; the deleted one may still be listed as DELETING
            check(total in (25, 26) and "NextToken" not in every, total)
            check(versions("--page-size", "3") == every, "page size")
            first = versions("--max-items", "7")
            check(len(first["ImageVersions"]) == 7 and first.get("NextToken"), first.keys())
            rest = versions("--starting-token", first["NextToken"])
            numbers = [v["Version"] for v in first["ImageVersions"] + rest["ImageVersions"]]
            check(numbers == [v["Version"] for v in every["ImageVersions"]], numbers)
            one = tool.run("--no-paginate", "list-image-versions", "--image-name", "cmd")
            page = json.loads(one.stdout)
            check(len(page["ImageVersions"]) == 10 and page.get("NextToken"), len(page["ImageVersions"]))

        with cases.case("a service error: exit 1, one stderr line with code, operation, message, request id"):
            r = tool.run("describe-image-version", "--image-name", "missing")
            check(r.returncode == 1 and r.stdout == "", r)
            line = one_error_line(r.stderr)
            check("(ResourceNotFound)" in line and "DescribeImageVersion" in line and "does not exist" in line, line)
            check(re.search(r"request id [0-9a-f-]{36}", line), line)

        with cases.case("usage errors exit 2, never 255"):
            usage = [
                [],
                ["no-such-command"],
                ["describe-image-version"],
                ["describe-image-version", "--image-name", "cmd", "--colour", "red"],
                ["describe-image-version", "--image-name", "cmd", "--version-number", "two"],
                ["describe-image-version", "--image-name", "cmd", "--output", "yaml"],
                ["create-image-version", "--image-name", "cmd", "--base-image", "b", "--horovod", "--no-horovod"],
                ["create-image-version", "--image-name", "-bad_name-", "--base-image", BASE + "1"],
                ["create-image-version", "--image-name", "cmd", "--base-image", BASE + "1", "--job-type", "SOMETIMES"],
                ["--cli-read-timeout", "soon", "describe-image-version", "--image-name", "cmd"],
                ["register"],
            ]
            for args in usage:
                r = tool.run(*args)
                check(r.returncode == 2, f"{args}: exit {r.returncode}: {r.stderr}")
                check(r.stderr.strip(), f"{args}: no message")
            check(tool.run("help").returncode == 0 and tool.run("register", "help").returncode == 0, "help")

        with cases.case("a transport error (nothing listening): exit 1, one line"):
            r = subprocess.run([tool_binary, "--endpoint-url", f"https://127.0.0.1:{free_port()}", "--ca-bundle",
                                srv.ca_bundle, "describe-image-version", "--image-name", "cmd"],
                               capture_output=True, text=True, timeout=60, env=dict(tool.env, AWS_MAX_ATTEMPTS="1"))
            check(r.returncode == 1, f"exit {r.returncode}: {r.stderr}")
            check("connect" in one_error_line(r.stderr).lower(), r.stderr)

        with cases.case("--debug logs each attempt and never the secret"):
            r = tool.run("--debug", "describe-image-version", "--image-name", "cmd", "--version-number", "1")
            check(r.returncode == 0, r.stderr)
            check(re.search(r"debug: DescribeImageVersion attempt 1/\d+ .*HTTP 200", r.stderr), r.stderr)
            check(SECRET_ACCESS_KEY not in r.stderr + r.stdout, "secret printed")

        with cases.case("--no-verify-ssl connects without the CA and warns loudly; without it TLS fails (exit 1)"):
            base = [tool_binary, "--endpoint-url", srv.url, "describe-image-version", "--image-name", "cmd"]
            r = subprocess.run(base + ["--no-verify-ssl"], capture_output=True, text=True, timeout=60, env=tool.env)
            check(r.returncode == 0 and "WARNING" in r.stderr and "NOT verified" in r.stderr, r.stderr)
            r = subprocess.run(base, capture_output=True, text=True, timeout=60,
                               env=dict(tool.env, AWS_MAX_ATTEMPTS="1"))
            check(r.returncode == 1 and "certificate" in r.stderr.lower(), r.stderr)

        with cases.case("--profile takes region and credentials from the shared files"):
            config = os.path.join(tmp, "config")
            credentials = os.path.join(tmp, "credentials")
            with open(config, "w") as f:
                f.write("[profile cli-test]\nregion = us-east-1\n")
            with open(credentials, "w") as f:
                f.write(f"[cli-test]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = {SECRET_ACCESS_KEY}\n")
            env = {k: v for k, v in tool.env.items() if k not in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                                                                  "AWS_REGION", "AWS_DEFAULT_REGION")}
            env.update(AWS_CONFIG_FILE=config, AWS_SHARED_CREDENTIALS_FILE=credentials)
            r = tool.run("--profile", "cli-test", "describe-image-version", "--image-name", "cmd", env=env)
            check(r.returncode == 0, r.stderr)
            r = tool.run("--profile", "nobody", "describe-image-version", "--image-name", "cmd", env=env)
            check(r.returncode == 2 and "nobody" in r.stderr, f"exit {r.returncode}: {r.stderr}")

    with session(tool_binary, server_binary, "--latency-ms", "3000") as (tmp, _, tool):
        with cases.case("--cli-read-timeout: a response later than N seconds fails with a timeout (exit 1)"):
            r = tool.run("--cli-read-timeout", "1", "describe-image-version", "--image-name", "cmd",
                         env=dict(tool.env, AWS_MAX_ATTEMPTS="1"))
            check(r.returncode == 1 and "did not arrive in time" in one_error_line(r.stderr), f"exit {r.returncode}: {r.stderr}")
    cases.summary()


if __name__ == "__main__":
    check(shutil.which("aws") is not None, "the AWS CLI (aws) is needed as the reference")
    main()
