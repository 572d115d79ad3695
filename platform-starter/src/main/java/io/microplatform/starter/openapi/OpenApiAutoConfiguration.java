package io.microplatform.starter.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Completes a servlet service's OpenAPI document with the platform's error responses, the gateway's bearer-token
 * scheme and a relative server; see the package documentation. Each bean backs off when the service declares
 * its own.
 */
@AutoConfiguration(beforeName = "org.springdoc.core.configuration.SpringDocConfiguration")
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class OpenApiAutoConfiguration {

    /** The name of the security scheme of the gateway's JWTs in every document. */
    public static final String BEARER = "bearer-jwt";

    /**
     * Title, the token scheme and the requirement of it on every operation, and one relative server: "Try it out"
     * goes where the document was read from, the gateway or the service itself (springdoc would otherwise name
     * the address the request reached, an instance's).
     */
    @Bean
    @ConditionalOnMissingBean
    OpenAPI platformOpenApi(@Value("${spring.application.name:service}") String application,
            @Value("${spring.application.version:}") String version) {
        return new OpenAPI()
                .info(new Info().title(application)
                        .version(version.isBlank() ? "current" : version)
                        .description("Reached through the gateway under /api. Every request needs a bearer token "
                                + "(a JWT the gateway verifies) except the public catalog reads; errors are RFC 9457 "
                                + "application/problem+json with a stable type URI."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("A JWT signed with the gateway's key; in the local mode `./platform token "
                                + "<user> [role...]` prints one (role admin for creating products, restocking and "
                                + "opening accounts)")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .addServersItem(new Server().url("/").description("where this document was read from: the gateway "
                        + "(its Swagger UI), or the service itself"));
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemResponses problemResponses() {
        return new ProblemResponses();
    }
}
