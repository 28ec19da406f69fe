"""register interrupted by SIGINT (calls in flight cancelled after a zero
grace period, some of them already processed by the server), then --resume:
no duplicates, nothing missing, every line once in the results file. Also
SIGTERM with the default grace period: in-flight calls finish, no line is
left cancelled."""

import collections
import json
import os
import re
import signal
import time

from cli_support import (Cases, binaries, check, count_versions, create_images, prepare_manifest, read_results,
                         session)

LINES = 1500
IMAGES = 3


def wait_for_progress(process, results, at_least, timeout=60):
    """Until the results file has `at_least` lines."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if os.path.exists(results) and sum(1 for _ in open(results)) >= at_least:
            return
        check(process.poll() is None, "the run ended before it could be interrupted")
        time.sleep(0.05)
    raise AssertionError("no progress")


def main():
    tool_binary, server_binary = binaries()
    cases = Cases("cli-register-resume")
    # Latency keeps calls in flight when the signal arrives.
    with session(tool_binary, server_binary, "--tps", "300", "--burst", "50", "--latency-ms", "20:120",
                 "--fault-503", "0.01") as (tmp, srv, tool):
        manifest = prepare_manifest(tool, tmp, LINES, IMAGES)
        results = os.path.join(tmp, "results.jsonl")

        with cases.case("SIGINT stops the run: exit 1, summary says interrupted, results flushed"):
            p = tool.popen("register", "--manifest", manifest, "--results", results, "--concurrency", "16",
                           "--grace-period", "0", "--progress", "none")
            wait_for_progress(p, results, 300)
            p.send_signal(signal.SIGINT)
            out, err = p.communicate(timeout=30)
            check(p.returncode == 1, f"exit {p.returncode}: {err[-2000:]}")
            check("interrupted" in out and "--resume" in out, out)
            check("stopping" in err, err[-500:])
            records = read_results(results)
            check(0 < len(records) < LINES, f"{len(records)} records")
            lines = collections.Counter(rec["line"] for rec in records)
            check(max(lines.values()) == 1, "a line recorded twice")
            not_started = int(re.search(r"not started +(\d+)", out).group(1))
            check(not_started > 0 and len(records) + not_started == LINES, out)

        with cases.case("calls in flight were cancelled, not reported as failed"):
            outcomes = collections.Counter(rec["outcome"] for rec in read_results(results))
            check(outcomes["cancelled"] > 0, outcomes)
            check(set(outcomes) <= {"succeeded", "cancelled"}, outcomes)
            created_so_far = srv.stats()["versions_created"]
            check(created_so_far >= outcomes["succeeded"], f"{created_so_far} vs {outcomes}")

        with cases.case("--resume completes the rest: exit 0, exactly 1,500 versions, no duplicates"):
            r = tool.run("register", "--manifest", manifest, "--results", results, "--resume", "--output", "json",
                         "--progress", "none", timeout=120)
            check(r.returncode == 0, f"exit {r.returncode}: {r.stderr[-2000:]}")
            summary = json.loads(r.stdout)
            check(summary["skipped"] > 0 and summary["skipped"] + summary["succeeded"] == LINES, summary)
            check(srv.stats()["versions_created"] == LINES, srv.stats())
            check(count_versions(tool, "img", IMAGES) == LINES, "listed versions differ")

        with cases.case("after --resume every line is in the results once, succeeded, ARNs distinct"):
            records = read_results(results)
            check(sorted(rec["line"] for rec in records) == list(range(1, LINES + 1)), "lines missing or twice")
            check(all(rec["outcome"] == "succeeded" for rec in records), "not all succeeded")
            check(len({rec["ImageVersionArn"] for rec in records}) == LINES, "duplicate ARNs")

        with cases.case("--resume re-sends a line whose content changed since it succeeded"):
            edited = os.path.join(tmp, "edited.jsonl")
            with open(manifest) as src, open(edited, "w") as dst:
                for number, line in enumerate(src, 1):
                    if number == 7:
                        doc = json.loads(line)
                        doc["ReleaseNotes"] = "changed"
                        line = json.dumps(doc) + "\n"
                    dst.write(line)
            r = tool.run("register", "--manifest", edited, "--results", results, "--resume", "--output", "json",
                         "--progress", "none")
            check(r.returncode == 0, r.stderr)
            summary = json.loads(r.stdout)
            check(summary["succeeded"] == 1 and summary["skipped"] == LINES - 1, summary)
            check(srv.stats()["versions_created"] == LINES + 1, srv.stats())

        srv.reset()
        with cases.case("SIGTERM with a grace period: calls in flight finish, none cancelled"):
            create_images(tool, "img", IMAGES)
            before = srv.stats()["versions_created"]  # counters survive a reset
            results2 = os.path.join(tmp, "results2.jsonl")
            p = tool.popen("register", "--manifest", manifest, "--results", results2, "--concurrency", "16",
                           "--progress", "none")
            wait_for_progress(p, results2, 200)
            p.send_signal(signal.SIGTERM)
            out, err = p.communicate(timeout=30)
            check(p.returncode == 1, f"exit {p.returncode}")
            outcomes = collections.Counter(rec["outcome"] for rec in read_results(results2))
            check(set(outcomes) == {"succeeded"}, outcomes)
            check(srv.stats()["versions_created"] - before == outcomes["succeeded"], (srv.stats(), outcomes))
    cases.summary()


if __name__ == "__main__":
    main()
