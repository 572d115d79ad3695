package io.microplatform.orders.inventory;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.io.FileSystemResource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timeout budget across the two configuration files that hold it: a call from order-service to inventory
 * (connect plus read) ends before the gateway stops waiting for order-service. Otherwise the client gets a 504
 * for an order that still goes through behind it.
 */
class TimeoutBudgetTest {

    private static final Path CONFIG = Path.of("..", "config");

    private final Duration downstream = duration("gateway.yml", "microplatform.gateway.resilience.timeouts.downstream");

    @Test
    void anInventoryCallEndsBeforeTheGatewayGivesUpOnTheOrder() {
        Duration connect = duration("order-service.yml", "microplatform.orders.inventory.connect-timeout");
        Duration read = duration("order-service.yml", "microplatform.orders.inventory.read-timeout");

        assertThat(connect.plus(read)).isLessThan(downstream);
    }

    @Test
    void soDoTheDefaults() {
        InventoryProperties defaults = new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("microplatform.orders.inventory", InventoryProperties.class);

        assertThat(defaults.connectTimeout().plus(defaults.readTimeout())).isLessThan(downstream);
    }

    private static Duration duration(String file, String key) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new FileSystemResource(CONFIG.resolve(file)));
        Properties properties = yaml.getObject();
        assertThat(properties).as("config/" + file + " sets " + key).containsKey(key);
        return DurationStyle.detectAndParse(properties.getProperty(key));
    }
}
