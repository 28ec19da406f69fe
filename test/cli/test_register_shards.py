"""Sharding: three processes run shards 0/3, 1/3 and 2/3 of one manifest at
the same time (one through --shard, two through --shard-count with the
Kubernetes and AWS Batch index variables); together they equal the whole,
with no line twice, and --create-missing-images creates each image once
even though every shard asks for all of them."""

import collections
import os

from cli_support import ROLE_ARN, Cases, binaries, check, count_versions, prepare_manifest, read_results, session

LINES = 900
IMAGES = 4


def main():
    tool_binary, server_binary = binaries()
    cases = Cases("cli-register-shards")
    with session(tool_binary, server_binary, "--tps", "300", "--burst", "50") as (tmp, srv, tool):
        # No images yet: --create-missing-images makes them.
        manifest = prepare_manifest(tool, tmp, LINES, IMAGES, prefix="shard", create=False)
        results = [os.path.join(tmp, f"results-{i}.jsonl") for i in range(3)]
        # Each shard gets a third of the server's 300 requests per second.
        common = ["register", "--manifest", manifest, "--create-missing-images", "--role-arn", ROLE_ARN,
                  "--max-rps", "100", "--progress", "none"]

        with cases.case("three shards run at once, each exits 0"):
            processes = [
                tool.popen(*common, "--results", results[0], "--shard", "0/3"),
                tool.popen(*common, "--results", results[1], "--shard-count", "3",
                           env=dict(tool.env, JOB_COMPLETION_INDEX="1")),
                tool.popen(*common, "--results", results[2], "--shard-count", "3",
                           env=dict(tool.env, AWS_BATCH_JOB_ARRAY_INDEX="2")),
            ]
            for p in processes:
                out, err = p.communicate(timeout=120)
                check(p.returncode == 0, f"exit {p.returncode}: {err[-2000:]}")

        with cases.case("each shard took the lines at its positions modulo 3"):
            for index, path in enumerate(results):
                lines = [rec["line"] for rec in read_results(path)]
                check(sorted(lines) == list(range(index + 1, LINES + 1, 3)), f"shard {index}: wrong lines")

        with cases.case("the shards together equal the whole manifest, no line twice"):
            every = collections.Counter(rec["line"] for path in results for rec in read_results(path))
            check(sorted(every) == list(range(1, LINES + 1)) and max(every.values()) == 1, "not a partition")
            check(all(rec["outcome"] == "succeeded" for path in results for rec in read_results(path)), "failures")

        with cases.case("the server holds exactly the manifest's versions and each image once"):
            stats = srv.stats()
            check(stats["versions_created"] == LINES, stats)
            check(stats["images_created"] == IMAGES, stats)
            check(count_versions(tool, "shard", IMAGES) == LINES, "listed versions differ")

        with cases.case("a shard index out of range is a usage error (exit 2)"):
            r = tool.run(*common, "--shard", "3/3")
            check(r.returncode == 2, f"exit {r.returncode}")
            r = tool.run(*common, "--shard-count", "3", env=dict(tool.env, JOB_COMPLETION_INDEX="5"))
            check(r.returncode == 2 and "JOB_COMPLETION_INDEX" in r.stderr, r.stderr)
            r = tool.run(*common, "--shard-count", "3")
            check(r.returncode == 2 and "AWS_BATCH_JOB_ARRAY_INDEX" in r.stderr, r.stderr)
    cases.summary()


if __name__ == "__main__":
    main()
