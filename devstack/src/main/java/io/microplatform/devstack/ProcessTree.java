package io.microplatform.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Signals to a component's processes and what the operating system says about them.
 *
 * <p>A component is a process tree, not one process: PostgreSQL's postmaster has a backend per connection
 * and background workers, and a postmaster killed alone leaves them attached to its shared memory, which
 * makes the next postmaster refuse to start. So every signal goes to the whole tree, collected before the
 * first signal is sent (children of a killed parent are re-parented and no longer found under it).
 *
 * <p>Liveness is read from {@code /proc/<pid>/stat} where it exists: a killed process whose parent has not
 * reaped it yet is a zombie, which {@link ProcessHandle#isAlive()} still counts as alive although it holds
 * no port, no file lock and no memory.
 */
final class ProcessTree {

    private ProcessTree() {
    }

    /** The given processes and all their descendants, parents first. */
    static List<Long> withDescendants(List<Long> pids) {
        Set<Long> all = new LinkedHashSet<>();
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(handle -> {
                all.add(handle.pid());
                handle.descendants().forEach(child -> all.add(child.pid()));
            });
        }
        return List.copyOf(all);
    }

    /** Sends {@code signal} (KILL, TERM, STOP, CONT) to every process of the list that still runs. */
    static void signal(String signal, List<Long> pids) {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.stream().filter(ProcessTree::running).map(String::valueOf).forEach(command::add);
        if (command.size() == 2) {
            return;
        }
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -" + signal + " did not return");
            }
            // a non-zero exit only means that a process ended between the check and the signal
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -" + signal, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling", e);
        }
    }

    /** Waits until none of the processes runs; they hold ports and locks until then. */
    static void awaitGone(List<Long> pids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pids.stream().anyMatch(ProcessTree::running)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("processes " + pids.stream().filter(ProcessTree::running).toList()
                        + " still run " + timeout.toSeconds() + " s after they were told to stop");
            }
            ChildProcess.pause();
        }
    }

    /**
     * Alive and not a zombie. The main thread of a killed multi-threaded process (a JVM) turns zombie while its
     * other threads still exit and hold the process's sockets, so a zombie with threads left still runs.
     */
    static boolean running(long pid) {
        char state = state(pid);
        if (state == 0) {
            return false;
        }
        if (state != 'Z' && state != 'X' && state != 'x') {
            return true;
        }
        String[] tasks = Path.of("/proc", Long.toString(pid), "task").toFile().list();
        return tasks != null && tasks.length > 1;
    }

    /** Stopped by SIGSTOP (state T). */
    static boolean paused(long pid) {
        return state(pid) == 'T';
    }

    /** The state letter of {@code /proc/<pid>/stat}, 0 if the process does not exist. */
    private static char state(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.isDirectory(Path.of("/proc", "self"))) {
            // no procfs (macOS): alive or not is all that can be known
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? 'R' : 0;
        }
        try {
            String line = Files.readString(stat);
            // the command name in parentheses may itself contain spaces and parentheses
            int end = line.lastIndexOf(')');
            return end > 0 && end + 2 < line.length() ? line.charAt(end + 2) : 0;
        }
        catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
