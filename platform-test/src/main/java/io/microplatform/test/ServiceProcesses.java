package io.microplatform.test;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The other services of a test JVM ({@link WithServices}), each a {@link ServiceProcess} on a free port, started
 * once and stopped when the JVM exits.
 */
public final class ServiceProcesses {

    private static final Map<String, URI> started = new HashMap<>();
    private static final Map<String, ServiceProcess> processes = new HashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ServiceProcesses::stopAll, "service-processes-shutdown"));
    }

    private ServiceProcesses() {
    }

    public static synchronized URI uriOf(String service) {
        return started.computeIfAbsent(service, name -> start(name, ServiceProcess.freePort()));
    }

    /** Crash: SIGKILL, no shutdown hooks, no deregistration, like a node that loses power. */
    public static synchronized void kill(String service) {
        ServiceProcess process = processes.remove(service);
        if (process == null) {
            throw new IllegalStateException(service + " is not running");
        }
        process.signal("KILL");
    }

    /** Starts a killed service again on its port, so that its discovery entry stays valid. */
    public static synchronized void restart(String service) {
        URI uri = started.get(service);
        if (uri == null || processes.containsKey(service)) {
            throw new IllegalStateException(service + " was never started or is still running");
        }
        start(service, uri.getPort());
    }

    private static URI start(String service, int port) {
        ServiceProcess process = ServiceProcess.start(service, service, port, Map.of());
        processes.put(service, process);
        return process.uri();
    }

    private static synchronized void stopAll() {
        for (ServiceProcess process : processes.values()) {
            process.process().destroy();
        }
        for (ServiceProcess process : processes.values()) {
            try {
                if (!process.process().waitFor(20, TimeUnit.SECONDS)) {
                    process.process().destroyForcibly();
                }
            }
            catch (InterruptedException e) {
                process.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
