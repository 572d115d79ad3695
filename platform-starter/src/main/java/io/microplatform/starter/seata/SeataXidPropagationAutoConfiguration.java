package io.microplatform.starter.seata;

import org.apache.seata.core.context.RootContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/** Applies {@link XidPropagatingInterceptor} to every RestClient built from Boot's (or a load-balanced) builder. */
@AutoConfiguration
@ConditionalOnClass({ RootContext.class, RestClient.class, RestClientCustomizer.class })
public class SeataXidPropagationAutoConfiguration {

    @Bean
    RestClientCustomizer seataXidPropagation() {
        return builder -> builder.requestInterceptor(new XidPropagatingInterceptor());
    }
}
