import io.microplatform.cache.coherence.NearCache;
import io.microplatform.cache.coherence.NearCacheProperties;

import java.time.Duration;

/**
 * An L1 hit inside cache-service, timed: java L1Bench.java seconds. NearCache.get of 1,000 hot keys in a loop on
 * one thread (warm-up first), against the same loop over a plain HashMap lookup as the floor of any in-process
 * lookup. Prints "l1_ns map_ns": nanoseconds per get.
 */
public class L1Bench {

    public static void main(String[] args) {
        long seconds = Long.parseLong(args[0]);
        NearCache near = new NearCache(new NearCacheProperties(10_000, Duration.ofMinutes(10), "bench", "bench", (short) 1));
        java.util.Map<String, Object> map = new java.util.HashMap<>();
        String[] keys = new String[1000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "product:SKU-" + i;
            Object value = new Object();
            near.put(keys[i], value, near.stamp(keys[i]));
            map.put(keys[i], value);
        }
        double l1 = 0;
        double floor = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up (JIT)
            long budget = Duration.ofSeconds(round == 0 ? 3 : seconds).toNanos() / 2;
            l1 = time(budget, i -> near.get(keys[i % keys.length]));
            floor = time(budget, i -> map.get(keys[i % keys.length]));
        }
        System.out.printf("%.1f %.1f%n", l1, floor);
    }

    private static long sink;

    private static double time(long budgetNanos, java.util.function.IntFunction<Object> get) {
        long calls = 0;
        long start = System.nanoTime();
        long end = start + budgetNanos;
        long now;
        do {
            for (int i = 0; i < 100_000; i++) {
                Object value = get.apply(i);
                sink += value == null ? 0 : 1;
            }
            calls += 100_000;
            now = System.nanoTime();
        }
        while (now < end);
        return (double) (now - start) / calls;
    }
}
