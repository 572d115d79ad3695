package io.microplatform.gateway.loadbalancer;

import io.microplatform.gateway.config.LiveProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.LinkedMultiValueMap;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The choices of each policy, on a fixed instance list. */
class PolicyLoadBalancerTest {

    private final MockEnvironment environment = new MockEnvironment();
    private final InstanceTracker tracker = new InstanceTracker(new SimpleMeterRegistry());
    private final List<ServiceInstance> instances = List.of(instance(8081, 1), instance(8082, 2), instance(8083, 1));

    @Test
    void roundRobinTakesEachInTurn() {
        PolicyLoadBalancer balancer = balancer("round-robin");
        Map<Integer, Integer> counts = count(balancer, 300, request(Map.of()));
        assertThat(counts).containsEntry(8081, 100).containsEntry(8082, 100).containsEntry(8083, 100);
    }

    @Test
    void weightedSharesExactlyByWeightMetadata() {
        PolicyLoadBalancer balancer = balancer("weighted");
        Map<Integer, Integer> counts = count(balancer, 1000, request(Map.of()));
        assertThat(counts).containsEntry(8081, 250).containsEntry(8082, 500).containsEntry(8083, 250);
    }

    @Test
    void leastOutstandingPrefersTheInstanceWithFewestInFlight() {
        PolicyLoadBalancer balancer = balancer("least-outstanding");
        tracker.started(instances.get(0));
        tracker.started(instances.get(0));
        tracker.started(instances.get(2));
        assertThat(balancer.choose(instances, request(Map.of())).getPort()).isEqualTo(8082);
        tracker.started(instances.get(1));
        tracker.started(instances.get(1));
        assertThat(balancer.choose(instances, request(Map.of())).getPort()).isEqualTo(8083);
    }

    @Test
    void consistentHashSendsAKeyToOneInstanceAndFallsBackToRoundRobinWithoutKey() {
        environment.setProperty("microplatform.gateway.load-balancing.services.svc.hash-key", "header:X-User-Id");
        PolicyLoadBalancer balancer = balancer("consistent-hash");
        for (int user = 0; user < 50; user++) {
            RequestData request = request(Map.of("X-User-Id", "user-" + user));
            int first = balancer.choose(instances, request).getPort();
            for (int again = 0; again < 5; again++) {
                assertThat(balancer.choose(instances, request).getPort()).isEqualTo(first);
            }
        }
        assertThat(count(balancer, 300, request(Map.of())).values()).containsOnly(100);
    }

    @Test
    void theKeyMayComeFromAPathSegmentOrAQueryParameter() {
        RequestData request = new RequestData(HttpMethod.GET, URI.create("http://gw/api/cache/entries/k42?tenant=t7"),
                new HttpHeaders(), new LinkedMultiValueMap<>(), new HashMap<>());
        assertThat(PolicyLoadBalancer.keyOf(request, "path:3")).isEqualTo("k42");
        assertThat(PolicyLoadBalancer.keyOf(request, "path:9")).isNull();
        assertThat(PolicyLoadBalancer.keyOf(request, "query:tenant")).isEqualTo("t7");
        assertThat(PolicyLoadBalancer.keyOf(request, "header:X-User-Id")).isNull();
    }

    @Test
    void triedAndEjectedInstancesAreLeftOutWhileOthersRemain() {
        PolicyLoadBalancer balancer = balancer("round-robin");
        RequestData retry = request(Map.of());
        retry.getAttributes().put(PolicyLoadBalancer.TRIED_INSTANCES_ATTR, Set.of("localhost:8081"));
        tracker.eject(instances.get(1), Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            assertThat(balancer.choose(instances, retry).getPort()).isEqualTo(8083);
        }
        retry.getAttributes().put(PolicyLoadBalancer.TRIED_INSTANCES_ATTR, Set.of("localhost:8081", "localhost:8083"));
        assertThat(balancer.choose(instances, retry).getPort()).isEqualTo(8082);
    }

    @Test
    void aChangedPolicyAppliesToTheNextRequest() {
        LiveProperties<LoadBalancingProperties> settings = settings("round-robin");
        PolicyLoadBalancer balancer = new PolicyLoadBalancer("svc", suppliers(), settings, tracker);
        assertThat(count(balancer, 3, request(Map.of())).keySet()).hasSize(3);

        environment.setProperty("microplatform.gateway.load-balancing.services.svc.policy", "weighted");
        settings.onApplicationEvent(new EnvironmentChangeEvent(Set.of("microplatform.gateway.load-balancing")));
        assertThat(count(balancer, 4, request(Map.of()))).containsEntry(8082, 2);
    }

    private PolicyLoadBalancer balancer(String policy) {
        return new PolicyLoadBalancer("svc", suppliers(), settings(policy), tracker);
    }

    private LiveProperties<LoadBalancingProperties> settings(String policy) {
        environment.setProperty("microplatform.gateway.load-balancing.services.svc.policy", policy);
        LiveProperties<LoadBalancingProperties> settings = new LiveProperties<>(
                new LoadBalancingProperties(LoadBalancingProperties.Policy.ROUND_ROBIN, Duration.ofSeconds(10), Map.of()),
                environment, Validation.buildDefaultValidatorFactory().getValidator());
        settings.onApplicationEvent(new EnvironmentChangeEvent(Set.of()));
        return settings;
    }

    private static org.springframework.beans.factory.ObjectProvider<ServiceInstanceListSupplier> suppliers() {
        return new StaticListableBeanFactory().getBeanProvider(ServiceInstanceListSupplier.class);
    }

    private Map<Integer, Integer> count(PolicyLoadBalancer balancer, int requests, RequestData request) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            counts.merge(balancer.choose(instances, request).getPort(), 1, Integer::sum);
        }
        return counts;
    }

    private static RequestData request(Map<String, String> headers) {
        HttpHeaders httpHeaders = new HttpHeaders();
        headers.forEach(httpHeaders::set);
        return new RequestData(HttpMethod.GET, URI.create("http://gw/api/x"), httpHeaders, new LinkedMultiValueMap<>(),
                new HashMap<>());
    }

    private static ServiceInstance instance(int port, int weight) {
        return new DefaultServiceInstance("svc-" + port, "svc", "localhost", port, false,
                Map.of("weight", Integer.toString(weight)));
    }
}
