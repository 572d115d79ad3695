package io.microplatform.gateway.config;

import io.microplatform.starter.Causes;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The current value of an immutable {@code @ConfigurationProperties} record, bound again whenever Spring Cloud
 * announces changed configuration ({@link EnvironmentChangeEvent}: a Consul KV watch in docker and k8s, a
 * {@code /actuator/refresh}).
 *
 * <p>Why not {@code @RefreshScope}: a refresh-scoped bean is destroyed and re-created on every refresh, and
 * the gateway's filters would have to hold proxies to it on the hot path. Why not the rebinding that Spring
 * Cloud already does: it rebinds JavaBeans in place and cannot rebind a record. This class binds a new record
 * with the same {@link Binder} and the same Bean Validation as start-up, and swaps it in atomically, so readers
 * see either the old or the new settings, never a mix. A change that fails validation is refused with a log
 * line and the previous settings stay in force: at start-up the same mistake stops the application.
 *
 * @param <T> the properties record, annotated with {@code @ConfigurationProperties}
 */
public final class LiveProperties<T> implements ApplicationListener<EnvironmentChangeEvent> {

    private static final Logger log = LoggerFactory.getLogger(LiveProperties.class);

    private final Class<T> type;
    private final String prefix;
    private final Environment environment;
    private final ValidationBindHandler validation;
    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();
    private volatile T current;

    @SuppressWarnings("unchecked")
    public LiveProperties(T initial, Environment environment, Validator validator) {
        this.type = (Class<T>) initial.getClass();
        ConfigurationProperties annotation = AnnotatedElementUtils.findMergedAnnotation(type, ConfigurationProperties.class);
        Assert.notNull(annotation, () -> type.getName() + " is not annotated with @ConfigurationProperties");
        this.prefix = annotation.prefix();
        this.environment = environment;
        this.validation = new ValidationBindHandler(new SpringValidatorAdapter(validator));
        this.current = initial;
    }

    /** The settings in force now; read it per request rather than keeping it. */
    public T get() {
        return current;
    }

    /** Called with the new settings after each accepted change. */
    public void onChange(Consumer<T> listener) {
        listeners.add(listener);
    }

    @Override
    public void onApplicationEvent(EnvironmentChangeEvent event) {
        // The changed keys arrive in whatever form their source uses (environment variables, relaxed names);
        // binding again is cheap, and equal records mean nothing changed for us.
        T rebound;
        try {
            rebound = Binder.get(environment).bindOrCreate(prefix, Bindable.of(type), validation);
        }
        catch (BindException ex) {
            log.error("Refused the changed configuration under '{}', the previous settings stay in force: {}", prefix,
                    rootMessage(ex));
            return;
        }
        if (rebound.equals(current)) {
            return;
        }
        current = rebound;
        log.info("Applied changed configuration under '{}'", prefix);
        listeners.forEach(listener -> listener.accept(rebound));
    }

    private static String rootMessage(Throwable ex) {
        return Causes.chain(ex).map(Throwable::getMessage).collect(Collectors.joining(" <- "));
    }
}
