/**
 * One Swagger UI for the whole platform. Each service serves its own OpenAPI document (springdoc, completed by
 * platform-starter's {@code openapi} package); the gateway routes {@code /api-docs/<service>} to it like any
 * other request (discovery, load balancing, a rate limit per client address, retries on another instance, the
 * circuit breaker: {@code config/gateway.yml}) and serves springdoc's Swagger UI listing those routes at
 * {@code /swagger-ui.html}. The documents name their own origin as server, so "Try it out" goes through the
 * gateway with the token entered under "Authorize"; the UI and the documents need no token (they are not under
 * {@code /api}), the API they describe keeps its rules.
 *
 * <p>The gateway's Content-Security-Policy forbids everything a page needs ({@code default-src 'none'}): right
 * for JSON, wrong for the UI, which loads its scripts and styles from the gateway and uses inline styles and
 * data: images. {@link SwaggerUiContentSecurityPolicy} gives the UI's own paths a policy that allows exactly
 * that, and still no framing and no other origin.
 */
package io.microplatform.gateway.apidocs;
