package io.microplatform.gateway.config;

import io.microplatform.gateway.ratelimit.RateLimitProperties;
import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.mock.env.MockEnvironment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LivePropertiesTest {

    private static final String ROUTE = "microplatform.gateway.rate-limit.routes.orders.";

    private final MockEnvironment environment = new MockEnvironment()
            .withProperty(ROUTE + "replenish-rate", "10")
            .withProperty(ROUTE + "burst-capacity", "20");

    private final LiveProperties<RateLimitProperties> settings = new LiveProperties<>(
            new RateLimitProperties(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofMillis(500),
                    Duration.ofMillis(20), 0, Map.of()), environment,
            Validation.buildDefaultValidatorFactory().getValidator());

    @Test
    void aChangedValueIsBoundWithDefaultsAndAnnouncedToListeners() {
        List<RateLimitProperties> announced = new ArrayList<>();
        settings.onChange(announced::add);

        settings.onApplicationEvent(new EnvironmentChangeEvent(Set.of(ROUTE + "burst-capacity")));

        RateLimitProperties.RouteLimit limit = settings.get().routes().get("orders");
        assertThat(limit.burstCapacity()).isEqualTo(20);
        assertThat(limit.key()).isEqualTo(RateLimitProperties.KeyType.IP);
        assertThat(limit.requestedTokens()).isEqualTo(1);
        assertThat(announced).containsExactly(settings.get());

        settings.onApplicationEvent(new EnvironmentChangeEvent(Set.of("something.else")));
        assertThat(announced).hasSize(1);
    }

    @Test
    void aChangeThatFailsValidationIsRefusedAndThePreviousSettingsStay() {
        settings.onApplicationEvent(new EnvironmentChangeEvent(Set.of(ROUTE + "burst-capacity")));
        RateLimitProperties valid = settings.get();

        environment.setProperty(ROUTE + "burst-capacity", "5");
        settings.onApplicationEvent(new EnvironmentChangeEvent(Set.of(ROUTE + "burst-capacity")));

        assertThat(settings.get()).isSameAs(valid);
    }
}
