package io.microplatform.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs other services of the platform as real processes beside the service under test, against the same dev
 * stack, and makes them discoverable by name (simple discovery). The service under test then calls them
 * exactly as in production: through its load-balanced client, across a real HTTP hop. Each named module must
 * have been packaged ({@code ../<name>/target/<name>.jar}); the build orders modules so that it is.
 *
 * <p>Started once per test JVM, stopped when it exits. Use the same value on every integration test of a
 * module, so that they share one Spring context (see {@link ServiceIntegrationTest}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithServices {

    /** Module and service names, e.g. {@code "inventory-service"}. */
    String[] value();
}
