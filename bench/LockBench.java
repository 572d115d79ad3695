import io.microplatform.starter.lock.DistributedLock;
import io.microplatform.starter.lock.DistributedLocks;
import io.microplatform.starter.lock.LockProperties;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Acquire+release pairs per second of platform-starter's lock: java LockBench.java host port threads seconds.
 * Each thread takes and releases locks of its own (no contention: the cost of the protocol, as redis-benchmark
 * measures the scripts alone).
 */
public class LockBench {

    public static void main(String[] args) throws Exception {
        LettuceConnectionFactory connections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(args[0], Integer.parseInt(args[1])));
        connections.afterPropertiesSet();
        connections.start();
        int threads = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        LongAdder pairs = new LongAdder();
        try (DistributedLocks locks = new DistributedLocks(new StringRedisTemplate(connections),
                new LockProperties(Duration.ofSeconds(10), Duration.ofMillis(50), "bench-lock:"), "bench")) {
            for (int round = 0; round < 2; round++) { // the first round warms up
                pairs.reset();
                long end = System.nanoTime() + Duration.ofSeconds(round == 0 ? 3 : seconds).toNanos();
                Thread[] workers = new Thread[threads];
                for (int t = 0; t < threads; t++) {
                    int id = t;
                    workers[t] = new Thread(() -> {
                        for (long i = 0; System.nanoTime() < end; i++) {
                            try (DistributedLock lock = locks.tryLock("t" + id + ":" + (i % 1000), Duration.ZERO).orElseThrow()) {
                                pairs.increment();
                            }
                        }
                    });
                    workers[t].start();
                }
                for (Thread worker : workers) {
                    worker.join();
                }
            }
        }
        finally {
            connections.destroy();
        }
        System.out.printf("%.0f%n", pairs.sum() / (double) seconds);
    }
}
