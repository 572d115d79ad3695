package io.microplatform.starter.problem;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemAutoConfigurationTest {

    private final AutoConfigurations problems = AutoConfigurations.of(ProblemAutoConfiguration.class);

    @Test
    void aServletServiceGetsTheServletHandler() {
        new WebApplicationContextRunner().withConfiguration(problems).run(context -> assertThat(context)
                .hasSingleBean(ServletProblemHandler.class)
                .doesNotHaveBean(ReactiveProblemHandler.class));
    }

    @Test
    void aReactiveServiceGetsTheReactiveHandler() {
        new ReactiveWebApplicationContextRunner().withConfiguration(problems)
                .withBean(ServerCodecConfigurer.class, ServerCodecConfigurer::create)
                .run(context -> assertThat(context)
                        .hasSingleBean(ReactiveProblemHandler.class)
                        .doesNotHaveBean(ServletProblemHandler.class));
    }

    @Test
    void anApplicationWithoutWebStackGetsNeither() {
        new ApplicationContextRunner().withConfiguration(problems).run(context -> assertThat(context)
                .doesNotHaveBean(ServletProblemHandler.class)
                .doesNotHaveBean(ReactiveProblemHandler.class));
    }

    @Test
    void aServiceWithItsOwnHandlerKeepsIt() {
        new WebApplicationContextRunner().withConfiguration(problems)
                .withBean("ownHandler", ResponseEntityExceptionHandler.class, () -> new ResponseEntityExceptionHandler() {
                })
                .run(context -> assertThat(context)
                        .hasSingleBean(ResponseEntityExceptionHandler.class)
                        .hasBean("ownHandler")
                        .doesNotHaveBean(ServletProblemHandler.class));
        new ReactiveWebApplicationContextRunner().withConfiguration(problems)
                .withBean(ServerCodecConfigurer.class, ServerCodecConfigurer::create)
                .withBean("ownHandler", ReactiveProblemHandler.class, () -> new ReactiveProblemHandler(ServerCodecConfigurer.create()))
                .run(context -> assertThat(context).hasSingleBean(ReactiveProblemHandler.class).hasBean("ownHandler"));
    }
}
