package io.microplatform.starter.seata;

import org.apache.seata.core.context.RootContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * Applies {@link XidPropagatingInterceptor} to every RestClient built from Boot's (or a load-balanced) builder.
 * A service replaces the interceptor by declaring its own bean of that type, or the whole customizer by
 * declaring a bean named {@value #CUSTOMIZER}.
 */
@AutoConfiguration
@ConditionalOnClass({ RootContext.class, RestClient.class, RestClientCustomizer.class })
public final class SeataXidPropagationAutoConfiguration {

    static final String CUSTOMIZER = "seataXidPropagation";

    @Bean
    @ConditionalOnMissingBean
    XidPropagatingInterceptor xidPropagatingInterceptor() {
        return new XidPropagatingInterceptor();
    }

    @Bean(CUSTOMIZER)
    @ConditionalOnMissingBean(name = CUSTOMIZER)
    RestClientCustomizer seataXidPropagation(XidPropagatingInterceptor interceptor) {
        return builder -> builder.requestInterceptor(interceptor);
    }
}
