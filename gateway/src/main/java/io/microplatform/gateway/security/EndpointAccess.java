package io.microplatform.gateway.security;

import io.microplatform.gateway.config.LiveProperties;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authorization.AuthenticatedReactiveAuthorizationManager;
import org.springframework.security.authorization.AuthorityReactiveAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * The access rule of an {@code /api/**} request, from the live configuration: public, admin only, or any
 * authenticated user. Rules are parsed once per configuration change, not per request.
 */
class EndpointAccess implements ReactiveAuthorizationManager<AuthorizationContext> {

    static final String ADMIN = "admin";

    private final LiveProperties<SecurityProperties> settings;
    private final ReactiveAuthorizationManager<AuthorizationContext> authenticated =
            AuthenticatedReactiveAuthorizationManager.authenticated();
    private final ReactiveAuthorizationManager<AuthorizationContext> admin =
            AuthorityReactiveAuthorizationManager.hasRole(ADMIN);
    private volatile Rules rules;

    EndpointAccess(LiveProperties<SecurityProperties> settings) {
        this.settings = settings;
        this.rules = Rules.of(settings.get());
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        Rules current = rules;
        if (current.source != settings.get()) {
            current = Rules.of(settings.get());
            rules = current;
        }
        ServerHttpRequest request = context.getExchange().getRequest();
        if (current.admin.matches(request)) {
            return admin.authorize(authentication, context);
        }
        if (current.open.matches(request)) {
            return Mono.just(new AuthorizationDecision(true));
        }
        return authenticated.authorize(authentication, context);
    }

    private record Rules(SecurityProperties source, Endpoints open, Endpoints admin) {

        static Rules of(SecurityProperties properties) {
            return new Rules(properties, Endpoints.of(properties.publicEndpoints()),
                    Endpoints.of(properties.adminEndpoints()));
        }
    }

    /** {@code [METHOD ]<pattern>} rules; no method matches every method. */
    record Endpoints(List<Endpoint> endpoints) {

        static Endpoints of(List<String> rules) {
            return new Endpoints(rules.stream().map(Endpoint::parse).toList());
        }

        boolean matches(ServerHttpRequest request) {
            PathContainer path = request.getPath().pathWithinApplication();
            for (Endpoint endpoint : endpoints) {
                if ((endpoint.method() == null || endpoint.method().equals(request.getMethod()))
                        && endpoint.pattern().matches(path)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Endpoint(HttpMethod method, PathPattern pattern) {

        static Endpoint parse(String rule) {
            String trimmed = rule.trim();
            int space = trimmed.indexOf(' ');
            HttpMethod method = space < 0 ? null : HttpMethod.valueOf(trimmed.substring(0, space));
            return new Endpoint(method, PathPatternParser.defaultInstance.parse(trimmed.substring(space + 1).trim()));
        }
    }
}
