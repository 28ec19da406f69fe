#!/usr/bin/env python3
"""awscoro and the AWS SDK for JavaScript v3, given the same inputs, leave the same state.

Starts two sagemaker-local servers, runs same_state_script.json against one
with awscoro (same-state-client) and against the other with the JavaScript SDK
(same_state.mjs), compares the per-step outcomes, then stops both servers
(they save --state) and compares the saved states, timestamps aside.
Usage: same_state.py SAGEMAKER_LOCAL SAME_STATE_CLIENT
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import sagemaker_local  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "same_state_script.json")
VOLATILE = {"CreationTime", "LastModifiedTime", "due"}


def normalized(value):
    """The state without times, which differ from run to run."""
    if isinstance(value, dict):
        return {k: normalized(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [normalized(v) for v in value]
    return value


def run(server_binary, command, state_file):
    args = ("--state", state_file, "--create-delay-ms", "0", "--delete-delay-ms", "0")
    with sagemaker_local.running(server_binary, *args) as server:
        out = subprocess.run(command + [SCRIPT, server.url, server.ca_bundle],
                             capture_output=True, text=True, timeout=120, cwd=HERE)
        if out.returncode != 0:
            sys.exit(f"{command[0]} failed:\n{out.stdout}{out.stderr}")
    with open(state_file) as f:
        return out.stdout.splitlines(), normalized(json.load(f))


def main():
    server_binary, client_binary = (os.path.abspath(p) for p in sys.argv[1:3])
    subprocess.run([os.path.join(HERE, "run_js.sh"), "--install-only"], check=True)
    with tempfile.TemporaryDirectory() as folder:
        ours, our_state = run(server_binary, [client_binary], os.path.join(folder, "awscoro.json"))
        theirs, their_state = run(server_binary, ["node", "same_state.mjs"], os.path.join(folder, "js.json"))
    steps = len(json.load(open(SCRIPT)))
    print("step outcomes (awscoro | JavaScript SDK):")
    for a, b in zip(ours, theirs):
        print(f"  {'same' if a == b else 'DIFF'}  {a:40} | {b}")
    failures = []
    if len(ours) != steps or len(theirs) != steps:
        failures.append(f"expected {steps} outcomes, got {len(ours)} and {len(theirs)}")
    if ours != theirs:
        failures.append("the step outcomes differ")
    if not our_state.get("images"):
        failures.append("the state is empty: nothing was compared")
    if our_state != their_state:
        failures.append("the saved states differ:\n" + json.dumps(our_state, indent=1) + "\n---\n" +
                        json.dumps(their_state, indent=1))
    for f in failures:
        print("FAIL", f)
    print(f"{steps} steps compared, states {'equal' if our_state == their_state else 'different'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
