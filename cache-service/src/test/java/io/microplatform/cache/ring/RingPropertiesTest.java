package io.microplatform.cache.ring;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code microplatform.cache.ring.*} is bound and refused at start-up. */
class RingPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bound.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RingProperties.class)
    static class Bound {
    }

    @Test
    void addressesAloneAreNamedByPositionAndDefaultsApply() {
        context.withPropertyValues("microplatform.cache.ring.nodes=h1:6379,h2:6380").run(ctx -> {
            RingProperties ring = ctx.getBean(RingProperties.class);
            assertThat(ring.members()).containsExactly(new RingProperties.Member("redis-1", "h1", 6379),
                    new RingProperties.Member("redis-2", "h2", 6380));
            assertThat(ring.virtualNodes()).isEqualTo(160);
            assertThat(ring.replication()).isEqualTo(2);
            assertThat(ring.nodeTimeout()).isEqualTo(Duration.ofMillis(250));
        });
    }

    @Test
    void explicitNamesAreKept() {
        context.withPropertyValues("microplatform.cache.ring.nodes=blue=h1:6379,green=h2:6379").run(ctx ->
                assertThat(ctx.getBean(RingProperties.class).members()).extracting(RingProperties.Member::name)
                        .containsExactly("blue", "green"));
    }

    @Test
    void aNodeWithoutPortNoNodesOrNoReplicationIsRefusedAtStartUp() {
        context.withPropertyValues("microplatform.cache.ring.nodes=h1").run(ctx -> assertThat(ctx).hasFailed());
        context.run(ctx -> assertThat(ctx).hasFailed());
        context.withPropertyValues("microplatform.cache.ring.nodes=h1:1", "microplatform.cache.ring.replication=0")
                .run(ctx -> assertThat(ctx).hasFailed());
    }
}
