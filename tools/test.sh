#!/usr/bin/env bash
# Install everything the tests need, then run pytest:
#   Debian: Chromium (browser tests), Java + jing + xmllint (HTML, Atom and sitemap validators);
#   npm: axe-core, vnu-jar, linkinator (pinned in package.json / package-lock.json);
#   a venv with the package and its test extras.
# Usage: bash tools/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium chromium-driver)
command -v java >/dev/null 2>&1 || packages+=(openjdk-17-jre-headless)
command -v jing >/dev/null 2>&1 || packages+=(jing)
command -v xmllint >/dev/null 2>&1 || packages+=(libxml2-utils)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
if ((${#packages[@]})); then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
fi

npm ci --no-audit --no-fund --ignore-scripts --loglevel=error

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
exec .venv/bin/python -m pytest "$@"
