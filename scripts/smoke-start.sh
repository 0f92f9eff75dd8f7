#!/usr/bin/env bash
# The README's front door as a new user meets it: a clean clone of HEAD with no ../shared
# beside it, an empty cache, and `npm ci && npm start` run literally, through npm. Waits for
# the printed URL, checks that it serves the VS Code workbench running Lifeline on the
# examples, stops it as Ctrl+C does, and checks that the clone is still clean.
#   bash scripts/smoke-start.sh
# Environment: LIFELINE_SMOKE_DIR  where to work (default: a new temporary folder; kept, and
#   its cache/ holds the prepared code-server afterwards, for reuse by `npm test`).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${LIFELINE_SMOKE_DIR:-$(mktemp -d /tmp/lifeline-smoke.XXXXXX)}
mkdir -p "$work"
clone=$work/lifeline
cache=$work/cache
rm -rf "$clone" "$cache"
mkdir -p "$cache"
log=$work/start.log
t0=$(date +%s)
say() { echo "[smoke $(($(date +%s) - t0))s] $*"; }

git clone -q --no-local "$repo" "$clone"
say "clean clone of $(git -C "$repo" rev-parse --short HEAD) in $clone (no ../shared beside it), empty cache $cache"

# Its own session and process group, so the Ctrl+C below reaches npm and everything under it.
XDG_CACHE_HOME=$cache setsid bash -c 'cd "$1" && npm ci --no-audit --no-fund && npm start' _ "$clone" >"$log" 2>&1 < /dev/null &
pgid=$!
stop() { kill -INT -- "-$pgid" 2>/dev/null || true; }
trap 'stop; sleep 1; kill -KILL -- "-$pgid" 2>/dev/null || true' EXIT

url=
deadline=$((t0 + ${LIFELINE_SMOKE_TIMEOUT:-1500}))
until url=$(grep -m1 -oE 'Open: +http://127\.0\.0\.1:[0-9]+/[^ ]*' "$log" | sed -E 's/^Open: +//') && [ -n "$url" ]; do
  if ! kill -0 "$pgid" 2>/dev/null; then say "npm ci && npm start exited before printing a URL:"; tail -40 "$log"; exit 1; fi
  if [ "$(date +%s)" -gt "$deadline" ]; then say "no URL after $((deadline - t0))s:"; tail -40 "$log"; exit 1; fi
  sleep 2
done
say "npm ci && npm start printed $url"
grep -E '^\[(code-server|prepare)\]|^added [0-9]+ packages' "$log" | sed 's/^/    /' || true

# What it serves: the workbench page, then the workbench in Chromium with Lifeline active.
# The page is read whole first: `curl | grep -q` fails under pipefail when grep stops reading early.
page=$(curl -fsS "$url") || { say "the URL does not answer"; exit 1; }
grep -q 'vs/code/browser/workbench/workbench' <<<"$page" || { say "the URL does not serve the VS Code workbench"; exit 1; }
node --import tsx "$repo/scripts/smoke-check.ts" "$url"
say "the workbench runs Lifeline on the examples"

trap - EXIT
stop
for _ in $(seq 1 100); do kill -0 -- "-$pgid" 2>/dev/null || break; sleep 0.1; done
if kill -0 -- "-$pgid" 2>/dev/null; then say "npm start did not stop within 10s of Ctrl+C"; kill -KILL -- "-$pgid"; exit 1; fi
grep -q 'stopping code-server' "$log" || { say "npm start did not stop code-server on Ctrl+C:"; tail -20 "$log"; exit 1; }
say "stopped cleanly"

status=$(git -C "$clone" status --porcelain)
if [ -n "$status" ]; then say "npm ci && npm start left the clone changed:"; echo "$status"; exit 1; fi
say "git status clean; front door passed in $(($(date +%s) - t0))s"
