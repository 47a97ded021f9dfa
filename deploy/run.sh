#!/usr/bin/env bash
# Runs Qtickets.Sync on this machine.
#
# - No ConnectionStrings__Postgres set: starts (or reuses) the private PostgreSQL cluster of
#   deploy/local-postgres.sh and uses it.
# - No Qtickets__Token set: starts the bundled QTickets emulator with gentle live activity and points the
#   service at it, so data flows in at once (its webhooks are signed with Qtickets__WebhookSecrets__0). It
#   serves listings the way production does ("captured": query filters ignored, 50 a page, oldest first);
#   QTICKETS_EMULATOR_BEHAVIOUR=documented|ignore-all changes that. Unless Auth__ApiKeys__0__Key is set, it
#   invents a random admin key for this run and prints it.
#   With a real token the emulator stays off and no key is invented; the service then refuses to start
#   without Qtickets__WebhookSecrets__0 (or Webhooks__AllowUnsigned=true).
# - No Ticketscloud account configured (no Accounts__<n>__Platform=ticketscloud) and no Qtickets__Token: also
#   starts the bundled Ticketscloud emulator (TICKETSCLOUD_EMULATOR_URL, default http://127.0.0.1:5082) with
#   live activity and adds it as the account "tc-demo", so the demo shows both sources at once.
# - Listens on ASPNETCORE_URLS (default http://127.0.0.1:5080). Extra arguments go to the service.
# Ctrl-C stops the service and the emulator; the database keeps running for the next start.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
log() { echo "[run] $*" >&2; }

command -v dotnet >/dev/null || { log "the .NET 10 SDK is required (https://dot.net)"; exit 1; }

if [ -z "${ConnectionStrings__Postgres:-}" ]; then
  ConnectionStrings__Postgres="$(deploy/local-postgres.sh)"
  export ConnectionStrings__Postgres
fi
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
service_url="${ASPNETCORE_URLS%%;*}"

dotnet build Qtickets.Sync.sln -c Release -v quiet -nologo >&2

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

if [ -z "${Qtickets__Token:-}" ]; then
  emulator_url="${QTICKETS_EMULATOR_URL:-http://127.0.0.1:5081}"
  secret="${Qtickets__WebhookSecrets__0:-emulator-webhook-secret}"
  log "no Qtickets__Token: starting the QTickets emulator on $emulator_url"
  dotnet tests/Qtickets.Emulator/bin/Release/net10.0/Qtickets.Emulator.dll \
    --urls "$emulator_url" \
    --Emulator:Orders="${QTICKETS_EMULATOR_ORDERS:-2000}" \
    --Emulator:ActivityPerSecond="${QTICKETS_EMULATOR_ACTIVITY:-1}" \
    --Emulator:ServerBehaviour="${QTICKETS_EMULATOR_BEHAVIOUR:-captured}" \
    --Emulator:WebhookUrl="$service_url/webhooks/qtickets" \
    --Emulator:WebhookSecret="$secret" &
  pids+=($!)
  qtickets_emulated=1
  export Qtickets__BaseUrl="$emulator_url/api/rest/v1/"
  export Qtickets__Token="emulator-token"
  export Qtickets__WebhookSecrets__0="$secret"
  # A demo against the emulator needs a key to look at anything; a fresh random one, never a well-known one.
  # With a real token no key is invented: configure Auth__ApiKeys__0__Key yourself.
  if [ -z "${Auth__ApiKeys__0__Key:-}" ]; then
    Auth__ApiKeys__0__Key="demo-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
    export Auth__ApiKeys__0__Key
    export Auth__ApiKeys__0__Scopes="admin"
    log "no API key configured: this emulator run's admin key is  X-Api-Key: $Auth__ApiKeys__0__Key"
  fi
fi

if [ -n "${qtickets_emulated:-}" ]; then
  if ! env | grep -q '^Accounts__[0-9]*__Platform=ticketscloud$'; then
    tc_url="${TICKETSCLOUD_EMULATOR_URL:-http://127.0.0.1:5082}"
    log "no Ticketscloud account: starting the Ticketscloud emulator on $tc_url as account tc-demo"
    dotnet tests/Ticketscloud.Emulator/bin/Release/net10.0/Ticketscloud.Emulator.dll \
      --urls "$tc_url" \
      --Ticketscloud:Organizers:0:Token=tc-demo-token \
      --Ticketscloud:Organizers:0:Name="Демо-организатор" \
      --Ticketscloud:Organizers:0:Orders="${TICKETSCLOUD_EMULATOR_ORDERS:-1500}" \
      --Ticketscloud:ActivityPerSecond="${TICKETSCLOUD_EMULATOR_ACTIVITY:-0.5}" &
    pids+=($!)
    # The QTickets emulator stays the account "default" (Qtickets__* settings beside the list keep it).
    n=0; while env | grep -q "^Accounts__${n}__"; do n=$((n + 1)); done
    export "Accounts__${n}__Name=tc-demo" "Accounts__${n}__Platform=ticketscloud" \
      "Accounts__${n}__BaseUrl=$tc_url/" "Accounts__${n}__Token=tc-demo-token"
  fi
fi

log "service on $service_url — Swagger $service_url/swagger, jobs $service_url/hangfire, health $service_url/health/ready"
dotnet "$repo/src/Api/bin/Release/net10.0/Qtickets.Sync.Api.dll" --contentRoot "$repo/src/Api" "$@" &
pids+=($!)
wait "${pids[-1]}"
