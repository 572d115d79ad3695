package io.microplatform.gateway.loadbalancer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Map;

/**
 * How the gateway chooses an instance of each service ({@code microplatform.gateway.load-balancing}).
 *
 * @param defaultPolicy the policy of services that have no entry in {@code services}
 * @param ejectionTime how long an instance that refused a connection is left out, before the periodic health
 * check has noticed (passive health)
 * @param services per service id: its policy
 */
@ConfigurationProperties("microplatform.gateway.load-balancing")
@Validated
public record LoadBalancingProperties(
        @DefaultValue("round-robin") @NotNull Policy defaultPolicy,
        @DefaultValue("10s") @NotNull Duration ejectionTime,
        Map<String, @Valid ServicePolicy> services) {

    public LoadBalancingProperties {
        services = services == null ? Map.of() : Map.copyOf(services);
    }

    public ServicePolicy forService(String serviceId) {
        ServicePolicy policy = services.get(serviceId);
        return policy != null ? policy : new ServicePolicy(defaultPolicy, null, ServicePolicy.DEFAULT_VIRTUAL_NODES);
    }

    /**
     * @param policy how to choose
     * @param hashKey for {@code consistent-hash}: where the key of a request is, {@code header:<name>},
     * {@code path:<segment index>} (0-based, {@code /api/cache/entries/k} has {@code k} at 3) or
     * {@code query:<parameter>}; a request without it is balanced round robin
     * @param virtualNodes points per instance on the hash ring: more spread keys more evenly
     */
    public record ServicePolicy(
            @DefaultValue("round-robin") @NotNull Policy policy,
            @Pattern(regexp = "(header|query):[^:]+|path:\\d+",
                    message = "must be header:<name>, path:<segment index> or query:<parameter>") String hashKey,
            @DefaultValue("160") @Min(1) @Max(1000) int virtualNodes) {

        static final int DEFAULT_VIRTUAL_NODES = 160;

        @AssertTrue(message = "consistent-hash needs a hash-key (header:<name>, path:<segment index> or query:<parameter>)")
        public boolean isHashKeyGivenForConsistentHash() {
            return policy != Policy.CONSISTENT_HASH || (hashKey != null && !hashKey.isBlank());
        }
    }

    public enum Policy {
        /** Each instance in turn. */
        ROUND_ROBIN,
        /** Uniformly at random. */
        RANDOM,
        /** In proportion to the instance's {@code weight} metadata (default 1), smoothly interleaved. */
        WEIGHTED,
        /** The instance with the fewest requests in flight from this gateway. */
        LEAST_OUTSTANDING,
        /** The same key always to the same instance, on a ring with virtual nodes. */
        CONSISTENT_HASH
    }
}
