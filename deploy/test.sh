#!/usr/bin/env bash
# Runs every test against a real PostgreSQL. Without QTICKETS_TEST_POSTGRES it starts (or reuses) the
# private cluster of deploy/local-postgres.sh, and stops it at the end if it started it; each test class then
# creates a database of its own on it.
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

# The checked-in OpenAPI document (kept equal to the served one by OpenApiDocumentTests) must pass Redocly's lint
# (recommended rules, as redocly.yaml adjusts them): clients are generated from it. Errors fail the run; the
# version is pinned so a new rule cannot fail a commit that did not change the API.
redocly_version=2.77.0
if ! command -v node >/dev/null; then
  echo "[test] installing Node.js for the OpenAPI lint" >&2
  apt_install nodejs
fi
# NodeSource's nodejs brings npm and conflicts with Debian's npm package; Debian's nodejs needs it separately.
command -v npx >/dev/null || apt_install npm
node -e 'const [major, minor] = process.versions.node.split(".").map(Number);
  process.exit(major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19) ? 0 : 1)' || {
  echo "[test] Redocly CLI $redocly_version needs Node.js 20.19+ or 22.12+; this is $(node --version)" >&2
  exit 1
}
echo "[test] linting docs/openapi.v1.json with Redocly CLI $redocly_version" >&2
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  npx --yes "@redocly/cli@$redocly_version" lint --format=stylish docs/openapi.v1.json

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
