package io.microplatform.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One Redis node with append-only persistence. Uses {@code redis-server} from the PATH (Debian's 7.x) when
 * there is one, otherwise the 6.2 binary bundled in the embedded-redis jar.
 */
final class RedisNode implements Component {

    private final int index;
    private final int port;
    private final Path dataDir;
    private final Path binDir;
    private final Path logFile;
    private ChildProcess process;

    RedisNode(int index, int port, Path dataDir, Path binDir, Path logFile) {
        this.index = index;
        this.port = port;
        this.dataDir = dataDir;
        this.binDir = binDir;
        this.logFile = logFile;
    }

    @Override
    public String name() {
        return "redis-" + index;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public String endpoint() {
        return "redis://" + DevStackSettings.HOST + ":" + port;
    }

    @Override
    public void start() {
        List<String> command = List.of(executable(binDir).toString(),
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--dir", dataDir.toAbsolutePath().toString(),
                "--appendonly", "yes",
                "--save", "",
                "--daemonize", "no",
                "--protected-mode", "no",
                "--maxmemory", "128mb");
        process = ChildProcess.start(name(), command, dataDir, logFile);
        process.awaitReady(this::answersPing, Duration.ofSeconds(30));
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(DevStackSettings.HOST, port), 500);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[7];
            int read = socket.getInputStream().read(reply);
            return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        }
        catch (IOException e) {
            return false;
        }
    }

    /** Resolved once per stack; the bundled binary is extracted next to the data, not into /tmp. */
    static synchronized Path executable(Path binDir) {
        Optional<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "redis-server"))
                .filter(Files::isExecutable)
                .findFirst();
        return onPath.orElseGet(() -> extractBundled(binDir));
    }

    private static Path extractBundled(Path binDir) {
        String arch = System.getProperty("os.arch");
        String resource = switch (arch) {
            case "amd64", "x86_64" -> "redis-server-6.2.6-v5-linux-amd64";
            case "aarch64", "arm64" -> "redis-server-6.2.7-linux-arm64";
            default -> throw new IllegalStateException("no bundled redis-server for " + arch
                    + "; install redis-server (Debian package) and put it on the PATH");
        };
        Path target = binDir.resolve(resource);
        if (Files.isExecutable(target)) {
            return target;
        }
        try (InputStream in = RedisNode.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath (embedded-redis jar missing)");
            }
            Files.createDirectories(binDir);
            Path tmp = Files.createTempFile(binDir, "redis-server", ".part");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            tmp.toFile().setExecutable(true);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot extract the bundled redis-server", e);
        }
    }

    @Override
    public List<Long> pids() {
        return process == null ? List.of() : List.of(process.pid());
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
            process = null;
        }
    }
}
