package io.microplatform.starter.discovery;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationProperties;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.cloud.commons.util.InetUtilsProperties;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryProperties;
import org.springframework.cloud.consul.discovery.HeartbeatProperties;
import org.springframework.cloud.consul.model.http.agent.NewService;
import org.springframework.cloud.consul.serviceregistry.ConsulAutoRegistration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a service sends to Consul and reads from it in the docker and k8s modes, checked without Consul: the
 * environment is built by Spring Boot's real config-data processing from platform-starter's platform.yml,
 * with the repository's config/ served for the {@code consul:} import as Consul KV serves it
 * ({@link ConsulKvFromFiles}), and the registration is built by Spring Cloud Consul's own code from it.
 */
class RuntimeModeWiringTest {

    private static final Path CONFIG = Path.of("../config").toAbsolutePath().normalize();

    @Test
    void dockerProfileImportsConfigurationFromConsulKv() {
        try (ConfigurableApplicationContext context = start("order-service", "docker")) {
            ConfigurableEnvironment environment = context.getEnvironment();
            assertThat(environment.getProperty("spring.cloud.consul.enabled")).isEqualTo("true");
            assertThat(environment.getProperty("spring.cloud.consul.host")).isEqualTo("consul");
            assertThat(environment.getProperty("spring.cloud.consul.port")).isEqualTo("8500");
            assertThat(environment.getProperty("spring.cloud.consul.config.format")).isEqualTo("YAML");
            assertThat(environment.getProperty("spring.cloud.consul.config.prefixes")).isEqualTo("config");
            assertThat(environment.getProperty("spring.cloud.consul.config.default-context")).isEqualTo("application");
            assertThat(environment.getProperty("spring.cloud.consul.config.data-key")).isEqualTo("data");
            assertThat(environment.getProperty("spring.cloud.consul.config.watch.enabled")).isEqualTo("true");
            // the two KV documents were imported (only the `consul:` import reaches them) ...
            assertThat(propertySourceNames(environment)).contains("config/application/data", "config/order-service/data");
            // ... and resolve against the container's environment variables
            assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://postgres:5432/orders");
            assertThat(environment.getProperty("server.port")).isEqualTo("8080");
        }
    }

    @Test
    void dockerProfileFindsTheSeataCoordinatorThroughConsulDespiteTheSharedConfiguration() {
        // config/application.yml comes from Consul KV and, being imported, overrides platform.yml: it must not
        // carry the local mode's coordinator settings, or the docker profile would silently use them
        try (ConfigurableApplicationContext context = start("order-service", "docker")) {
            ConfigurableEnvironment environment = context.getEnvironment();
            assertThat(environment.getProperty("seata.registry.type")).isEqualTo("consul");
            assertThat(environment.getProperty("seata.registry.consul.server-addr")).isEqualTo("consul:8500");
            // Seata looks the mapped cluster name up as the Consul service name the coordinator registers
            assertThat(environment.getProperty("seata.service.vgroup-mapping.microplatform-tx")).isEqualTo("seata-server");
            assertThat(environment.getProperty("seata.tx-service-group")).isEqualTo("microplatform-tx");
        }
    }

    @Test
    void localModeUsesTheFixedCoordinatorAddressAndNoConsul() {
        try (ConfigurableApplicationContext context = start("order-service", "local", "PLATFORM_CONFIG_DIR=" + CONFIG)) {
            ConfigurableEnvironment environment = context.getEnvironment();
            assertThat(environment.getProperty("spring.cloud.consul.enabled")).isEqualTo("false");
            assertThat(environment.getProperty("seata.registry.type")).isEqualTo("file");
            assertThat(environment.getProperty("seata.service.vgroup-mapping.microplatform-tx")).isEqualTo("default");
            assertThat(environment.getProperty("seata.service.grouplist.default")).isEqualTo("localhost:18091");
            assertThat(propertySourceNames(environment)).doesNotContain("config/application/data");
        }
    }

    @Test
    void registrationCarriesTheReadinessCheckDeregisterTimeoutAndMetadata() {
        try (ConfigurableApplicationContext context = start("inventory-service", "docker", "HOSTNAME=inventory-7f9c", "INSTANCE_WEIGHT=3",
                "INSTANCE_ZONE=zone-b", "INSTANCE_VERSION=1.4.2")) {
            NewService service = registration(context);
            assertThat(service.getName()).isEqualTo("inventory-service");
            assertThat(service.getId()).isEqualTo("inventory-service-inventory-7f9c-8080");
            assertThat(service.getPort()).isEqualTo(8080);
            assertThat(service.getMeta()).containsEntry("weight", "3").containsEntry("zone", "zone-b").containsEntry("version", "1.4.2");
            NewService.Check check = service.getCheck();
            assertThat(check.getHttp()).endsWith(":8080/actuator/health/readiness");
            assertThat(check.getInterval()).isEqualTo("5s");
            assertThat(check.getTimeout()).isEqualTo("2s");
            // a killed instance disappears by itself (Consul's minimum is one minute)
            assertThat(check.getDeregisterCriticalServiceAfter()).isEqualTo("1m");
        }
    }

    @Test
    void instancesOfOneServiceRegisterUnderDistinctIds() {
        try (ConfigurableApplicationContext first = start("scheduler-service", "k8s", "HOSTNAME=scheduler-service-5d8f-a");
                ConfigurableApplicationContext second = start("scheduler-service", "k8s", "HOSTNAME=scheduler-service-5d8f-b")) {
            NewService one = registration(first);
            NewService other = registration(second);
            assertThat(one.getName()).isEqualTo(other.getName());
            assertThat(one.getId()).isNotEqualTo(other.getId());
            assertThat(one.getMeta()).containsEntry("weight", "1").containsEntry("zone", "default");
        }
    }

    private static ConfigurableApplicationContext start(String application, String profile, String... properties) {
        return new SpringApplicationBuilder(NoBeans.class).web(WebApplicationType.NONE)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .properties("spring.application.name=" + application,
                    "spring.config.import=classpath:META-INF/microplatform/platform.yml",
                    "spring.profiles.active=" + profile,
                    // as in a container: no config/ folder next to the application, only Consul KV
                    "PLATFORM_CONFIG_DIR=/nonexistent", ConsulKvFromFiles.DIRECTORY + "=" + CONFIG,
                    "POSTGRES_HOST=postgres", "POSTGRES_PORT=5432")
            .properties(properties)
            .run();
    }

    private static NewService registration(ConfigurableApplicationContext context) {
        try (InetUtils inetUtils = new InetUtils(new InetUtilsProperties())) {
            ConsulDiscoveryProperties discovery = Binder.get(context.getEnvironment())
                .bind("spring.cloud.consul.discovery", Bindable.ofInstance(new ConsulDiscoveryProperties(inetUtils)))
                .get();
            ConsulAutoRegistration registration = ConsulAutoRegistration.registration(new AutoServiceRegistrationProperties(),
                    discovery, context, List.of(), List.of(), new HeartbeatProperties());
            // the port is known once the web server started; 8080 is SERVER_PORT in every container
            registration.initializePort(8080);
            return registration.getService();
        }
    }

    private static List<String> propertySourceNames(ConfigurableEnvironment environment) {
        return environment.getPropertySources().stream().map(PropertySource::getName)
            .flatMap((name) -> Stream.of(name, name.replaceAll("^.*'(.+)'.*$", "$1")))
            .toList();
    }

    @Configuration(proxyBeanMethods = false)
    static class NoBeans {

    }

}
