package io.microplatform.starter.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Registers the problem+json error handler that matches the service's web stack, unless the service declares
 * its own ({@code ResponseEntityExceptionHandler} on servlet, {@code ReactiveProblemHandler} on reactive).
 * Also part of {@code @WebMvcTest} slices, so that they map errors as the running service does.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
        "org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration" })
public final class ProblemAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Servlet {

        @Bean
        @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
        ServletProblemHandler servletProblemHandler() {
            return new ServletProblemHandler();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    static class Reactive {

        @Bean
        @ConditionalOnMissingBean
        ReactiveProblemHandler reactiveProblemHandler(ServerCodecConfigurer codecs) {
            return new ReactiveProblemHandler(codecs);
        }
    }
}
