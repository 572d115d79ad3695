package io.microplatform.gateway.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Who may call what ({@code microplatform.gateway.security}). Every {@code /api/**} request needs a valid
 * bearer token, except the {@code public-endpoints}; the {@code admin-endpoints} need role {@code admin}.
 * Endpoint rules read {@code [METHOD ]<path pattern>}, e.g. {@code GET /api/inventory/products/**}.
 *
 * @param jwt how tokens are verified
 * @param publicEndpoints reachable without a token
 * @param adminEndpoints need role {@code admin}
 * @param userIdHeader the header that carries the token's subject downstream; a client's own is removed
 * @param maxRequestSize larger request bodies are refused with 413
 * @param cors cross-origin access for browser front ends
 */
@ConfigurationProperties("microplatform.gateway.security")
@Validated
public record SecurityProperties(@DefaultValue @Valid @NotNull Jwt jwt,
        List<@Pattern(regexp = RULE, message = "must be [METHOD ]/path/pattern") String> publicEndpoints,
        List<@Pattern(regexp = RULE, message = "must be [METHOD ]/path/pattern") String> adminEndpoints,
        @DefaultValue("X-User-Id") @NotBlank String userIdHeader,
        @DefaultValue("1MB") @NotNull DataSize maxRequestSize,
        @DefaultValue @Valid @NotNull Cors cors) {

    static final String RULE = "([A-Z]+ )?/\\S*";

    public SecurityProperties {
        publicEndpoints = publicEndpoints == null ? List.of() : List.copyOf(publicEndpoints);
        adminEndpoints = adminEndpoints == null ? List.of() : List.copyOf(adminEndpoints);
    }

    /**
     * Tokens are HS256-signed with {@code secret}, or verified against the keys at {@code jwkSetUri} (an identity
     * provider). Secrets come from the environment ({@code GATEWAY_JWT_SECRET}); {@code developmentSecret} is set
     * only outside the docker and k8s profiles, so that the local mode works out of the box and nothing else
     * does with a published key.
     *
     * @param secret the HS256 key, at least 32 bytes (256 bits)
     * @param developmentSecret used when no secret is set; never set it in a deployment
     * @param jwkSetUri where the identity provider publishes its keys; takes precedence over the secret
     * @param issuer if set, tokens must carry this {@code iss}
     * @param rolesClaim the claim that lists the user's roles
     * @param clockSkew tolerance on {@code exp} and {@code nbf}
     */
    public record Jwt(String secret, String developmentSecret, String jwkSetUri, String issuer,
            @DefaultValue("roles") @NotBlank String rolesClaim,
            @DefaultValue("30s") @NotNull Duration clockSkew) {

        @AssertTrue(message = "a key to verify tokens is needed: set GATEWAY_JWT_SECRET "
                + "(microplatform.gateway.security.jwt.secret) or jwk-set-uri")
        public boolean isKeyConfigured() {
            return hasText(jwkSetUri) || hasText(secret) || hasText(developmentSecret);
        }

        @AssertTrue(message = "the HS256 secret must be at least 32 bytes (256 bits); e.g. openssl rand -hex 32")
        public boolean isSecretLongEnough() {
            return !hasText(effectiveSecret()) || effectiveSecret().getBytes(StandardCharsets.UTF_8).length >= 32;
        }

        /** The configured secret, else the development one. */
        String effectiveSecret() {
            return hasText(secret) ? secret : developmentSecret;
        }

        boolean usesDevelopmentSecret() {
            return !hasText(jwkSetUri) && !hasText(secret) && hasText(developmentSecret);
        }

        boolean usesJwkSet() {
            return hasText(jwkSetUri);
        }

        private static boolean hasText(String value) {
            return value != null && !value.isBlank();
        }
    }

    /**
     * @param allowedOrigins origins of browser front ends allowed to call {@code /api/**}; none by default
     */
    public record Cors(List<String> allowedOrigins,
            @DefaultValue({ "GET", "POST", "PUT", "DELETE" }) List<String> allowedMethods,
            @DefaultValue({ "Authorization", "Content-Type", "Idempotency-Key", "X-API-Key" }) List<String> allowedHeaders,
            @DefaultValue({ "Location", "Retry-After", "X-Degraded", "X-RateLimit-Limit", "X-RateLimit-Remaining",
                    "X-RateLimit-Replenish-Rate" }) List<String> exposedHeaders,
            @DefaultValue("30m") @NotNull Duration maxAge) {

        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        }
    }
}
