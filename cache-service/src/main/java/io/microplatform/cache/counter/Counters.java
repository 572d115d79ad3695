package io.microplatform.cache.counter;

import io.lettuce.core.ScriptOutputType;
import io.microplatform.cache.ring.CacheRing;
import org.springframework.stereotype.Component;

import java.util.List;

/** Counters on the ring (see the package documentation for what replication means here). */
@Component
class Counters {

    /** KEYS[1] counter; ARGV[1] delta. */
    private static final String INCREMENT = "return redis.call('INCRBY', KEYS[1], ARGV[1])";
    /** KEYS[1] counter, KEYS[2] the answer of an idempotent increment; ARGV[1] delta, ARGV[2] seconds kept. */
    private static final String INCREMENT_ONCE = """
            local done = redis.call('GET', KEYS[2])
            if done then return tonumber(done) end
            local value = redis.call('INCRBY', KEYS[1], ARGV[1])
            redis.call('SET', KEYS[2], value, 'EX', ARGV[2])
            return value""";
    /** On a node's return, KEYS[1] a counter, ARGV[1] its value on another owner: the higher copy wins. */
    private static final String RAISE = """
            local value = tonumber(redis.call('GET', KEYS[1]) or '0')
            if value < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
            return 'OK'""";
    /** On a node's return, KEYS[1] the answer of an idempotent increment, ARGV[1] as another owner holds it. */
    private static final String KEEP_ANSWER = "redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', 86400) return 'OK'";
    private static final long IDEMPOTENCY_SECONDS = 24 * 3600;
    private static final String COUNTER = "counter:";
    private static final String ANSWER = "counter-once:";

    private final CacheRing ring;

    Counters(CacheRing ring) {
        this.ring = ring;
        ring.copyOnRejoin(COUNTER, name -> name, RAISE);
        // "<counter name>:<idempotency key>", and counter names hold no ':'
        ring.copyOnRejoin(ANSWER, rest -> rest.substring(0, rest.indexOf(':')), KEEP_ANSWER);
    }

    long increment(String name, long delta, String idempotencyKey) {
        String counter = counterKey(name);
        List<CacheRing.Replica<Long>> answers = idempotencyKey == null
                ? ring.writeAll(name, redis -> redis.eval(INCREMENT, ScriptOutputType.INTEGER, new String[] {counter},
                        Long.toString(delta)))
                : ring.writeAll(name, redis -> redis.eval(INCREMENT_ONCE, ScriptOutputType.INTEGER,
                        new String[] {counter, ring.redisKey(ANSWER + name + ":" + idempotencyKey)},
                        Long.toString(delta), Long.toString(IDEMPOTENCY_SECONDS)));
        // every copy is a lower bound of the value (see the package documentation): the highest is the closest
        return answers.stream().mapToLong(CacheRing.Replica::value).max().orElseThrow();
    }

    long value(String name) {
        return ring.<String>readAll(name, redis -> redis.get(counterKey(name))).stream()
                .map(CacheRing.Replica::value)
                .mapToLong(value -> value == null ? 0 : Long.parseLong(value))
                .max().orElse(0);
    }

    private String counterKey(String name) {
        return ring.redisKey(COUNTER + name);
    }
}
