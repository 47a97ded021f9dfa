#!/usr/bin/env bash
# Runs Qtickets.Sync on this machine.
#
# - No ConnectionStrings__Postgres set: starts (or reuses) the private PostgreSQL cluster of
#   deploy/local-postgres.sh and uses it.
# - No Qtickets__Token set (demo mode): starts the bundled QTickets emulator (QTICKETS_EMULATOR_URL, default
#   http://127.0.0.1:5081) with gentle live activity and points the service at it, so data flows in at once (its
#   webhooks are signed with Qtickets__WebhookSecrets__0). It serves listings the way production does
#   ("captured": query filters ignored, 50 a page, oldest first); QTICKETS_EMULATOR_BEHAVIOUR=documented|ignore-all
#   changes that. Unless set, it invents a random admin key (Auth__ApiKeys__0__Key) and a random password for the
#   dashboard's Basic login (Dashboard__Username=demo, Dashboard__Password) for this run.
#   With a real token the emulator stays off and nothing is invented; the service then refuses to start
#   without Qtickets__WebhookSecrets__0 (or Webhooks__AllowUnsigned=true).
# - Demo mode without a Ticketscloud account (no Accounts__<n>__Platform=ticketscloud): also starts the bundled
#   Ticketscloud emulator (TICKETSCLOUD_EMULATOR_URL, default http://127.0.0.1:5082) with live activity and adds
#   it as the account "tc-demo", so the demo shows both sources at once.
# - Listens on ASPNETCORE_URLS (default http://127.0.0.1:5080). Extra arguments go to the service.
# - Once /health/live answers, the last lines printed are the addresses, the login and the API key. A start that
#   cannot succeed (a port in use, no database, a bad setting) ends in one line and a non-zero exit code.
#   In demo mode the emulators' request lines and the service's line per stored webhook are off;
#   QTICKETS_EMULATOR_LOG_REQUESTS=true turns the former on, --Logging:LogLevel:Qtickets.Sync.Api.Endpoints.Webhooks=Information
#   the latter.
# Ctrl-C stops the service and the emulators; the database keeps running for the next start.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
log() { echo "[run] $*" >&2; }
fail() { log "$*"; exit 1; }

command -v dotnet >/dev/null || fail "the .NET 10 SDK is required (https://dot.net)"

export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
service_url="${ASPNETCORE_URLS%%;*}"
# A service listening on every interface is reached through the loopback.
service_url="$(echo "$service_url" | sed -E 's#//(\*|\+|0\.0\.0\.0|\[::\])(:|/|$)#//127.0.0.1\2#')"

# host and port of an http(s) URL, space-separated.
host_port() {
  local rest="${1#*://}"; rest="${rest%%/*}"
  local scheme="${1%%://*}" host="${rest%:*}" port="${rest##*:}"
  if [ "$host" = "$rest" ]; then port=$([ "$scheme" = https ] && echo 443 || echo 80); fi
  case "$host" in localhost | '*' | + | 0.0.0.0 | '[::]') host=127.0.0.1 ;; esac
  echo "$host $port"
}
port_taken() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
# Fails in one line, before anything is built or started, when a port this run needs is taken.
require_free() {
  local variable="$1" url="$2" host port
  read -r host port <<<"$(host_port "$url")"
  if port_taken "$host" "$port"; then
    fail "port $port on $host is in use ($variable=$url; is run.sh already running?): stop the other program or set $variable to a free port"
  fi
}

demo=
if [ -z "${Qtickets__Token:-}" ]; then
  demo=1
  emulator_url="${QTICKETS_EMULATOR_URL:-http://127.0.0.1:5081}"
  if ! env | grep -q '^Accounts__[0-9]*__Platform=ticketscloud$'; then
    tc_url="${TICKETSCLOUD_EMULATOR_URL:-http://127.0.0.1:5082}"
  fi
fi
require_free ASPNETCORE_URLS "$service_url"
if [ -n "$demo" ]; then
  require_free QTICKETS_EMULATOR_URL "$emulator_url"
  if [ -n "${tc_url:-}" ]; then require_free TICKETSCLOUD_EMULATOR_URL "$tc_url"; fi
fi

if [ -z "${ConnectionStrings__Postgres:-}" ]; then
  ConnectionStrings__Postgres="$(deploy/local-postgres.sh)"
  export ConnectionStrings__Postgres
fi

# A successful build says nothing; a failed one shows its errors.
build_output="$(mktemp)"
if ! dotnet build Qtickets.Sync.sln -c Release -v quiet -nologo >"$build_output" 2>&1; then
  grep -E ': (error|warning) ' "$build_output" | sort -u >&2 || cat "$build_output" >&2
  rm -f "$build_output"
  fail "the build failed (errors above)"
fi
rm -f "$build_output"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

invented_key= invented_password=
service_args=()
if [ -n "$demo" ]; then
  secret="${Qtickets__WebhookSecrets__0:-emulator-webhook-secret}"
  # The emulators' log lines on one line each; their request lines only when asked for.
  emulator_logging=(--Emulator:LogRequests="${QTICKETS_EMULATOR_LOG_REQUESTS:-false}"
    --Logging:Console:FormatterName=simple --Logging:Console:FormatterOptions:SingleLine=true)
  # The emulator sends a webhook a second; each stored one would be a line. Refused ones (Warning) still show.
  service_args+=(--Logging:LogLevel:Qtickets.Sync.Api.Endpoints.Webhooks=Warning)
  log "demo mode (no Qtickets__Token): QTickets emulator on $emulator_url"
  dotnet tests/Qtickets.Emulator/bin/Release/net10.0/Qtickets.Emulator.dll \
    --urls "$emulator_url" \
    "${emulator_logging[@]}" \
    --Emulator:Orders="${QTICKETS_EMULATOR_ORDERS:-2000}" \
    --Emulator:ActivityPerSecond="${QTICKETS_EMULATOR_ACTIVITY:-1}" \
    --Emulator:ServerBehaviour="${QTICKETS_EMULATOR_BEHAVIOUR:-captured}" \
    --Emulator:WebhookUrl="$service_url/webhooks/qtickets" \
    --Emulator:WebhookSecret="$secret" &
  pids+=($!)
  export Qtickets__BaseUrl="$emulator_url/api/rest/v1/"
  export Qtickets__Token="emulator-token"
  export Qtickets__WebhookSecrets__0="$secret"
  # A demo needs a key and a login to look at anything: fresh random ones, never well-known ones. With a real
  # token nothing is invented: configure Auth__ApiKeys__0__Key and Dashboard__* yourself.
  if [ -z "${Auth__ApiKeys__0__Key:-}" ]; then
    invented_key="demo-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
    export Auth__ApiKeys__0__Key="$invented_key" Auth__ApiKeys__0__Scopes="admin"
  fi
  export Dashboard__Username="${Dashboard__Username:-demo}"
  if [ -z "${Dashboard__Password:-}" ]; then
    invented_password="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    export Dashboard__Password="$invented_password"
  fi

  if [ -n "${tc_url:-}" ]; then
    log "demo mode (no Ticketscloud account): Ticketscloud emulator on $tc_url as account tc-demo"
    dotnet tests/Ticketscloud.Emulator/bin/Release/net10.0/Ticketscloud.Emulator.dll \
      --urls "$tc_url" \
      "${emulator_logging[@]}" \
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

# Arguments given to run.sh come last, so they win over the demo's.
dotnet "$repo/src/Api/bin/Release/net10.0/Qtickets.Sync.Api.dll" --contentRoot "$repo/src/Api" "${service_args[@]}" "$@" &
service_pid=$!
pids+=("$service_pid")

live() {
  if command -v curl >/dev/null; then
    curl -fsk -o /dev/null --max-time 2 "$service_url/health/live"
  else
    local host port status
    read -r host port <<<"$(host_port "$service_url")"
    status="$( (exec 3<>"/dev/tcp/$host/$port" && printf 'GET /health/live HTTP/1.0\r\nHost: %s\r\n\r\n' "$host" >&3 \
      && head -n 1 <&3) 2>/dev/null || true)"
    [[ "$status" == *" 200"* ]]
  fi
}
# Waits for the service to answer, or to give up: then its one-line reason is above and its exit code is ours.
until live; do
  if ! kill -0 "$service_pid" 2>/dev/null; then
    status=0; wait "$service_pid" || status=$?
    exit "$status"
  fi
  sleep 0.5
done

{
  echo "[run] ready: Qtickets.Sync on $service_url"
  echo "[run]   dashboard  $service_url/dashboard"
  echo "[run]   swagger    $service_url/swagger"
  echo "[run]   hangfire   $service_url/hangfire"
  echo "[run]   API        $service_url/api/v1 (try $service_url/api/v1/sync/status)"
  if [ -n "${Dashboard__Username:-}" ]; then
    echo "[run]   login      ${Dashboard__Username} / ${invented_password:-(your Dashboard__Password)}"
  fi
  if [ -n "${Auth__ApiKeys__0__Key:-}" ]; then
    echo "[run]   API key    X-Api-Key: ${invented_key:-(your Auth__ApiKeys__0__Key)}"
  fi
} >&2
wait "$service_pid"
