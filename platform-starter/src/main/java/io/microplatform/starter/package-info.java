/**
 * The one Spring Boot auto-configuration that every service of the platform shares. Services depend on it;
 * it depends on no service. Each part switches itself on only where the service has the matching stack:
 * {@link io.microplatform.starter.problem} (RFC 9457 errors for servlet and reactive services),
 * {@link io.microplatform.starter.seata} (the global transaction id on outbound HTTP calls) and
 * {@link io.microplatform.starter.tracing} (a trace kept across an outbox, the XID on spans).
 */
package io.microplatform.starter;
