package io.microplatform.gateway.security;

import io.microplatform.gateway.config.LiveProperties;
import io.microplatform.starter.problem.ReactiveProblemHandler;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import reactor.core.publisher.Mono;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Stateless bearer-token security: {@code /api/**} needs a JWT unless public, admin endpoints need role
 * {@code admin}. Errors are problem+json; responses carry the usual security headers; CORS comes from
 * configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** What a user id may look like: it travels in a header and into keys and logs. */
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@:+-]{1,128}");

    @Bean
    LiveProperties<SecurityProperties> securitySettings(SecurityProperties properties, Environment environment,
            Validator validator) {
        return new LiveProperties<>(properties, environment, validator);
    }

    @Bean
    SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http, LiveProperties<SecurityProperties> settings,
            ReactiveJwtDecoder jwtDecoder, ReactiveProblemHandler problemHandler) {
        SecurityProblems problems = new SecurityProblems(problemHandler);
        SecurityProperties.Jwt jwt = settings.get().jwt();
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(cors -> cors.configurationSource(corsSource(settings)))
                // Spring Security's headers, written by one writer in its filter's place (SecurityHeaders)
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .addFilterAt(new HttpHeaderWriterWebFilter(new SecurityHeaders()),
                        SecurityWebFiltersOrder.HTTP_HEADERS_WRITER)
                // actuator endpoints other than health are served on the management port only, which is not
                // reachable from outside (config/gateway.yml); the public port has nothing else under /actuator
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/api/**").access(new EndpointAccess(settings))
                        .anyExchange().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(token -> token.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(authentication(jwt)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    /**
     * Keys are read once at start-up: secrets come from the environment (a restart applies a new one), an
     * identity provider's keys are fetched from its JWK set as it rotates them.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(LiveProperties<SecurityProperties> settings) {
        SecurityProperties.Jwt jwt = settings.get().jwt();
        NimbusReactiveJwtDecoder decoder;
        if (jwt.usesJwkSet()) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
        }
        else {
            if (jwt.usesDevelopmentSecret()) {
                log.warn("Verifying tokens with the DEVELOPMENT secret (local mode only): set GATEWAY_JWT_SECRET "
                        + "anywhere else");
            }
            SecretKeySpec key = new SecretKeySpec(jwt.effectiveSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            decoder = NimbusReactiveJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        }
        decoder.setJwtValidator(validator(jwt));
        return decoder;
    }

    /** Expiry required (a token without one would be valid forever), a sane subject, the issuer if configured. */
    private static OAuth2TokenValidator<Jwt> validator(SecurityProperties.Jwt jwt) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(jwt.clockSkew()));
        validators.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, exp -> exp != null));
        validators.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && USER_ID.matcher(sub).matches()));
        if (jwt.issuer() != null && !jwt.issuer().isBlank()) {
            validators.add(new JwtIssuerValidator(jwt.issuer()));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    private static Converter<Jwt, Mono<AbstractAuthenticationToken>> authentication(SecurityProperties.Jwt jwt) {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(jwt.rolesClaim());
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    private static CorsConfigurationSource corsSource(LiveProperties<SecurityProperties> settings) {
        return exchange -> {
            SecurityProperties.Cors cors = settings.get().cors();
            if (cors.allowedOrigins().isEmpty() || !exchange.getRequest().getPath().value().startsWith("/api/")) {
                return null;
            }
            CorsConfiguration configuration = new CorsConfiguration();
            configuration.setAllowedOrigins(cors.allowedOrigins());
            configuration.setAllowedMethods(cors.allowedMethods());
            configuration.setAllowedHeaders(cors.allowedHeaders());
            configuration.setExposedHeaders(cors.exposedHeaders());
            configuration.setMaxAge(cors.maxAge());
            return configuration;
        };
    }

    /**
     * Spring Security would observe each of its filters on every request (spans and timers); what matters is
     * already observed as {@code http.server.requests} and the gateway's per-route client observations, and the
     * per-filter observations cost a noticeable share of the gateway's time (bench/).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's filters run in a plain chain ({@link LeanFilterChain}). */
    @Bean
    static BeanPostProcessor leanSecurityFilterChain() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof WebFilterChainProxy proxy) {
                    proxy.setFilterChainDecorator(new LeanFilterChain.Decorator());
                }
                return bean;
            }
        };
    }

    @Bean
    RequestSizeLimitFilter requestSizeLimitFilter(LiveProperties<SecurityProperties> settings) {
        return new RequestSizeLimitFilter(settings);
    }

    @Bean
    UserIdHeaderFilter userIdHeaderFilter(LiveProperties<SecurityProperties> settings) {
        return new UserIdHeaderFilter(settings);
    }
}
