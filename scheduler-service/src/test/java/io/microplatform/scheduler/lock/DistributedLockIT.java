package io.microplatform.scheduler.lock;

import io.microplatform.starter.lock.DistributedLock;
import io.microplatform.starter.lock.DistributedLocks;
import io.microplatform.test.ServiceIntegrationTest;
import io.microplatform.test.SharedDevStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * platform-starter's distributed lock against the real Redis, with other processes as the other holders:
 * mutual exclusion under contention, renewal of a long holder, a dead owner's lock freed by its TTL, and no
 * release or renewal by a holder whose lease has passed to another.
 */
@ServiceIntegrationTest
class DistributedLockIT {

    @Autowired
    DistributedLocks locks;

    @Autowired
    StringRedisTemplate redis;

    final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void processesContendingForOneLockNeverOverlap() throws Exception {
        String lock = "it-counter-" + UUID.randomUUID();
        String counter = lock + ":value";
        int perProcess = 150;
        List<Process> contenders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            contenders.add(start("count", lock, counter, Integer.toString(perProcess)));
        }
        for (Process contender : contenders) {
            assertThat(contender.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(output(contender)).contains("DONE");
        }
        // a read-modify-write by two holders at once would have lost an increment
        assertThat(redis.opsForValue().get(counter)).isEqualTo(Integer.toString(3 * perProcess));
    }

    @Test
    void theWatchdogKeepsALongHoldersLeaseAndOthersAreKeptOut() throws Exception {
        String name = "it-long-" + UUID.randomUUID();
        try (DistributedLock held = locks.tryLock(name, Duration.ZERO, Duration.ofMillis(600)).orElseThrow()) {
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                assertThat(held.isHeld()).isTrue();
                assertThat(locks.tryLock(name, Duration.ZERO, Duration.ofMillis(600))).isEmpty();
                Thread.sleep(200);
            }
        }
        assertThat(locks.tryLock(name, Duration.ZERO)).hasValueSatisfying(DistributedLock::close);
    }

    @Test
    void theLockOfAnOwnerThatDiedIsFreeAfterItsLeaseAndTheTokenGrows() throws Exception {
        String name = "it-dead-owner-" + UUID.randomUUID();
        Process owner = start("hold", name, "1000");
        BufferedReader ownerOut = reader(owner);
        long ownersToken = Long.parseLong(line(ownerOut).substring("HELD ".length()));
        owner.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        assertThat(locks.tryLock(name, Duration.ZERO)).as("right after the crash the lease still runs").isEmpty();
        try (DistributedLock next = locks.tryLock(name, Duration.ofSeconds(10)).orElseThrow()) {
            assertThat(next.fencingToken()).isGreaterThan(ownersToken);
        }
    }

    @Test
    void aHolderWhoseLeasePassedToAnotherCanNeitherRenewNorReleaseIt() throws Exception {
        String name = "it-stale-owner-" + UUID.randomUUID();
        Process stale = start("hold", name, "1000");
        BufferedReader staleOut = reader(stale);
        PrintWriter staleIn = new PrintWriter(stale.getOutputStream(), true);
        assertThat(line(staleOut)).startsWith("HELD ");

        signal(stale, "STOP"); // frozen past its lease, like a long GC pause
        try (DistributedLock current = locks.tryLock(name, Duration.ofSeconds(10)).orElseThrow()) {
            signal(stale, "CONT");
            staleIn.println("status");
            assertThat(line(staleOut)).as("the resumed holder knows it lost the lease").isEqualTo("HELD false");
            staleIn.println("release");
            assertThat(line(staleOut)).isEqualTo("RELEASED");

            // the resumed process's renewal and release left the new holder's lease alone
            assertThat(locks.holder(name)).contains(current.owner());
            // and once the stale process has ended, nothing of it can touch the lease any more
            assertThat(stale.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(locks.holder(name)).contains(current.owner());
            assertThat(current.isHeld()).isTrue();
        }
        assertThat(locks.holder(name)).as("the owner's own release works").isEmpty();
    }

    @Test
    void aLockCannotBeTakenTwiceAndReleasingFreesIt() {
        String name = "it-basic-" + UUID.randomUUID();
        DistributedLock first = locks.tryLock(name, Duration.ZERO).orElseThrow();
        Optional<DistributedLock> second = locks.tryLock(name, Duration.ofMillis(200));
        assertThat(second).isEmpty();
        first.close();
        assertThat(first.isHeld()).isFalse();
        DistributedLock third = locks.tryLock(name, Duration.ZERO).orElseThrow();
        assertThat(third.fencingToken()).isGreaterThan(first.fencingToken());
        third.close();
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx64m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), LockProcess.class.getName(),
                args[0], "localhost", SharedDevStack.get().connectionProperties().get("REDIS_PORT")));
        command.addAll(List.of(args).subList(1, args.length));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(process);
        return process;
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream()));
    }

    /** The next line of the process's protocol, past any log lines it printed. */
    private static String line(BufferedReader reader) throws IOException {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith("HELD") || line.startsWith("RELEASED")) {
                return line;
            }
        }
        throw new IllegalStateException("the lock process ended without answering");
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes());
    }

    private static void signal(Process process, String signal) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor()).isZero();
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
