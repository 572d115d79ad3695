package io.microplatform.gateway.security;

import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import io.microplatform.starter.problem.ReactiveProblemHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;

/**
 * 401 and 403 as the platform's problem+json, written by platform-starter's handler like every other error,
 * with the {@code WWW-Authenticate} challenge of RFC 6750.
 */
class SecurityProblems implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    static final URI UNAUTHORIZED = ProblemTypes.of("unauthorized");
    static final URI FORBIDDEN = ProblemTypes.FORBIDDEN;

    private final ReactiveProblemHandler problems;

    SecurityProblems(ReactiveProblemHandler problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        boolean tokenGiven = ex instanceof OAuth2AuthenticationException;
        String detail = tokenGiven ? "the bearer token is not valid: " + describe((OAuth2AuthenticationException) ex)
                : "this endpoint needs a bearer token: Authorization: Bearer <JWT>";
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                tokenGiven ? "Bearer error=\"invalid_token\"" : "Bearer");
        return problems.handle(exchange, new ProblemException(HttpStatus.UNAUTHORIZED, UNAUTHORIZED, detail));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        return problems.handle(exchange, new ProblemException(HttpStatus.FORBIDDEN, FORBIDDEN,
                "the token does not carry the role this endpoint needs"));
    }

    private static String describe(OAuth2AuthenticationException ex) {
        String description = ex.getError().getDescription();
        return description != null ? description : ex.getError().getErrorCode();
    }
}
