-- KEYS[1] the lock, KEYS[2] its fencing counter; ARGV[1] owner id, ARGV[2] lease in ms.
-- Set only if absent; the token is taken in the same script, so a holder always has one and no two
-- acquisitions share one.
if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('incr', KEYS[2])
end
return 0
