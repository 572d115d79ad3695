/**
 * Authentication and request hygiene at the gateway. {@code /api/**} needs a JWT bearer token (HS256 with a
 * secret from the environment, or an identity provider's JWK set), except the public endpoints (catalog
 * reads); admin endpoints (creating products, restocking, creating accounts) need role {@code admin}; of the
 * actuator, only health is on the public port (the rest is on the management port, not reachable from outside). The token's subject goes downstream in {@code X-User-Id}, which a client
 * cannot set itself. Missing, malformed, expired or wrongly signed tokens are 401 problem+json, a missing
 * role is 403; request bodies over the size limit are 413; CORS and the security headers (CSP, no framing, no
 * sniffing, no referrer) are set here, once, for every service.
 *
 * <p>The rules are read from {@code microplatform.gateway.security} per request (changes apply without a
 * restart); the key that verifies tokens is read at start-up.
 */
package io.microplatform.gateway.security;
