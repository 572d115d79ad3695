package io.microplatform.gateway.loadbalancer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What this gateway knows of each instance from its own traffic: requests in flight (for
 * {@code least-outstanding}, exported as {@code gateway.loadbalancer.in.flight}) and instances recently found
 * not listening (passive health: left out for the ejection time, counted in
 * {@code gateway.loadbalancer.ejections}). The periodic health check of the instance list is the slower,
 * authoritative signal; this one reacts on the first refused connection.
 */
public class InstanceTracker {

    private static final Logger log = LoggerFactory.getLogger(InstanceTracker.class);

    private final MeterRegistry meters;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Long> ejectedUntil = new ConcurrentHashMap<>();

    public InstanceTracker(MeterRegistry meters) {
        this.meters = meters;
    }

    static String keyOf(ServiceInstance instance) {
        return instance.getHost() + ":" + instance.getPort();
    }

    void started(ServiceInstance instance) {
        counter(instance).incrementAndGet();
    }

    void finished(ServiceInstance instance) {
        counter(instance).updateAndGet(n -> Math.max(0, n - 1));
    }

    int inFlight(ServiceInstance instance) {
        AtomicInteger counter = inFlight.get(keyOf(instance));
        return counter == null ? 0 : counter.get();
    }

    void eject(ServiceInstance instance, Duration time) {
        String key = keyOf(instance);
        Long previous = ejectedUntil.put(key, System.nanoTime() + time.toNanos());
        if (previous == null || previous - System.nanoTime() < 0) {
            log.warn("{} instance {} refused a connection; leaving it out for {}", instance.getServiceId(), key, time);
            Counter.builder("gateway.loadbalancer.ejections")
                    .description("Instances left out after a refused connection")
                    .tags("service", instance.getServiceId(), "instance", key)
                    .register(meters)
                    .increment();
        }
    }

    boolean isEjected(ServiceInstance instance) {
        Long until = ejectedUntil.get(keyOf(instance));
        if (until == null) {
            return false;
        }
        if (until - System.nanoTime() > 0) {
            return true;
        }
        ejectedUntil.remove(keyOf(instance), until);
        return false;
    }

    private AtomicInteger counter(ServiceInstance instance) {
        return inFlight.computeIfAbsent(keyOf(instance), key -> {
            AtomicInteger counter = new AtomicInteger();
            Gauge.builder("gateway.loadbalancer.in.flight", counter, AtomicInteger::get)
                    .description("Requests this gateway has sent to the instance and not yet had an answer for")
                    .tags("service", instance.getServiceId(), "instance", key)
                    .register(meters);
            return counter;
        });
    }
}
