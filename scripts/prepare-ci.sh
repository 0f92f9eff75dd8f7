#!/usr/bin/env bash
# Prerequisites of the suites that drive real editors, installed before `npm test` so their
# install time does not count against the test run. Idempotent: quick when all is present.
#   - chromium:    the e2e tests drive VS Code (code-server) in Debian's Chromium
#   - libkrb5-dev: code-server's kerberos module builds against it
#   - neovim:      the language server's second-editor test
#   - plantuml:    `plantuml -syntax` checks every PlantUML export of the bridge tests (never skipped)
#   - Node 24 + code-server 4.139.1 in the per-user cache (scripts/code-server.ts)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium libkrb5-dev neovim plantuml)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if ((${#missing[@]})); then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "prepare-ci: missing ${missing[*]}; install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "prepare-ci: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi

node --import tsx scripts/prepare-code-server.ts
