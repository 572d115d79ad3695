package io.microplatform.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway refuses to start on configuration that would silently not do what it says, and says why. The
 * real application with its real configuration (config/gateway.yml) and one bad value each time; it fails
 * while binding, before it connects to anything.
 */
class ConfigurationValidationTest {

    private static final String ROUTE = "--microplatform.gateway.rate-limit.routes.inventory.";

    @Test
    void aBurstCapacitySmallerThanTheReplenishRateIsRefused() {
        assertThatThrownBy(() -> start(ROUTE + "replenish-rate=100", ROUTE + "burst-capacity=50"))
                .hasStackTraceContaining("microplatform.gateway.rate-limit")
                .hasStackTraceContaining("burst-capacity must not be smaller than replenish-rate");
    }

    @Test
    void aBurstCapacityOfZeroIsRefused() {
        assertThatThrownBy(() -> start(ROUTE + "burst-capacity=0"))
                .hasStackTraceContaining("burstCapacity")
                .hasStackTraceContaining("a burst capacity of 0 would refuse every request");
    }

    @Test
    void aTimeoutBudgetThatDoesNotShrinkInwardsIsRefused() {
        assertThatThrownBy(() -> start("--microplatform.gateway.resilience.timeouts.circuit-breaker=30s"))
                .hasStackTraceContaining("response > circuit-breaker > downstream");
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> start("--microplatform.gateway.security.jwt.secret=short"))
                .hasStackTraceContaining("at least 32 bytes");
    }

    @Test
    void consistentHashingWithoutAKeyIsRefused() {
        assertThatThrownBy(() -> start("--microplatform.gateway.load-balancing.services.cache-service.hash-key="))
                .hasStackTraceContaining("header:<name>, path:<segment index> or query:<parameter>");
    }

    private static void start(String... args) {
        SpringApplication application = new SpringApplicationBuilder(GatewayApplication.class)
                .web(WebApplicationType.REACTIVE)
                .build();
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server.port=0";
        application.run(all).close();
    }
}
