package io.microplatform.starter.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import org.junit.jupiter.api.Test;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiAutoConfigurationTest {

    private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OpenApiAutoConfiguration.class))
            .withPropertyValues("spring.application.name=thing-service");

    @Test
    void aServletServiceWithSpringdocGetsTheProblemsTheTokenSchemeAndARelativeServer() {
        servlet.run(context -> {
            assertThat(context).hasSingleBean(ProblemResponses.class);
            OpenAPI openApi = context.getBean(OpenAPI.class);
            assertThat(openApi.getInfo().getTitle()).isEqualTo("thing-service");
            assertThat(openApi.getComponents().getSecuritySchemes()).containsKey(OpenApiAutoConfiguration.BEARER);
            assertThat(openApi.getSecurity()).singleElement()
                    .satisfies(requirement -> assertThat(requirement).containsKey(OpenApiAutoConfiguration.BEARER));
            assertThat(openApi.getServers()).singleElement().satisfies(server -> assertThat(server.getUrl()).isEqualTo("/"));
        });
    }

    @Test
    void aServiceWithoutSpringdocGetsNothing() {
        servlet.withClassLoader(new FilteredClassLoader(OpenApiCustomizer.class))
                .run(context -> assertThat(context).doesNotHaveBean(ProblemResponses.class).doesNotHaveBean(OpenAPI.class));
    }

    @Test
    void theReactiveGatewayGetsNothing() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(OpenApiAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(ProblemResponses.class).doesNotHaveBean(OpenAPI.class));
    }

    @Test
    void aServicesOwnDefinitionsWin() {
        servlet.withBean("ownOpenApi", OpenAPI.class, () -> new OpenAPI())
                .withBean("ownProblems", ProblemResponses.class, ProblemResponses::new)
                .run(context -> assertThat(context).hasSingleBean(OpenAPI.class).hasBean("ownOpenApi")
                        .hasSingleBean(ProblemResponses.class).hasBean("ownProblems"));
    }
}
