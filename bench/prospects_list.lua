-- wrk script used by bench/prospects_list.py: bearer token, a fixed number of requests per
-- connection (one connection per thread), and a one-line JSON summary for the caller.
--   BENCH_TOKEN                  the access token (Authorization: Bearer ...)
--   BENCH_REQUESTS_PER_THREAD    stop the thread after this many responses
-- wrk's main thread sleeps for the whole -d duration even when every thread has stopped, so
-- each thread says so on stderr and the caller sends SIGINT once all of them have: wrk then
-- prints its summary (done() below) at once.

local token = os.getenv("BENCH_TOKEN") or ""
local per_thread = tonumber(os.getenv("BENCH_REQUESTS_PER_THREAD") or "0")

wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Accept"] = "application/json"

local seen = 0

function response(status, headers, body)
  seen = seen + 1
  if per_thread > 0 and seen == per_thread then
    io.stderr:write("BENCH_THREAD_DONE\n")
    io.stderr:flush()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "status_errors": %d, "timeouts": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean))
end
