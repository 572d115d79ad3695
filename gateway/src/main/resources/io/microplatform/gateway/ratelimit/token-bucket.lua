-- Token bucket, one Redis hash per key: tokens left and when they were counted. Atomic (a script), timed by
-- the Redis server's clock so that every gateway instance agrees on it.
-- KEYS[1]  the bucket
-- ARGV     replenish rate (tokens per second), burst capacity, tokens requested, tokens wanted (>= requested:
--          the caller leases the rest for its next requests, TokenLeases)
-- returns  {tokens granted (0 if refused, else between requested and wanted), tokens left (floored),
--           if refused: milliseconds until the bucket holds the tokens wanted (the caller refuses locally until
--           then, so that a key over its limit costs Redis one call per lease, not one per request), else 0}
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local requested = tonumber(ARGV[3])
local wanted = tonumber(ARGV[4])

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1])
local at = tonumber(bucket[2])
if tokens == nil or at == nil then
  tokens = capacity
  at = now
end

tokens = math.min(capacity, tokens + math.max(0, now - at) * rate / 1000)

local granted = 0
local wait = 0
if tokens >= requested then
  -- whole tokens only, never more than the bucket holds
  granted = math.max(requested, math.min(wanted, math.floor(tokens)))
  tokens = tokens - granted
else
  wait = math.ceil((math.min(wanted, capacity) - tokens) * 1000 / rate)
end

redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
-- an idle bucket is full again after capacity / rate seconds: keep it no longer than twice that
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * 2000 / rate) + 1000)

return { granted, math.floor(tokens), wait }
