"""Bad manifest lines (invalid JSON, unknown members, wrong types, failed
validation) are reported with their line numbers in the results, on stderr
and in the summary, and do not stop the batch; --strict makes them fatal
before anything is sent. The same for CSV manifests."""

import json
import os
import re

from cli_support import Cases, binaries, check, create_images, read_results, session

BASE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/bad:v"


def good(i, **extra):
    return json.dumps({"ImageName": "bad-0", "BaseImage": f"{BASE}{i}", **extra})


JSONL = [
    good(1),                                                    # 1
    "",                                                         # 2 blank: skipped
    "# a comment",                                              # 3 skipped
    '{"ImageName": "bad-0",',                                   # 4 InvalidJson
    good(5, Aliases=["five"]),                                  # 5
    good(6, Colour="red"),                                      # 6 UnknownMember
    good(7, Horovod="yes"),                                     # 7 InvalidType
    json.dumps({"ImageName": "-bad_name-", "BaseImage": f"{BASE}8"}),  # 8 InvalidParameter
    json.dumps({"ImageName": "bad-0"}),                         # 9 InvalidParameter (BaseImage required)
    "[1, 2]",                                                   # 10 InvalidJson (not an object)
    good(11, Horovod=True, JobType="INFERENCE"),                # 11
    good(12, JobType="SOMETIMES"),                              # 12 InvalidParameter (enum)
]
EXPECTED_BAD = {4: "InvalidJson", 6: "UnknownMember", 7: "InvalidType", 8: "InvalidParameter",
                9: "InvalidParameter", 10: "InvalidJson", 12: "InvalidParameter"}

CSV = [
    "ImageName,BaseImage,Aliases,Horovod,ReleaseNotes",          # 1 header
    f"bad-1,{BASE}101,alpha;beta,true,\"notes, with a comma\"",  # 2
    f"bad-1,{BASE}102,,maybe,",                                  # 3 InvalidType
    f"bad-1,{BASE}103,,",                                        # 4 InvalidCsv (4 cells)
    "",                                                          # 5 blank
    f"bad-1,{BASE}106,,FALSE,\"say \"\"hi\"\"\"",                # 6
]


def main():
    tool_binary, server_binary = binaries()
    cases = Cases("cli-register-bad-lines")
    with session(tool_binary, server_binary) as (tmp, srv, tool):
        create_images(tool, "bad", 2)
        manifest = os.path.join(tmp, "manifest.jsonl")
        with open(manifest, "w") as f:
            f.write("\n".join(JSONL) + "\n")
        results = os.path.join(tmp, "results.jsonl")

        with cases.case("--strict: bad lines are fatal before anything is sent (exit 2)"):
            r = tool.run("register", "--manifest", manifest, "--results", results, "--strict")
            check(r.returncode == 2, f"exit {r.returncode}: {r.stderr}")
            check("manifest line 4: InvalidJson" in r.stderr, r.stderr)
            check(srv.stats()["versions_created"] == 0, "something was sent")

        with cases.case("without --strict the good lines go through and the run exits 1"):
            r = tool.run("register", "--manifest", manifest, "--results", results, "--progress", "none")
            check(r.returncode == 1, f"exit {r.returncode}: {r.stderr}")
            check(srv.stats()["versions_created"] == 3, srv.stats())

        with cases.case("the results name each bad line by its number and error code"):
            records = {rec["line"]: rec for rec in read_results(results)}
            check(sorted(records) == [1, 4, 5, 6, 7, 8, 9, 10, 11, 12], sorted(records))
            bad = {n: rec["error"]["code"] for n, rec in records.items() if rec["outcome"] == "invalid"}
            check(bad == EXPECTED_BAD, bad)
            check({n for n, rec in records.items() if rec["outcome"] == "succeeded"} == {1, 5, 11}, records)
            check("Colour" in records[6]["error"]["message"], records[6])
            check("ImageName" in records[8]["error"]["message"], records[8])
            check("BaseImage" in records[9]["error"]["message"], records[9])

        with cases.case("stderr lists the bad lines; the summary counts them by code"):
            for n, code in EXPECTED_BAD.items():
                check(f"manifest line {n}: {code}" in r.stderr, f"line {n} not reported: {r.stderr}")
            check(re.search(r"invalid manifest lines +7", r.stdout), r.stdout)
            check(re.search(r"InvalidParameter +3", r.stdout), r.stdout)

        csv_manifest = os.path.join(tmp, "manifest.csv")
        with open(csv_manifest, "w") as f:
            f.write("\n".join(CSV) + "\n")
        csv_results = os.path.join(tmp, "csv-results.jsonl")

        with cases.case("CSV: good rows registered with lists, booleans and quoted cells; bad rows by line"):
            r = tool.run("register", "--manifest", csv_manifest, "--results", csv_results, "--progress", "none")
            check(r.returncode == 1, f"exit {r.returncode}: {r.stderr}")
            records = {rec["line"]: rec for rec in read_results(csv_results)}
            check(sorted(records) == [2, 3, 4, 6], sorted(records))
            check(records[3]["error"]["code"] == "InvalidType" and records[4]["error"]["code"] == "InvalidCsv",
                  records)
            version = records[2]["ImageVersionArn"].rsplit("/", 1)[1]
            d = tool.run("describe-image-version", "--image-name", "bad-1", "--version-number", version)
            doc = json.loads(d.stdout)
            check(doc["Horovod"] is True and doc["ReleaseNotes"] == "notes, with a comma", doc)
            aliases = tool.run("describe-image-version", "--image-name", "bad-1", "--alias", "beta")
            check(aliases.returncode == 0 and json.loads(aliases.stdout)["Version"] == int(version), aliases.stdout)

        with cases.case("CSV: a header naming an unknown member is a usage error (exit 2)"):
            with open(csv_manifest, "w") as f:
                f.write("ImageName,BaseImage,Colour\n")
            r = tool.run("register", "--manifest", csv_manifest)
            check(r.returncode == 2 and "Colour" in r.stderr, f"exit {r.returncode}: {r.stderr}")

        with cases.case("a manifest that cannot be read is a usage error (exit 2)"):
            r = tool.run("register", "--manifest", os.path.join(tmp, "missing.jsonl"))
            check(r.returncode == 2, f"exit {r.returncode}")
    cases.summary()


if __name__ == "__main__":
    main()
