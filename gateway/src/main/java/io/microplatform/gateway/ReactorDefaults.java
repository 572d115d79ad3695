package io.microplatform.gateway;

/**
 * Reactor settings that are read once, from system properties, when Reactor's classes load, so they are set
 * here before anything else runs; a {@code -D} option given to the JVM wins. Each was measured with
 * bench/run.sh (bench/README.md, "Gateway benchmark").
 * <ul>
 * <li>{@code reactor.bufferSize.small=16} (Reactor's default 256): {@code Flux.filterWhen} takes this as its
 * buffer and, when cancelled after the first match, clears every slot of it. Spring Security's
 * {@code WebFilterChainProxy} and the gateway's route lookup both do {@code filterWhen(...).next()} on every
 * request: with 256 that was 512 atomic swaps and context look-ups per request, about a tenth of the gateway's
 * CPU. 16 is Reactor's minimum; it is also the default concurrency of {@code flatMap} and the prefetch of
 * {@code publishOn}, which nothing on the gateway's path needs larger (bodies stream through Netty).</li>
 * <li>{@code reactor.netty.ioWorkerCount} = the cores the JVM may use (Reactor Netty's default is at least 4):
 * the event loops that serve requests and call the services; more loops than cores only switch.</li>
 * </ul>
 */
final class ReactorDefaults {

    private ReactorDefaults() {
    }

    static void apply() {
        setIfAbsent("reactor.bufferSize.small", "16");
        setIfAbsent("reactor.netty.ioWorkerCount", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
