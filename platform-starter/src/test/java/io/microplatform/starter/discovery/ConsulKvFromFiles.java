package io.microplatform.starter.discovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;
import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.config.ConfigDataResource;
import org.springframework.boot.context.config.Profiles;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.FileSystemResource;

/**
 * Serves the repository's {@code config/} folder for the {@code consul:} import the way Consul KV serves it
 * in the docker and k8s modes ({@code config/<name>.yml} as key {@code config/<name>/data}, YAML), so a test
 * sees the environment a service would have there, imports and their precedence included, without Consul.
 * Active only when {@value #DIRECTORY} is set; otherwise Spring Cloud Consul resolves {@code consul:} itself.
 */
public final class ConsulKvFromFiles {

    /** Property naming the folder to serve (the repository's config/). */
    public static final String DIRECTORY = "microplatform.test.consul-kv-dir";

    private ConsulKvFromFiles() {
    }

    @Order(Ordered.HIGHEST_PRECEDENCE)
    public static final class Resolver implements ConfigDataLocationResolver<Document> {

        @Override
        public boolean isResolvable(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
            return location.hasPrefix("consul:") && context.getBinder().bind(DIRECTORY, String.class).isBound();
        }

        @Override
        public List<Document> resolve(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
            return List.of();
        }

        @Override
        public List<Document> resolveProfileSpecific(ConfigDataLocationResolverContext context, ConfigDataLocation location,
                Profiles profiles) {
            Path directory = Path.of(context.getBinder().bind(DIRECTORY, String.class).get());
            String application = context.getBinder().bind("spring.application.name", String.class).get();
            // the shared document, then the application's: the same two keys Spring Cloud Consul reads
            return List.of(new Document("config/application/data", directory.resolve("application.yml")),
                    new Document("config/" + application + "/data", directory.resolve(application + ".yml")));
        }

    }

    public static final class Loader implements ConfigDataLoader<Document> {

        @Override
        public ConfigData load(ConfigDataLoaderContext context, Document document) throws IOException {
            if (!Files.exists(document.file)) {
                return ConfigData.EMPTY;
            }
            return new ConfigData(new YamlPropertySourceLoader().load(document.key, new FileSystemResource(document.file)));
        }

    }

    /** One key of Consul KV, backed by a file. */
    public static final class Document extends ConfigDataResource {

        final String key;

        final Path file;

        Document(String key, Path file) {
            this.key = key;
            this.file = file;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Document document && this.key.equals(document.key) && this.file.equals(document.file);
        }

        @Override
        public int hashCode() {
            return Objects.hash(this.key, this.file);
        }

        @Override
        public String toString() {
            return this.key;
        }

    }

}
