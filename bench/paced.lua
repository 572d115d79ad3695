-- Paces each connection: after every response it waits BENCH_DELAY_MS before the next request, so that
-- `connections` connections offer about connections * 1000 / (delay + latency) requests per second.
-- wrk measures each request's latency from sending it to its response, without the pause.
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "10")

function delay()
  return pause
end
