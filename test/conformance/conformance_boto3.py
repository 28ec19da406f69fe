"""boto3 against sagemaker-local: every operation, the modeled errors as
boto3's own exception classes, paginators, idempotency, throttling retried by
botocore, injected 5xx retried, rejected signatures, --state across restarts.

usage: conformance_boto3.py PATH/TO/sagemaker-local
"""

import datetime
import os
import sys
import tempfile
import time
from unittest import mock

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from sagemaker_local import (ACCESS_KEY_ID, ROLE_ARN, SECRET_ACCESS_KEY, Cases, isolated_aws_environment,  # noqa: E402
                             running)

BASE_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag"


def main(binary):
    tmp = tempfile.mkdtemp(prefix="conformance-boto3-")
    os.environ.clear()
    os.environ.update(isolated_aws_environment(tmp))
    import boto3
    import botocore
    from botocore.config import Config
    from botocore.exceptions import ClientError

    cases = Cases("boto3 " + boto3.__version__)

    def client(server, secret=SECRET_ACCESS_KEY, access_key=ACCESS_KEY_ID, **config):
        return boto3.client(
            "sagemaker",
            endpoint_url=server.url,
            verify=server.ca_bundle,
            region_name="us-east-1",
            aws_access_key_id=access_key,
            aws_secret_access_key=secret,
            config=Config(**config),
        )

    def error_code(call):
        try:
            call()
        except ClientError as e:
            return e.response["Error"]["Code"]
        raise AssertionError("the call succeeded")

    def wait_for(describe, key, wanted, timeout=5.0):
        deadline = time.monotonic() + timeout
        while True:
            status = describe()[key]
            if status == wanted or time.monotonic() > deadline:
                return status
            time.sleep(0.02)

    with running(binary, "--create-delay-ms", "50", "--delete-delay-ms", "50", "--version-quota", "5",
                 "--fail-base-image-pattern", "broken") as server:
        sm = client(server)

        with cases.case("CreateImage returns the image ARN"):
            out = sm.create_image(ImageName="conf-img", RoleArn=ROLE_ARN, Description="boto3",
                                  Tags=[{"Key": "team", "Value": "ml"}])
            assert out["ImageArn"] == "arn:aws:sagemaker:us-east-1:123456789012:image/conf-img", out
            assert len(out["ResponseMetadata"]["RequestId"]) == 36

        with cases.case("DescribeImage: CREATING, then CREATED, timestamps as datetimes"):
            first = sm.describe_image(ImageName="conf-img")
            assert first["ImageStatus"] in ("CREATING", "CREATED")
            assert isinstance(first["CreationTime"], datetime.datetime)
            assert first["Description"] == "boto3"
            assert wait_for(lambda: sm.describe_image(ImageName="conf-img"), "ImageStatus", "CREATED") == "CREATED"

        with cases.case("image_created waiter"):
            sm.get_waiter("image_created").wait(ImageName="conf-img", WaiterConfig={"Delay": 1, "MaxAttempts": 5})

        with cases.case("CreateImage with a taken name raises ResourceInUse"):
            try:
                sm.create_image(ImageName="conf-img", RoleArn=ROLE_ARN)
                raise AssertionError("no error")
            except sm.exceptions.ResourceInUse as e:
                assert "already exists" in e.response["Error"]["Message"]

        with cases.case("CreateImageVersion with a token boto3 fills in"):
            out = sm.create_image_version(ImageName="conf-img", BaseImage=BASE_IMAGE, Aliases=["stable"],
                                          JobType="TRAINING", Processor="GPU", Horovod=False)
            assert out["ImageVersionArn"].endswith(":image-version/conf-img/1"), out

        with cases.case("ClientToken replay returns the same ARN and creates nothing"):
            before = server.stats()
            a = sm.create_image_version(ImageName="conf-img", BaseImage=BASE_IMAGE, ClientToken="boto3-token-1")
            b = sm.create_image_version(ImageName="conf-img", BaseImage=BASE_IMAGE, ClientToken="boto3-token-1")
            assert a["ImageVersionArn"] == b["ImageVersionArn"]
            after = server.stats()
            assert after["versions_created"] == before["versions_created"] + 1
            assert after["token_replays"] == before["token_replays"] + 1

        with cases.case("ClientToken reused with other parameters is a ValidationException"):
            assert error_code(lambda: sm.create_image_version(ImageName="conf-img", BaseImage=BASE_IMAGE + "x",
                                                              ClientToken="boto3-token-1")) == "ValidationException"

        with cases.case("image_version_created waiter, DescribeImageVersion by version, alias and latest"):
            sm.get_waiter("image_version_created").wait(ImageName="conf-img", Version=1,
                                                        WaiterConfig={"Delay": 1, "MaxAttempts": 5})
            v1 = sm.describe_image_version(ImageName="conf-img", Version=1)
            assert v1["ImageVersionStatus"] == "CREATED" and v1["JobType"] == "TRAINING" and v1["Horovod"] is False
            assert v1["ContainerImage"] == BASE_IMAGE
            assert sm.describe_image_version(ImageName="conf-img", Alias="stable")["Version"] == 1
            assert sm.describe_image_version(ImageName="conf-img")["Version"] == 2

        with cases.case("UpdateImageVersion moves an alias; ListAliases shows it"):
            out = sm.update_image_version(ImageName="conf-img", Version=2, AliasesToAdd=["candidate"],
                                          ReleaseNotes="rc")
            assert out["ImageVersionArn"].endswith("/conf-img/2")
            aliases = sm.list_aliases(ImageName="conf-img", Version=2)["SageMakerImageVersionAliases"]
            assert aliases == ["candidate"], aliases
            assert sm.describe_image_version(ImageName="conf-img", Version=2)["ReleaseNotes"] == "rc"

        with cases.case("paginators: ListImageVersions, ListAliases, ListImages"):
            for i in range(3):
                sm.create_image_version(ImageName="conf-img", BaseImage=BASE_IMAGE, Aliases=[f"a{i}"])
            pages = list(sm.get_paginator("list_image_versions").paginate(
                ImageName="conf-img", SortBy="VERSION", SortOrder="ASCENDING", PaginationConfig={"PageSize": 2}))
            assert len(pages) == 3, len(pages)
            versions = [v["Version"] for p in pages for v in p["ImageVersions"]]
            assert versions == [1, 2, 3, 4, 5], versions
            aliases = [a for p in sm.get_paginator("list_aliases").paginate(
                ImageName="conf-img", PaginationConfig={"PageSize": 2}) for a in p["SageMakerImageVersionAliases"]]
            assert sorted(aliases) == ["a0", "a1", "a2", "candidate", "stable"], aliases
            for i in range(4):
                sm.create_image(ImageName=f"conf-list-{i}", RoleArn=ROLE_ARN)
            names = [im["ImageName"] for p in sm.get_paginator("list_images").paginate(
                NameContains="conf-list", PaginationConfig={"PageSize": 3}) for im in p["Images"]]
            assert sorted(names) == [f"conf-list-{i}" for i in range(4)], names

        with cases.case("the version quota raises ResourceLimitExceeded"):
            try:
                sm.create_image_version(ImageName="conf-img", BaseImage=BASE_IMAGE)
                raise AssertionError("no error")
            except sm.exceptions.ResourceLimitExceeded:
                pass

        with cases.case("missing image, version and alias raise ResourceNotFound"):
            for call in (lambda: sm.describe_image(ImageName="nope"),
                         lambda: sm.create_image_version(ImageName="nope", BaseImage=BASE_IMAGE),
                         lambda: sm.describe_image_version(ImageName="conf-img", Version=99),
                         lambda: sm.describe_image_version(ImageName="conf-img", Alias="nope"),
                         lambda: sm.list_image_versions(ImageName="nope")):
                try:
                    call()
                    raise AssertionError("no error")
                except sm.exceptions.ResourceNotFound:
                    pass

        with cases.case("a model constraint broken is a ValidationException naming the member"):
            try:
                sm.describe_image(ImageName="-bad_name-")
                raise AssertionError("no error")
            except ClientError as e:
                assert e.response["Error"]["Code"] == "ValidationException"
                assert "ImageName" in e.response["Error"]["Message"]

        with cases.case("a base image matching the failure pattern ends CREATE_FAILED"):
            sm.create_image(ImageName="conf-failing", RoleArn=ROLE_ARN)
            sm.create_image_version(ImageName="conf-failing", BaseImage=BASE_IMAGE.replace("repo", "broken"))
            status = wait_for(lambda: sm.describe_image_version(ImageName="conf-failing"), "ImageVersionStatus",
                              "CREATE_FAILED")
            assert status == "CREATE_FAILED", status
            assert sm.describe_image_version(ImageName="conf-failing")["FailureReason"]

        with cases.case("DeleteImageVersion: DELETING, then gone"):
            sm.delete_image_version(ImageName="conf-img", Alias="a0")
            assert sm.describe_image_version(ImageName="conf-img", Version=3)["ImageVersionStatus"] == "DELETING"
            assert error_code(lambda: sm.delete_image_version(ImageName="conf-img", Version=3)) == "ResourceInUse"
            time.sleep(0.1)
            assert error_code(lambda: sm.describe_image_version(ImageName="conf-img", Version=3)) == "ResourceNotFound"

        with cases.case("DeleteImage removes the versions; new versions meanwhile are ResourceInUse"):
            sm.delete_image(ImageName="conf-img")
            assert sm.describe_image(ImageName="conf-img")["ImageStatus"] == "DELETING"
            assert error_code(lambda: sm.create_image_version(ImageName="conf-img", BaseImage=BASE_IMAGE)) == \
                "ResourceInUse"
            time.sleep(0.1)
            assert error_code(lambda: sm.describe_image(ImageName="conf-img")) == "ResourceNotFound"

        with cases.case("rejected signatures: wrong secret, unknown key, date 20 minutes off"):
            wrong = client(server, secret="not-the-secret", retries={"total_max_attempts": 1})
            assert error_code(lambda: wrong.list_images()) == "InvalidSignatureException"
            unknown = client(server, access_key="AKIDUNKNOWN", retries={"total_max_attempts": 1})
            assert error_code(lambda: unknown.list_images()) == "UnrecognizedClientException"
            skewed = datetime.datetime.utcnow() - datetime.timedelta(minutes=20)
            with mock.patch("botocore.auth.get_current_datetime", return_value=skewed):
                plain = client(server, retries={"total_max_attempts": 1})
                try:
                    plain.list_images()
                    raise AssertionError("no error")
                except ClientError as e:
                    assert e.response["Error"]["Code"] == "InvalidSignatureException"
                    assert "Signature expired" in e.response["Error"]["Message"]

        with cases.case("rejected signatures: tampered, and no Authorization header"):
            def tamper(request, **_):
                auth = request.headers["Authorization"]
                auth = auth.decode() if isinstance(auth, bytes) else auth
                request.headers["Authorization"] = auth[:-1] + ("0" if auth[-1] != "0" else "1")

            def strip(request, **_):
                del request.headers["Authorization"]

            for hook, expected in ((tamper, "InvalidSignatureException"),
                                   (strip, "MissingAuthenticationTokenException")):
                c = client(server, retries={"total_max_attempts": 1})
                c.meta.events.register("before-send.sagemaker.ListImages", hook)
                assert error_code(lambda: c.list_images()) == expected

        with cases.case("/__stats counts operations and rejections"):
            stats = server.stats()
            assert all(stats["requests"][op] > 0 for op in stats["requests"]), stats["requests"]
            assert stats["signatures_rejected"] >= 5, stats

    with running(binary, "--tps", "2", "--burst", "2") as limited:
        with cases.case("throttling: ThrottlingException retried by botocore until it succeeds"):
            sm = client(limited, retries={"total_max_attempts": 10, "mode": "standard"})
            retried = 0
            for _ in range(6):
                out = sm.list_images()
                retried += out["ResponseMetadata"]["RetryAttempts"]
            assert retried > 0 and limited.stats()["throttled"] > 0

        with cases.case("throttling: without retries the ThrottlingException surfaces"):
            once = client(limited, retries={"total_max_attempts": 1})
            codes = set()
            for _ in range(5):
                try:
                    once.list_images()
                except ClientError as e:
                    codes.add(e.response["Error"]["Code"])
                    assert e.response["Error"]["Message"] == "Rate exceeded"
            assert codes == {"ThrottlingException"}, codes

    with running(binary, "--fault-500", "0.1", "--fault-503", "0.1", "--seed", "7") as faulty:
        with cases.case("injected 500/503 are retried by botocore"):
            sm = client(faulty, retries={"total_max_attempts": 10, "mode": "standard"})
            for _ in range(12):
                sm.list_images()
            assert faulty.stats()["faults_injected"] > 0

    state_file = os.path.join(tmp, "state.json")
    with cases.case("--state: images survive a restart (saved on SIGTERM)"):
        with running(binary, "--state", state_file, "--create-delay-ms", "0") as first:
            c = client(first)
            c.create_image(ImageName="persisted", RoleArn=ROLE_ARN)
            c.create_image_version(ImageName="persisted", BaseImage=BASE_IMAGE, Aliases=["keep"])
            arn = c.describe_image_version(ImageName="persisted")["ImageVersionArn"]
            assert first.stop() == 0
        assert os.path.exists(state_file)
        with running(binary, "--state", state_file) as second:
            c = client(second)
            assert c.describe_image(ImageName="persisted")["ImageStatus"] == "CREATED"
            assert c.describe_image_version(ImageName="persisted", Alias="keep")["ImageVersionArn"] == arn

    cases.summary()


if __name__ == "__main__":
    main(sys.argv[1])
