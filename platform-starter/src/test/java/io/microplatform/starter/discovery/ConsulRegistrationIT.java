package io.microplatform.starter.discovery;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.Testcontainers;
import org.testcontainers.consul.ConsulContainer;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The docker/k8s wiring of platform.yml against a real Consul: a service loads its configuration from the
 * KV documents the loader writes, registers with a passing readiness check and its metadata, is discovered
 * through Consul, and picks up a changed KV document without a restart. Needs Docker: skipped cleanly
 * without it (the machines this project builds on have none; {@link RuntimeModeWiringTest} covers what can
 * be checked without Consul).
 */
@org.testcontainers.junit.jupiter.Testcontainers(disabledWithoutDocker = true)
class ConsulRegistrationIT {

    private static final Path CONFIG = Path.of("../config").toAbsolutePath().normalize();

    private static final HttpClient http = HttpClient.newHttpClient();

    private static ConsulContainer consul;

    private static ConfigurableApplicationContext service;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        int port = freePort();
        // Consul (in a container) checks the service's health on this machine's port
        Testcontainers.exposeHostPorts(port);
        consul = new ConsulContainer("hashicorp/consul:1.20");
        consul.start();
        // what the consul-config-loader does in docker-compose and Kubernetes
        putKv("config/application/data", Files.readString(CONFIG.resolve("application.yml")));
        putKv("config/consul-probe/data", "probe:\n  greeting: hello\n");
        service = new SpringApplicationBuilder(ProbeApplication.class).bannerMode(Banner.Mode.OFF)
            .properties("spring.application.name=consul-probe", "spring.profiles.active=docker",
                    "spring.config.import=classpath:META-INF/microplatform/platform.yml", "PLATFORM_CONFIG_DIR=/nonexistent",
                    "CONSUL_HOST=" + consul.getHost(), "CONSUL_PORT=" + consul.getMappedPort(8500), "SERVER_PORT=" + port,
                    "HOSTNAME=probe-1", "INSTANCE_WEIGHT=2", "INSTANCE_ZONE=zone-probe", "INSTANCE_VERSION=9.9.9",
                    // registered under the name by which the Consul container reaches this machine
                    "spring.cloud.consul.discovery.prefer-ip-address=false",
                    "spring.cloud.consul.discovery.hostname=host.testcontainers.internal",
                    // platform-starter's optional Seata client has no coordinator here
                    "seata.enabled=false")
            .run();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (consul != null) {
            consul.stop();
        }
    }

    @Test
    void configurationComesFromConsulKv() {
        assertThat(service.getEnvironment().getProperty("probe.greeting")).isEqualTo("hello");
        assertThat(service.getEnvironment().getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
    }

    @Test
    void registersWithAPassingReadinessCheck() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String healthy = get("/v1/health/service/consul-probe?passing=true");
            assertThat(healthy).contains("\"ID\":\"consul-probe-probe-1-" + service.getEnvironment().getProperty("server.port") + "\"")
                .contains("\"zone\":\"zone-probe\"")
                .contains("\"weight\":\"2\"")
                .contains("\"version\":\"9.9.9\"")
                .contains("/actuator/health/readiness");
        });
    }

    @Test
    void isDiscoveredThroughConsulWithItsMetadata() {
        DiscoveryClient discovery = service.getBean(DiscoveryClient.class);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<ServiceInstance> instances = discovery.getInstances("consul-probe");
            assertThat(instances).singleElement().satisfies((instance) -> {
                assertThat(instance.getMetadata()).containsEntry("zone", "zone-probe").containsEntry("weight", "2");
                assertThat(instance.getPort()).isEqualTo(Integer.parseInt(service.getEnvironment().getProperty("server.port")));
            });
        });
    }

    @Test
    void refreshesAChangedKvDocumentWithoutRestart() throws Exception {
        putKv("config/consul-probe/data", "probe:\n  greeting: bonjour\n");
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(service.getEnvironment().getProperty("probe.greeting")).isEqualTo("bonjour"));
    }

    private static String consulUrl(String path) {
        return "http://" + consul.getHost() + ":" + consul.getMappedPort(8500) + path;
    }

    private static void putKv(String key, String value) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(consulUrl("/v1/kv/" + key))).PUT(HttpRequest.BodyPublishers.ofString(value)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static String get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(consulUrl(path))).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ProbeApplication {

    }

}
