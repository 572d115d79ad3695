package io.microplatform.starter.seata;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SeataXidPropagationAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SeataXidPropagationAutoConfiguration.class));

    @Test
    void everyRestClientBuiltFromBootsBuilderPropagatesTheXid() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(XidPropagatingInterceptor.class).hasBean("seataXidPropagation");
            assertThat(interceptorsAfterCustomizing(context.getBean(RestClientCustomizer.class)))
                    .containsExactly(context.getBean(XidPropagatingInterceptor.class));
        });
    }

    @Test
    void aServicesOwnInterceptorIsTheOnePropagating() {
        XidPropagatingInterceptor own = new XidPropagatingInterceptor();
        runner.withBean("ownInterceptor", XidPropagatingInterceptor.class, () -> own).run(context -> {
            assertThat(context).hasSingleBean(XidPropagatingInterceptor.class).hasBean("ownInterceptor");
            assertThat(interceptorsAfterCustomizing(context.getBean(RestClientCustomizer.class))).containsExactly(own);
        });
    }

    @Test
    void aServicesOwnCustomizerReplacesOurs() {
        runner.withBean("seataXidPropagation", RestClientCustomizer.class, () -> builder -> { })
                .run(context -> assertThat(interceptorsAfterCustomizing(context.getBean(RestClientCustomizer.class)))
                        .isEmpty());
    }

    @Test
    void withoutSeataNothingIsAdded() {
        runner.withClassLoader(new FilteredClassLoader("org.apache.seata")).run(context -> assertThat(context)
                .doesNotHaveBean(XidPropagatingInterceptor.class)
                .doesNotHaveBean(RestClientCustomizer.class));
    }

    private static List<ClientHttpRequestInterceptor> interceptorsAfterCustomizing(RestClientCustomizer customizer) {
        RestClient.Builder builder = RestClient.builder();
        customizer.customize(builder);
        List<ClientHttpRequestInterceptor> interceptors = new ArrayList<>();
        builder.requestInterceptors(interceptors::addAll);
        return interceptors;
    }
}
