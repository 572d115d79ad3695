package io.microplatform.starter.lock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** {@link DistributedLocks} for every service that talks to Redis. */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass(StringRedisTemplate.class)
@ConditionalOnBean(RedisConnectionFactory.class)
@EnableConfigurationProperties(LockProperties.class)
public final class DistributedLockAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DistributedLocks distributedLocks(RedisConnectionFactory connectionFactory, LockProperties properties,
                                      Environment environment) {
        String application = environment.getProperty("spring.application.name", "application");
        String instance = environment.getProperty("microplatform.instance-id",
                application + "@" + ProcessHandle.current().pid());
        return new DistributedLocks(new StringRedisTemplate(connectionFactory), properties, instance);
    }
}
