/**
 * Test support for the services. Annotate a {@code @SpringBootTest} with
 * {@link io.microplatform.test.WithDevStack}: the first such test in a JVM starts the real dev stack
 * (PostgreSQL, Redis nodes, Kafka, Seata coordinator) on free ports with throw-away data, every later one
 * reuses it, and Spring receives the coordinates under the same names that docker-compose and Kubernetes
 * set ({@code POSTGRES_PORT}, {@code KAFKA_BOOTSTRAP_SERVERS}...), so tests run the services' real
 * configuration.
 */
package io.microplatform.test;
