package io.microplatform.gateway.loadbalancer;

import io.microplatform.gateway.config.LiveProperties;
import io.microplatform.gateway.loadbalancer.LoadBalancingProperties.ServicePolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.NoopServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load balancer of one service: the policy comes from the live configuration on every request, so a
 * change in {@code config/gateway.yml} (Consul KV) applies to the next request. Instances come from discovery
 * through the periodic health check; instances that this gateway found not listening a moment ago, and those
 * already tried for this request (a retry), are left out while others remain.
 */
final class PolicyLoadBalancer implements ReactorServiceInstanceLoadBalancer {

    /** Exchange attribute: the instances ({@code host:port}) this request has already been sent to. */
    static final String TRIED_INSTANCES_ATTR = PolicyLoadBalancer.class.getName() + ".tried";

    private final String serviceId;
    /** Looked up on first use (the context is complete by then), not per request. */
    private final SingletonSupplier<ServiceInstanceListSupplier> instances;
    private final LiveProperties<LoadBalancingProperties> settings;
    private final InstanceTracker tracker;
    private final AtomicInteger position = new AtomicInteger(ThreadLocalRandom.current().nextInt(1024));
    private final Map<String, Integer> currentWeights = new HashMap<>();
    private volatile HashRing ring = HashRing.of(List.of(), 1);

    PolicyLoadBalancer(String serviceId, ObjectProvider<ServiceInstanceListSupplier> suppliers,
            LiveProperties<LoadBalancingProperties> settings, InstanceTracker tracker) {
        this.serviceId = serviceId;
        this.instances = SingletonSupplier.of(() -> suppliers.getIfAvailable(NoopServiceInstanceListSupplier::new));
        this.settings = settings;
        this.tracker = tracker;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Mono<Response<ServiceInstance>> choose(Request request) {
        return this.instances.obtain().get(request).next().map(instances -> {
            ServiceInstance chosen = choose(instances, requestData(request));
            if (chosen == null) {
                return new EmptyResponse();
            }
            tracker.started(chosen);
            return new DefaultResponse(chosen);
        });
    }

    ServiceInstance choose(List<ServiceInstance> instances, RequestData request) {
        if (instances.isEmpty()) {
            return null;
        }
        List<ServiceInstance> candidates = candidates(instances, triedInstances(request));
        ServicePolicy policy = settings.get().forService(serviceId);
        return switch (policy.policy()) {
            case ROUND_ROBIN -> roundRobin(candidates);
            case RANDOM -> candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
            case WEIGHTED -> weighted(candidates);
            case LEAST_OUTSTANDING -> leastOutstanding(candidates);
            case CONSISTENT_HASH -> consistentHash(instances, candidates, policy, request);
        };
    }

    /** Healthy ones not yet tried; failing that, not yet tried; failing that, all (better than nothing). */
    private List<ServiceInstance> candidates(List<ServiceInstance> instances, Set<String> tried) {
        List<ServiceInstance> untried = new ArrayList<>(instances.size());
        List<ServiceInstance> preferred = new ArrayList<>(instances.size());
        for (ServiceInstance instance : instances) {
            if (!tried.contains(InstanceTracker.keyOf(instance))) {
                untried.add(instance);
                if (!tracker.isEjected(instance)) {
                    preferred.add(instance);
                }
            }
        }
        return !preferred.isEmpty() ? preferred : !untried.isEmpty() ? untried : instances;
    }

    private ServiceInstance roundRobin(List<ServiceInstance> candidates) {
        return candidates.get((position.getAndIncrement() & Integer.MAX_VALUE) % candidates.size());
    }

    /**
     * Smooth weighted round robin (as nginx does it): every instance gains its weight, the richest is chosen
     * and pays the total. Exact shares over every cycle of {@code sum(weights)} requests, interleaved rather
     * than in bursts.
     */
    private synchronized ServiceInstance weighted(List<ServiceInstance> candidates) {
        int total = 0;
        ServiceInstance best = null;
        int bestWeight = Integer.MIN_VALUE;
        for (ServiceInstance candidate : candidates) {
            int weight = weightOf(candidate);
            int current = currentWeights.merge(InstanceTracker.keyOf(candidate), weight, Integer::sum);
            total += weight;
            if (current > bestWeight) {
                best = candidate;
                bestWeight = current;
            }
        }
        currentWeights.put(InstanceTracker.keyOf(best), bestWeight - total);
        if (currentWeights.size() > 4 * candidates.size()) {
            // instances that left the list long ago: start them afresh if they come back
            currentWeights.keySet().retainAll(candidates.stream().map(InstanceTracker::keyOf).toList());
        }
        return best;
    }

    static int weightOf(ServiceInstance instance) {
        String weight = instance.getMetadata() == null ? null : instance.getMetadata().get("weight");
        try {
            return weight == null ? 1 : Math.max(1, Math.min(1000, Integer.parseInt(weight.trim())));
        }
        catch (NumberFormatException ex) {
            return 1;
        }
    }

    /** Fewest in flight; ties broken in turn, so that an idle service is still spread over all instances. */
    private ServiceInstance leastOutstanding(List<ServiceInstance> candidates) {
        int start = position.getAndIncrement() & Integer.MAX_VALUE;
        ServiceInstance best = null;
        int fewest = Integer.MAX_VALUE;
        for (int i = 0; i < candidates.size(); i++) {
            ServiceInstance candidate = candidates.get((start + i) % candidates.size());
            int inFlight = tracker.inFlight(candidate);
            if (inFlight < fewest) {
                best = candidate;
                fewest = inFlight;
            }
        }
        return best;
    }

    /**
     * The ring holds every instance of the list, so that one left out for this request (ejected, tried) passes
     * its keys to its successor on the ring only, and gets them back when it returns.
     */
    private ServiceInstance consistentHash(List<ServiceInstance> instances, List<ServiceInstance> candidates,
            ServicePolicy policy, RequestData request) {
        String key = keyOf(request, policy.hashKey());
        if (key == null) {
            return roundRobin(candidates);
        }
        Map<String, ServiceInstance> byKey = new HashMap<>();
        candidates.forEach(candidate -> byKey.put(InstanceTracker.keyOf(candidate), candidate));
        List<String> nodes = instances.stream().map(InstanceTracker::keyOf).toList();
        HashRing current = ring;
        if (!current.isFor(nodes, policy.virtualNodes())) {
            current = HashRing.of(nodes, policy.virtualNodes());
            ring = current;
        }
        String owner = current.owner(key, byKey::containsKey);
        return owner != null ? byKey.get(owner) : roundRobin(candidates);
    }

    /** The request's key as {@code hashKey} says where to find it; null when the request has none. */
    static String keyOf(RequestData request, String hashKey) {
        if (request == null || hashKey == null) {
            return null;
        }
        int colon = hashKey.indexOf(':');
        String source = hashKey.substring(0, colon);
        String name = hashKey.substring(colon + 1);
        String key = switch (source) {
            case "header" -> request.getHeaders().getFirst(name);
            case "query" -> UriComponentsBuilder.fromUri(request.getUrl()).build().getQueryParams().getFirst(name);
            case "path" -> pathSegment(request.getUrl(), Integer.parseInt(name));
            default -> null;
        };
        return key == null || key.isEmpty() ? null : key;
    }

    private static String pathSegment(URI url, int index) {
        String path = url.getRawPath();
        int segment = -1;
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                if (i > start) {
                    segment++;
                    if (segment == index) {
                        return path.substring(start, i);
                    }
                }
                start = i + 1;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> triedInstances(RequestData request) {
        Object tried = request == null || request.getAttributes() == null ? null
                : request.getAttributes().get(TRIED_INSTANCES_ATTR);
        return tried instanceof Set<?> set ? (Set<String>) set : Collections.emptySet();
    }

    private static RequestData requestData(Request<?> request) {
        return request != null && request.getContext() instanceof RequestDataContext context
                ? context.getClientRequest() : null;
    }
}
