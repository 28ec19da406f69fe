"""The AWS CLI (v1) against sagemaker-local: a few operations end to end,
with --endpoint-url and --ca-bundle and no user configuration.

usage: conformance_cli.py PATH/TO/sagemaker-local
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from sagemaker_local import ROLE_ARN, Cases, isolated_aws_environment, running  # noqa: E402


def main(binary):
    aws = shutil.which("aws")
    if not aws:
        sys.exit("the AWS CLI (aws) is not on PATH")
    version = subprocess.run([aws, "--version"], capture_output=True, text=True).stdout.split()[0]
    cases = Cases(version)
    env = isolated_aws_environment(tempfile.mkdtemp(prefix="conformance-cli-"))

    with running(binary, "--create-delay-ms", "0") as server:
        def cli(*args, expect_ok=True):
            command = [aws, "sagemaker", *args, "--endpoint-url", server.url, "--ca-bundle", server.ca_bundle,
                       "--output", "json"]
            done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
            if expect_ok:
                assert done.returncode == 0, done.stderr
                return json.loads(done.stdout) if done.stdout.strip() else {}
            assert done.returncode != 0, done.stdout
            return done.stderr

        with cases.case("create-image"):
            out = cli("create-image", "--image-name", "cli-img", "--role-arn", ROLE_ARN)
            assert out["ImageArn"].endswith(":image/cli-img"), out

        with cases.case("describe-image"):
            out = cli("describe-image", "--image-name", "cli-img")
            assert out["ImageStatus"] == "CREATED" and out["ImageName"] == "cli-img", out

        with cases.case("create-image-version (the CLI fills ClientToken)"):
            out = cli("create-image-version", "--image-name", "cli-img", "--base-image",
                      "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:1", "--aliases", "v1", "latest")
            assert out["ImageVersionArn"].endswith(":image-version/cli-img/1"), out

        with cases.case("describe-image-version --alias"):
            out = cli("describe-image-version", "--image-name", "cli-img", "--alias", "latest")
            assert out["Version"] == 1 and out["ImageVersionStatus"] == "CREATED", out

        with cases.case("list-image-versions and list-aliases (CLI auto-pagination)"):
            assert len(cli("list-image-versions", "--image-name", "cli-img")["ImageVersions"]) == 1
            out = cli("list-aliases", "--image-name", "cli-img", "--page-size", "1")
            assert sorted(out["SageMakerImageVersionAliases"]) == ["latest", "v1"], out

        with cases.case("a missing image is reported as ResourceNotFound"):
            err = cli("describe-image", "--image-name", "nope", expect_ok=False)
            assert "ResourceNotFound" in err, err

        with cases.case("delete-image"):
            cli("delete-image", "--image-name", "cli-img")
            assert "ResourceNotFound" in cli("describe-image", "--image-name", "cli-img", expect_ok=False)

    cases.summary()


if __name__ == "__main__":
    main(sys.argv[1])
