package io.microplatform.gateway.apidocs;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Swagger UI's own content policy; the routes and the UI's list of documents are configuration. */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    @Bean
    SwaggerUiContentSecurityPolicy swaggerUiContentSecurityPolicy() {
        return new SwaggerUiContentSecurityPolicy();
    }
}
