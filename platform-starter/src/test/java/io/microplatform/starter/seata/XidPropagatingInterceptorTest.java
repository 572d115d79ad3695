package io.microplatform.starter.seata;

import com.sun.net.httpserver.HttpServer;
import org.apache.seata.core.context.RootContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The header really leaves the process: a real HTTP server records what arrives. */
class XidPropagatingInterceptorTest {

    private final List<String> receivedXids = new ArrayList<>();
    private HttpServer server;
    private RestClient client;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            receivedXids.add(String.valueOf(exchange.getRequestHeaders().getFirst(RootContext.KEY_XID)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        RestClient.Builder builder = RestClient.builder().baseUrl("http://localhost:" + server.getAddress().getPort());
        new SeataXidPropagationAutoConfiguration().seataXidPropagation(new XidPropagatingInterceptor()).customize(builder);
        client = builder.build();
    }

    @AfterEach
    void stopServer() {
        RootContext.unbind();
        server.stop(0);
    }

    @Test
    void copiesTheBoundXidIntoTheOutboundRequest() {
        RootContext.bind("127.0.0.1:8091:4242");
        client.get().uri("/stock").retrieve().toBodilessEntity();
        assertThat(receivedXids).containsExactly("127.0.0.1:8091:4242");
    }

    @Test
    void sendsNoXidOutsideAGlobalTransaction() {
        client.get().uri("/stock").retrieve().toBodilessEntity();
        assertThat(receivedXids).containsExactly("null");
    }
}
