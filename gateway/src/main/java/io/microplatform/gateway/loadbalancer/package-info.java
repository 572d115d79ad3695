/**
 * Load balancing: which instance of a service gets a request. The policy is chosen per service in
 * {@code microplatform.gateway.load-balancing} ({@code config/gateway.yml}) and read per request, so it can be
 * changed without a restart: round robin (the default), random, weighted (the instance's {@code weight}
 * metadata, registered in Consul from {@code INSTANCE_WEIGHT}), least outstanding requests, and consistent
 * hashing on a request key (a header such as {@code X-User-Id}, a path segment or a query parameter) on a ring
 * with virtual nodes.
 *
 * <p>Only healthy instances get traffic: Spring Cloud LoadBalancer's health check removes an instance whose
 * readiness endpoint does not answer 200, and {@link io.microplatform.gateway.loadbalancer.InstanceTracker}
 * leaves out, for a few seconds, an instance that has just refused a connection, before the next health check
 * has run. A retry of the same request goes to an instance not yet tried.
 */
package io.microplatform.gateway.loadbalancer;
