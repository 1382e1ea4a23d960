-- wrk: GET with a bearer token (none when WRK_TOKEN is empty).
local token = os.getenv("WRK_TOKEN") or ""

request = function()
  local headers = {}
  if token ~= "" then headers["Authorization"] = "Bearer " .. token end
  return wrk.format("GET", nil, headers)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50=%.2f p99=%.2f errors=%d non2xx=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status, summary.requests))
end
