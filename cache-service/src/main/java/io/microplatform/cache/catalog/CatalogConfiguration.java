package io.microplatform.cache.catalog;

import io.micrometer.core.instrument.MeterRegistry;
import io.microplatform.cache.coherence.NearCache;
import io.microplatform.cache.ring.CacheRing;
import io.microplatform.starter.lock.DistributedLocks;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

    /** Built through Boot's configurer (its customizers apply) and load-balanced over discovery, like order -> inventory. */
    @Bean
    @LoadBalanced
    RestClient.Builder inventoryRestClientBuilder(RestClientBuilderConfigurer configurer, CatalogProperties properties) {
        HttpClient httpClient = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
        requestFactory.setReadTimeout(properties.readTimeout());
        return configurer.configure(RestClient.builder()).requestFactory(requestFactory)
                .baseUrl(properties.inventoryUrl().toString());
    }

    @Bean
    InventoryCatalog inventoryCatalog(RestClient.Builder inventoryRestClientBuilder, JsonMapper json) {
        return new InventoryCatalog(inventoryRestClientBuilder.build(), json);
    }

    @Bean
    CatalogStore catalogStore(CacheRing ring, CatalogProperties properties) {
        // a floor outlives every entry and every load that could still write below it
        return new CatalogStore(ring, Math.round(properties.ttl().toMillis() * (1 + properties.ttlJitter()))
                + properties.leaseWait().toMillis() + properties.readTimeout().toMillis());
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService catalogRefresher() {
        // early refreshes only: a few threads, and a refresh that finds the queue full is simply not done
        return new ThreadPoolExecutor(1, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(100), runnable -> {
            Thread thread = new Thread(runnable, "catalog-refresh");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    @Bean
    CatalogCache catalogCache(NearCache near, CatalogStore store, InventoryCatalog inventory, DistributedLocks locks,
                              CatalogProperties properties, ExecutorService catalogRefresher, MeterRegistry meters) {
        return new CatalogCache(near, store, inventory::load, locks, properties, catalogRefresher, meters);
    }

    /** An event that cannot be applied now is tried again every second, never skipped. */
    @Bean
    CommonErrorHandler kafkaErrorHandler() {
        return new DefaultErrorHandler(new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS));
    }
}
