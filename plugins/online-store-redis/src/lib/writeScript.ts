/** Name under which the script is registered with ioredis `defineCommand`. */
export const writeCommand = 'mlopsOnlineWrite';

/**
 * Monotonic compare-and-set of one (view, entity) hash, atomic on the server.
 *
 * KEYS[1] the hash; ARGV[1] event time, ARGV[2] written-at, ARGV[3] PEXPIRE ms (0: none),
 * ARGV[4..] feature/value pairs (null features are simply absent). An older event time than the
 * stored one is ignored (returns 0); otherwise the hash is replaced as a whole, so features the new
 * row lacks read as null and a previous expiry is cleared unless set again (returns 1).
 * HSET takes the pairs in slices: `unpack` of thousands of arguments would overflow Lua's stack.
 */
export const writeScript = `
local stored = redis.call('HGET', KEYS[1], '@event_ts')
if stored and tonumber(stored) > tonumber(ARGV[1]) then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], '@event_ts', ARGV[1], '@written_at', ARGV[2])
for i = 4, #ARGV, 1000 do
  redis.call('HSET', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
end
local ttl = tonumber(ARGV[3])
if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
return 1
`;
