"""register end to end: 5,000 lines against a throttling, faulty
sagemaker-local all succeed, the server holds exactly 5,000 versions, the
results file has every line once; running the same manifest again creates
nothing (deterministic ClientTokens)."""

import collections
import json
import os
import re

from cli_support import Cases, binaries, check, count_versions, prepare_manifest, read_results, session

LINES = 5000
IMAGES = 10


def main():
    tool_binary, server_binary = binaries()
    cases = Cases("cli-register-batch")
    with session(tool_binary, server_binary, "--tps", "400", "--burst", "50", "--fault-503", "0.01",
                 "--fault-reset-before", "0.005", "--fault-reset-after", "0.005", "--seed", "7") as (tmp, srv, tool):
        manifest = prepare_manifest(tool, tmp, LINES, IMAGES)
        results = os.path.join(tmp, "results.jsonl")

        with cases.case("5,000 lines under throttling and faults all succeed (exit 0)"):
            r = tool.run("register", "--manifest", manifest, "--results", results, "--concurrency", "32", "--max-rps", "500",
                         "--progress", "lines", timeout=240)
            print(r.stdout, end="")
            check(r.returncode == 0, f"exit {r.returncode}: {r.stderr[-2000:]}")

        with cases.case("the server holds exactly 5,000 versions, created once each"):
            stats = srv.stats()
            check(stats["versions_created"] == LINES, f"versions_created {stats['versions_created']}")
            check(count_versions(tool, "img", IMAGES) == LINES, "listed versions differ")

        with cases.case("the server did throttle and inject faults (the run was exercised)"):
            stats = srv.stats()
            check(stats["throttled"] > 0, f"throttled {stats['throttled']}")
            check(stats["faults_injected"] > 0, f"faults {stats['faults_injected']}")

        with cases.case("the results file has every line exactly once, succeeded, with its ARN"):
            records = read_results(results)
            lines = collections.Counter(rec["line"] for rec in records)
            check(sorted(lines) == list(range(1, LINES + 1)), "lines missing or extra")
            check(max(lines.values()) == 1, "a line is recorded twice")
            check(all(rec["outcome"] == "succeeded" for rec in records), "not all succeeded")
            arns = {rec["ImageVersionArn"] for rec in records}
            check(len(arns) == LINES, f"{len(arns)} distinct ARNs")
            check(all(rec["attempts"] >= 1 and rec["latency_ms"] > 0 for rec in records), "attempts/latency")

        with cases.case("the summary counts 5,000 succeeded with throughput, latency, retries and throttles"):
            check(re.search(r"^  succeeded +5000$", r.stdout, re.M), r.stdout)
            for word in ("throughput", "p50", "p99", "retries", "throttled"):
                check(word in r.stdout, f"{word} missing")

        with cases.case("progress lines when stderr is not a terminal"):
            progress = [line for line in r.stderr.splitlines() if line.startswith("register: ")]
            check(progress, f"no progress lines in {r.stderr[:500]!r}")
            check("\r" not in r.stderr and "\033[" not in r.stderr, "terminal escapes in a pipe")

        with cases.case("running the same manifest again creates no duplicate (same ClientTokens)"):
            again = os.path.join(tmp, "again.jsonl")
            r2 = tool.run("register", "--manifest", manifest, "--results", again, "--output", "json",
                          "--max-rps", "500", "--progress", "none", timeout=240)
            check(r2.returncode == 0, f"exit {r2.returncode}: {r2.stderr[-2000:]}")
            summary = json.loads(r2.stdout)
            check(summary["succeeded"] == LINES, summary)
            stats = srv.stats()
            check(stats["versions_created"] == LINES, f"versions_created {stats['versions_created']}")
            check(stats["token_replays"] >= LINES, f"token_replays {stats['token_replays']}")
            first = {rec["line"]: rec["ImageVersionArn"] for rec in read_results(results)}
            second = {rec["line"]: rec["ImageVersionArn"] for rec in read_results(again)}
            check(first == second, "a re-run returned other ARNs")
    cases.summary()


if __name__ == "__main__":
    main()
