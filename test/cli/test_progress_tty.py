"""The progress display as a person sees it: register runs in a tmux
pseudo-terminal (80x24) and the screen is read while it runs and after. On
a terminal the bar is one line redrawn in place (done/total, percent, ok,
failed, in flight, rate, throttled, ETA), then the summary follows."""

import os
import re
import shutil
import subprocess
import time

from cli_support import Cases, binaries, check, prepare_manifest, session

LINES = 2000
BAR = re.compile(r"^\[#*-*\] (?P<done>\d+)/2000 +(?P<percent>\d+)%  failed (?P<failed>\d+)  in flight (?P<in_flight>\d+)"
                 r"  (?P<rate>\d+)/s  throttled (?P<throttled>\d+)(  ETA (?P<eta>\S+))?\s*$")


def main():
    tool_binary, server_binary = binaries()
    cases = Cases("cli-progress-tty")
    socket_name = f"awscoro-cli-test-{os.getpid()}"
    tmux = ["tmux", "-L", socket_name, "-f", "/dev/null"]
    with session(tool_binary, server_binary, "--tps", "250", "--burst", "50") as (tmp, _, tool):
        manifest = prepare_manifest(tool, tmp, LINES, 4, prefix="tty")
        script = os.path.join(tmp, "run.sh")
        with open(script, "w") as f:
            env = " ".join(f"{k}='{v}'" for k, v in tool.env.items() if k.startswith("AWS_") or k == "HOME")
            f.write(f"export {env}\n{' '.join(tool.argv('register', '--manifest', manifest, '--max-rps', '250'))}\n"
                    "echo EXIT=$?\nsleep 120\n")

        def screen():
            return subprocess.run(tmux + ["capture-pane", "-p", "-t", "tty"], capture_output=True,
                                  text=True).stdout

        try:
            subprocess.run(tmux + ["new-session", "-d", "-s", "tty", "-x", "80", "-y", "24", "sh " + script],
                           check=True)
            with cases.case("while running: one bar line, redrawn in place, with every field"):
                seen = []
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline and len(seen) < 3:
                    lines = screen().splitlines()
                    bars = [line for line in lines if BAR.match(line)]
                    check(len(bars) <= 1, f"the bar scrolled: {bars}")
                    if bars and "EXIT=" not in "\n".join(lines):
                        m = BAR.match(bars[0])
                        done = int(m["done"])
                        if 0 < done < LINES:
                            seen.append(m)
                    time.sleep(0.3)
                check(len(seen) >= 2, "no running bar seen")
                check(int(seen[-1]["done"]) > int(seen[0]["done"]), "the bar did not advance")
                m = seen[-1]
                check(int(m["percent"]) == int(m["done"]) * 100 // LINES and int(m["rate"]) > 0, m.group(0))
                check(m["eta"] and m["eta"] != "-", f"no ETA: {m.group(0)}")
                check(len(m.group(0).rstrip()) < 80, "wider than the terminal")
                bar = m.group(0)[1:m.group(0).index("]")]
                check(len(bar) >= 5 and bar.count("#") == len(bar) * int(m["done"]) // LINES, m.group(0))

            with cases.case("at the end: the full bar, then the summary, exit 0"):
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline and "EXIT=" not in screen():
                    time.sleep(0.3)
                text = screen()
                check("EXIT=0" in text, text)
                lines = text.splitlines()
                finals = [line for line in lines if BAR.match(line)]
                check(len(finals) == 1 and "2000/2000 100%  failed 0" in finals[0] and "ETA" not in finals[0], text)
                check(finals[0].startswith("[" + "#" * 10), finals[0])
                check(any(re.match(r"^  succeeded +2000$", line) for line in lines), text)
                check("\x1b" not in text, "raw escape sequences on the screen")
        finally:
            subprocess.run(tmux + ["kill-server"], capture_output=True)
    cases.summary()


if __name__ == "__main__":
    check(shutil.which("tmux") is not None, "tmux is needed to read the screen")
    main()
