/**
 * The OpenAPI document every servlet service serves at {@code /v3/api-docs} (springdoc), completed in one place
 * with what the platform does the same way everywhere, so that no controller repeats it:
 * <ul>
 * <li>the error responses: {@link io.microplatform.starter.problem.ServletProblemHandler} is the one place errors
 * are mapped, so {@link ProblemResponses} describes its answers once, as {@code application/problem+json} with
 * the {@code Problem} schema: 400 for an operation that takes input, 404 for one with a path variable, 503 with
 * {@code Retry-After} (a dependency unavailable) and 500 for every operation. Conflicts and other domain answers
 * (409, 402, 403) are the controllers' own, declared where they are thrown;</li>
 * <li>the bearer-token scheme the gateway checks, so that a Swagger UI offers "Authorize";</li>
 * <li>a relative server ({@code /}): the document describes the API where it was fetched from, so the
 * gateway's Swagger UI, which reads it through {@code /api-docs/<service>}, sends "Try it out" requests
 * through the gateway (the paths are the same there), and a service's own UI to the service.</li>
 * </ul>
 * Only {@code /api/**} is documented: the internal endpoints (order-service's calls to inventory-service) are not
 * reachable through the gateway.
 */
package io.microplatform.starter.openapi;
