-- KEYS[1] the lock; ARGV[1] owner id, ARGV[2] lease in ms. Extends only the owner's own lease: a process
-- whose lease ran out (and was taken by another) gets 0 and must stop acting.
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
