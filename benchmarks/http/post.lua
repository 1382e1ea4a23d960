-- wrk: POST the same JSON body with a bearer token; WRK_KEYS=1 adds a fresh Idempotency-Key per request.
local token = os.getenv("WRK_TOKEN") or ""
local body = os.getenv("WRK_BODY") or "{}"
local keys = os.getenv("WRK_KEYS") == "1"
local counter = 0
-- Each thread has its own Lua state with the same unseeded generator: without a seed of the state's own address and
-- the time, both threads (and the next run) drew the same tag, so their keys collided and some requests were replays.
math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 1000003)
local thread_tag = tostring(math.random(1, 2^30))

request = function()
  local headers = { ["Content-Type"] = "application/json" }
  if token ~= "" then headers["Authorization"] = "Bearer " .. token end
  if keys then
    counter = counter + 1
    headers["Idempotency-Key"] = thread_tag .. "-" .. counter
  end
  return wrk.format("POST", nil, headers, body)
end

done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("RESULT rps=%.1f p50=%.2f p99=%.2f errors=%d non2xx=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, non2xx, summary.requests))
end
