package io.microplatform.scheduler.lock;

import io.microplatform.starter.lock.DistributedLock;
import io.microplatform.starter.lock.DistributedLocks;
import io.microplatform.starter.lock.LockProperties;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Duration;
import java.util.Optional;

/**
 * A separate process using platform-starter's locks, driven by {@link DistributedLockIT}:
 * <ul>
 *   <li>{@code count <host> <port> <lock> <counterKey> <n>}: n times, take the lock, read the counter, write it
 *   back plus one (a lost update if two processes were inside at once), release;</li>
 *   <li>{@code hold <host> <port> <lock> <leaseMillis>}: take the lock, print {@code HELD <token>}, then on each
 *   line of input print {@code HELD true|false}, and on "release" release and print {@code RELEASED}.</li>
 * </ul>
 */
public final class LockProcess {

    private LockProcess() {
    }

    public static void main(String[] args) throws Exception {
        LettuceConnectionFactory connections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(args[1], Integer.parseInt(args[2])));
        connections.afterPropertiesSet();
        connections.start();
        StringRedisTemplate redis = new StringRedisTemplate(connections);
        try (DistributedLocks locks = new DistributedLocks(redis,
                new LockProperties(Duration.ofSeconds(2), Duration.ofMillis(5), "lock:"), "process-" + ProcessHandle.current().pid())) {
            if (args[0].equals("count")) {
                for (int i = 0; i < Integer.parseInt(args[5]); i++) {
                    try (DistributedLock lock = locks.tryLock(args[3], Duration.ofSeconds(30)).orElseThrow()) {
                        String value = redis.opsForValue().get(args[4]);
                        long next = (value == null ? 0 : Long.parseLong(value)) + 1;
                        Thread.onSpinWait();
                        redis.opsForValue().set(args[4], Long.toString(next));
                    }
                }
                System.out.println("DONE");
            }
            else {
                Optional<DistributedLock> held = locks.tryLock(args[3], Duration.ofSeconds(30),
                        Duration.ofMillis(Long.parseLong(args[4])));
                DistributedLock lock = held.orElseThrow();
                System.out.println("HELD " + lock.fencingToken());
                BufferedReader input = new BufferedReader(new InputStreamReader(System.in));
                for (String line = input.readLine(); line != null; line = input.readLine()) {
                    if (line.equals("release")) {
                        lock.close();
                        System.out.println("RELEASED");
                        break;
                    }
                    System.out.println("HELD " + lock.isHeld());
                }
            }
        }
        finally {
            connections.destroy();
        }
        System.out.flush();
    }
}
