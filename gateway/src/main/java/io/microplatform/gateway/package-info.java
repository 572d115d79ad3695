/**
 * The gateway: the platform's only public entry. Routes ({@code config/gateway.yml}) send {@code /api/<area>/**}
 * to {@code lb://<service>}, resolved by simple discovery in the local mode and by Consul in docker and k8s.
 * Errors, including a downstream service that is down, leave as {@code application/problem+json}
 * (platform-starter's reactive handler).
 */
package io.microplatform.gateway;
