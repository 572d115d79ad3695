package io.microplatform.starter.lock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DistributedLockAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DistributedLockAutoConfiguration.class));

    @Test
    void aServiceWithRedisGetsLocksWithTheConfiguredLease() {
        runner.withBean(RedisConnectionFactory.class, LettuceConnectionFactory::new)
                .withPropertyValues("microplatform.lock.lease-time=3s")
                .run(context -> {
                    assertThat(context).hasSingleBean(DistributedLocks.class);
                    assertThat(context.getBean(LockProperties.class).leaseTime()).isEqualTo(Duration.ofSeconds(3));
                });
    }

    @Test
    void withoutRedisThereAreNoLocks() {
        runner.run(context -> assertThat(context).doesNotHaveBean(DistributedLocks.class));
    }

    @Test
    void aServicesOwnLocksReplaceThePlatformsOnes() {
        runner.withBean(RedisConnectionFactory.class, LettuceConnectionFactory::new)
                .withBean("ownLocks", DistributedLocks.class, () -> new DistributedLocks(
                        new StringRedisTemplate(new LettuceConnectionFactory()),
                        new LockProperties(Duration.ofSeconds(1), Duration.ofMillis(10), "own:"), "own"))
                .run(context -> assertThat(context).getBeans(DistributedLocks.class).containsOnlyKeys("ownLocks"));
    }

    @Test
    void aLeaseTooShortToRenewIsRefusedAtStartUp() {
        runner.withBean(RedisConnectionFactory.class, LettuceConnectionFactory::new)
                .withPropertyValues("microplatform.lock.lease-time=100ms")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("lease-time must be at least 300ms"));
    }
}
