import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * The floor of the gateway's stack: a reverse proxy written directly on Reactor Netty (the HTTP server and client
 * Spring Cloud Gateway runs on), with nothing of Spring — no routing, filters, security or metrics. It does what
 * bench/nginx.conf.template has nginx do: keep-alive connections to the backend, request and response headers
 * and bodies passed through, Host and X-Forwarded-For set. No gateway built on Reactor Netty can be faster on the
 * same machine, so its ratio to nginx bounds what the gateway can reach. Run with the gateway's libraries on the
 * class path: java -cp 'BOOT-INF/lib/*' bench/BareProxy.java <port> <backend port>
 */
public class BareProxy {

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        HttpClient backend = HttpClient.create(ConnectionProvider.create("backend", 512))
                .baseUrl("http://127.0.0.1:" + args[1]);
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .handle((request, response) -> backend
                        .headers(headers -> headers.add(request.requestHeaders())
                                .set(HttpHeaderNames.HOST, "127.0.0.1:" + args[1])
                                .set("X-Forwarded-For", request.remoteAddress().getAddress().getHostAddress()))
                        .request(request.method())
                        .uri(request.uri())
                        .send(request.receive().retain())
                        .response((answer, body) -> response.status(answer.status())
                                .headers(answer.responseHeaders())
                                .send(body.retain()))
                        .then())
                .bindNow();
        System.out.println("bare proxy listening on " + port);
        server.onDispose().block();
    }
}
