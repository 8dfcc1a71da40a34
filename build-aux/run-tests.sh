#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The README's second command: set up, build and run the whole test suite headless —
# under Xvfb with a private D-Bus session and the cairo renderer, with HOME and the XDG
# folders in a temporary directory so that no test touches the user's files.
# Ends with one line: "N passed, N failed" (", N skipped" when some were skipped).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(bash "$top/build-aux/setup-build.sh") || { echo "0 passed, 1 failed"; exit 1; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/archplan-tests.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch"/{home,data,config,cache,runtime}
chmod 700 "$scratch/runtime"
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config"
export XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/runtime"
export GSK_RENDERER=cairo NO_AT_BRIDGE=1
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS

rm -f "$build/meson-logs/testlog.json"
xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp" \
  dbus-run-session -- \
  meson test -C "$build" --print-errorlogs --num-processes 2 "$@"
status=$?

python3 - "$build/meson-logs/testlog.json" <<'PY'
import json, sys
counts = {"passed": 0, "failed": 0, "skipped": 0}
try:
    with open(sys.argv[1]) as log:
        for line in log:
            result = json.loads(line).get("result")
            if result in ("OK", "EXPECTEDFAIL"):
                counts["passed"] += 1
            elif result == "SKIP":
                counts["skipped"] += 1
            else:
                counts["failed"] += 1
except FileNotFoundError:
    counts["failed"] += 1
line = f"{counts['passed']} passed, {counts['failed']} failed"
if counts["skipped"]:
    line += f", {counts['skipped']} skipped"
print(line)
PY
exit $status
