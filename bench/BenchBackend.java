import io.netty.buffer.Unpooled;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.nio.charset.StandardCharsets;

/**
 * The small backend endpoint of the benchmark: a catalog entry as JSON (about 100 bytes) on every path, and the
 * readiness endpoint the gateway's health check calls. Reactor Netty, like the platform's reactive services, so
 * that the backend is cheap and the proxies' cost shows. Run with the gateway's libraries on the class path:
 * java -cp 'BOOT-INF/lib/*' bench/BenchBackend.java <port>
 */
public class BenchBackend {

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        byte[] product = "{\"sku\":\"KB-001\",\"name\":\"Mechanical keyboard\",\"priceCents\":8900,\"available\":42,\"reserved\":0}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] up = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .handle((request, response) -> {
                    byte[] body = request.uri().startsWith("/actuator/health") ? up : product;
                    return response.header("Content-Type", "application/json")
                            .header("Content-Length", Integer.toString(body.length))
                            .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)));
                })
                .bindNow();
        System.out.println("bench backend listening on " + port);
        server.onDispose().block();
    }
}
