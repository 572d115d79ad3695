/**
 * Configuration that changes without a restart. Each feature of the gateway binds its part of
 * {@code microplatform.gateway.*} (from {@code config/gateway.yml}, Consul KV in docker and k8s) to a validated
 * record at start-up, and reads it per request through {@link io.microplatform.gateway.config.LiveProperties},
 * which binds and validates it again when Spring Cloud publishes an
 * {@link org.springframework.cloud.context.environment.EnvironmentChangeEvent}.
 */
package io.microplatform.gateway.config;
