-- KEYS[1] the lock; ARGV[1] owner id. Deletes only the owner's own lease, never the next holder's.
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('del', KEYS[1])
end
return 0
