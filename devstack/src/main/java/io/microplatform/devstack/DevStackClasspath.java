package io.microplatform.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Classpaths of the child JVMs, published as resources at build time: the devstack's own runtime classpath
 * (for the Kafka broker) and the Seata coordinator's (a Spring Boot 2.7 application that must never share
 * a classpath with the Boot 4 services or tests).
 */
final class DevStackClasspath {

    private DevStackClasspath() {
    }

    /** This module (classes or jar) followed by its runtime dependencies. */
    static String runtime() {
        return ownLocation() + java.io.File.pathSeparator + resource("META-INF/devstack/classpath.txt");
    }

    static String seataCoordinator() {
        return resource("META-INF/seata-tc/classpath.txt");
    }

    /** The Zipkin server's executable jar (a Spring Boot fat jar: run with {@code -jar}, never on a classpath). */
    static String zipkinServer() {
        return resource("META-INF/devstack/zipkin-server.txt");
    }

    private static String ownLocation() {
        try {
            return Path.of(DevStackClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the devstack classes", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = DevStackClasspath.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing: build the project with ./mvnw install first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
