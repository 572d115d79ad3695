package io.microplatform.orders.inventory;

import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;

@Configuration(proxyBeanMethods = false)
class InventoryClientConfiguration {

    /** Built through Boot's configurer, so its customizers (the XID interceptor among them) apply. */
    @Bean
    @LoadBalanced
    RestClient.Builder inventoryRestClientBuilder(RestClientBuilderConfigurer configurer, InventoryProperties properties) {
        HttpClient httpClient = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
        requestFactory.setReadTimeout(properties.readTimeout());
        return configurer.configure(RestClient.builder()).requestFactory(requestFactory)
                .baseUrl(properties.baseUrl().toString());
    }

    @Bean
    RestClient inventoryRestClient(RestClient.Builder inventoryRestClientBuilder) {
        return inventoryRestClientBuilder.build();
    }
}
