#!/usr/bin/env bash
# Runs every test against a real PostgreSQL. Without QTICKETS_TEST_POSTGRES it starts (or reuses) the
# private cluster of deploy/local-postgres.sh, and stops it at the end if it started it; each test class then
# creates a database of its own on it.
# Extra arguments go to `dotnet test` (e.g. --filter).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

command -v dotnet >/dev/null || { echo "[test] the .NET 10 SDK is required" >&2; exit 1; }

# The dashboard's browser test drives Debian's chromium (Playwright's own browser download is not reachable).
if [ ! -x "${QTICKETS_CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "[test] installing chromium for the browser test" >&2
  if [ "$(id -u)" -eq 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get install -y chromium >/dev/null 2>&1 || { $apt_get update >/dev/null && $apt_get install -y chromium >/dev/null; }
fi

if [ -z "${QTICKETS_TEST_POSTGRES:-}" ]; then
  # A cluster this run starts is stopped when it ends, however it ends; one that was already running (a developer's,
  # another run's) is left alone.
  if ! (exec 3<>"/dev/tcp/127.0.0.1/${QTICKETS_PG_PORT:-55432}") 2>/dev/null; then
    trap 'deploy/local-postgres.sh stop' EXIT
  fi
  QTICKETS_PG_DATABASE=postgres deploy/local-postgres.sh >/dev/null
  QTICKETS_TEST_POSTGRES="Host=127.0.0.1;Port=${QTICKETS_PG_PORT:-55432};Username=postgres;Password=postgres;Database=postgres"
  export QTICKETS_TEST_POSTGRES
fi

dotnet test Qtickets.Sync.sln -c Release --logger "console;verbosity=normal" "$@"
