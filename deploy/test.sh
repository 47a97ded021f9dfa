#!/usr/bin/env bash
# Runs every test against a real PostgreSQL. Without QTICKETS_TEST_POSTGRES it starts (or reuses) the
# private cluster of deploy/local-postgres.sh; each test class then creates a database of its own on it.
# Extra arguments go to `dotnet test` (e.g. --filter).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

command -v dotnet >/dev/null || { echo "[test] the .NET 10 SDK is required" >&2; exit 1; }

# Debian packages some tests drive, installed when missing (their own downloads are not reachable).
apt_install() {
  local apt_get="apt-get"
  if [ "$(id -u)" -ne 0 ]; then apt_get="sudo apt-get"; fi
  $apt_get install -y "$@" >/dev/null 2>&1 || { $apt_get update >/dev/null && $apt_get install -y "$@" >/dev/null; }
}

# The dashboard's browser test drives Debian's chromium (Playwright's own browser download is not reachable).
if [ ! -x "${QTICKETS_CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "[test] installing chromium for the browser test" >&2
  apt_install chromium
fi

# The metrics lint test runs promtool (Debian package prometheus); with CI=true it fails rather than skips without it.
if [ ! -x "${QTICKETS_PROMTOOL:-/usr/bin/promtool}" ]; then
  echo "[test] installing promtool (package prometheus) for the metrics lint test" >&2
  apt_install --no-install-recommends prometheus
fi

if [ -z "${QTICKETS_TEST_POSTGRES:-}" ]; then
  QTICKETS_PG_DATABASE=postgres deploy/local-postgres.sh >/dev/null
  QTICKETS_TEST_POSTGRES="Host=127.0.0.1;Port=${QTICKETS_PG_PORT:-55432};Username=postgres;Password=postgres;Database=postgres"
  export QTICKETS_TEST_POSTGRES
fi

dotnet test Qtickets.Sync.sln -c Release --logger "console;verbosity=normal" "$@"
