package io.microplatform.test;

import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An integration test of a whole service: the application on a random port against the shared dev stack.
 *
 * <p>Every integration test of a module uses this one annotation, so that all of them share one cached
 * Spring context. That is more than speed: Seata's scanner proxies a TCC or global-transaction bean only
 * once per JVM (it remembers bean names statically), so a second context in the same JVM would get
 * unproxied beans and silently run without transactions.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@WithDevStack
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public @interface ServiceIntegrationTest {
}
