-- wrk script: posts signed QTickets webhooks read from $BENCH_PAYLOADS (lines "signature<TAB>body", written by
-- Qtickets.Sync.Bench.Load payloads). Each thread reads its own slice of the file, so no two requests carry
-- the same order version; the summary is printed as one JSON line prefixed BENCHJSON.
local path = os.getenv("BENCH_PAYLOADS")
local threads_total = tonumber(os.getenv("BENCH_THREADS") or "2")
local next_index = 0

function setup(thread)
  thread:set("index", next_index)
  next_index = next_index + 1
end

local file, start

local function rewind()
  file:seek("set", start)
  if index > 0 then file:read("*l") end
end

function init(args)
  file = assert(io.open(path, "rb"))
  local size = file:seek("end")
  start = math.floor(size * index / threads_total)
  rewind()
end

function request()
  local line = file:read("*l")
  if not line then
    rewind()
    line = file:read("*l")
  end
  local tab = line:find("\t", 1, true)
  return wrk.format("POST", "/webhooks/qtickets", {
    ["Content-Type"] = "application/json",
    ["X-Signature"] = line:sub(1, tab - 1),
    ["X-Event-Type"] = "updated",
    ["X-Model-Name"] = "Order",
    ["User-Agent"] = "Qtickets-Webhooks/2.0",
  }, line:sub(tab + 1))
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local failed = e.connect + e.read + e.write + e.timeout + e.status
  io.write(string.format(
    'BENCHJSON {"requests":%d,"seconds":%.3f,"non2xx":%d,"socket_errors":%d,"accepted_per_s":%.1f,"p50_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f}\n',
    summary.requests, seconds, e.status, e.connect + e.read + e.write + e.timeout,
    (summary.requests - failed) / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
