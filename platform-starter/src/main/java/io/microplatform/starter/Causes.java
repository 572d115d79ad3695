package io.microplatform.starter;

import org.jspecify.annotations.Nullable;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The cause chain of an exception, walked in one place: frameworks wrap what matters (a refused connection, a
 * duplicate key, a problem a participant answered) several layers deep. The walk stops at a cause that repeats,
 * since some libraries make an exception its own cause, or a cycle of causes.
 */
public final class Causes {

    private Causes() {
    }

    /** The exception itself, then its causes, outermost first. Empty for {@code null}. */
    public static Stream<Throwable> chain(@Nullable Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return Stream.iterate(error, cause -> cause != null && seen.add(cause), Throwable::getCause);
    }

    /** The outermost exception of the chain that is a {@code type}. */
    public static <T extends Throwable> Optional<T> find(@Nullable Throwable error, Class<T> type) {
        return chain(error).filter(type::isInstance).map(type::cast).findFirst();
    }

    /**
     * Whether any exception of the chain is of a class named {@code className} or a subclass of it: for types of
     * libraries a service may not have on its class path (a service without JDBC has no {@code DataAccessException}).
     */
    public static boolean causedByClassNamed(@Nullable Throwable error, Set<String> classNames) {
        return chain(error).anyMatch(cause -> {
            for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
                if (classNames.contains(type.getName())) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Whether any exception of the chain is a {@code type}. */
    public static boolean causedBy(@Nullable Throwable error, Class<? extends Throwable> type) {
        return find(error, type).isPresent();
    }
}
