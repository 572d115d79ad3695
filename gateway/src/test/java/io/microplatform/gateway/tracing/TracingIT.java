package io.microplatform.gateway.tracing;

import io.microplatform.gateway.Tokens;
import io.microplatform.test.ServiceProcess;
import io.microplatform.test.SharedDevStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace per request across the real platform: the gateway, order-service, inventory-service,
 * scheduler-service and cache-service (a consumer of inventory's product events) run as processes (their packaged jars) on the shared dev stack, report to its real Zipkin
 * server, and the traces are read back from Zipkin's API. Each request carries a W3C {@code traceparent} made
 * here, so that its trace id is known: the gateway continues it.
 */
class TracingIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<ServiceProcess> processes = new ArrayList<>();

    private static ServiceProcess orders;
    private static ServiceProcess inventory;
    private static ServiceProcess scheduler;
    private static URI gateway;
    private static URI zipkin;
    private static HttpClient http;

    @BeforeAll
    static void startPlatform() {
        Map<String, String> stack = SharedDevStack.get().connectionProperties();
        zipkin = URI.create(stack.get("ZIPKIN_ENDPOINT")).resolve("/");
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        int inventoryPort = ServiceProcess.freePort();
        int ordersPort = ServiceProcess.freePort();
        int schedulerPort = ServiceProcess.freePort();
        int gatewayPort = ServiceProcess.freePort();
        int cachePort = ServiceProcess.freePort();
        Map<String, String> inventoryOnly = ServiceProcess.discovering(Map.of("inventory-service", local(inventoryPort)));
        Map<String, String> all = new HashMap<>(ServiceProcess.discovering(Map.of("inventory-service", local(inventoryPort),
                "order-service", local(ordersPort), "scheduler-service", local(schedulerPort))));
        all.put("MANAGEMENT_SERVER_PORT", Integer.toString(ServiceProcess.freePort()));
        // all five at once: each waits for its own readiness
        CompletableFuture<ServiceProcess> inventoryStart = CompletableFuture.supplyAsync(() ->
                ServiceProcess.start("inventory-service", "inventory-service", inventoryPort, Map.of()));
        CompletableFuture<ServiceProcess> ordersStart = CompletableFuture.supplyAsync(() ->
                ServiceProcess.start("order-service", "order-service", ordersPort, inventoryOnly));
        CompletableFuture<ServiceProcess> schedulerStart = CompletableFuture.supplyAsync(() ->
                ServiceProcess.start("scheduler-service", "scheduler-service", schedulerPort, Map.of()));
        CompletableFuture<ServiceProcess> gatewayStart = CompletableFuture.supplyAsync(() ->
                ServiceProcess.start("gateway", "gateway", gatewayPort, all));
        CompletableFuture<ServiceProcess> cacheStart = CompletableFuture.supplyAsync(() ->
                ServiceProcess.start("cache-service", "cache-service", cachePort, inventoryOnly));
        RuntimeException failed = null;
        for (CompletableFuture<ServiceProcess> start : List.of(inventoryStart, ordersStart, schedulerStart, gatewayStart,
                cacheStart)) {
            try {
                processes.add(start.join());
            }
            catch (RuntimeException e) {
                // the others go on starting: wait for each, so that every one that started is stopped below
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            stopPlatform();
            throw failed;
        }
        inventory = inventoryStart.join();
        orders = ordersStart.join();
        scheduler = schedulerStart.join();
        gateway = gatewayStart.join().uri();
        warmUp();
    }

    /**
     * One order in each mode the tests place, until each is placed: the first global transactions of freshly started
     * JVMs (class loading, the coordinator's connections, a cold JIT) can outlast the gateway's response timeout on a
     * loaded machine, and answer 503 with nothing wrong in the tracing under test.
     */
    private static void warmUp() {
        try {
            String sku = newProduct();
            String user = newAccount();
            for (String mode : List.of("AT", "TCC")) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        post("/api/orders", Tokens.user(user), null, Map.of("userId", user, "mode", mode,
                                "items", List.of(Map.of("sku", sku, "quantity", 1)))).statusCode() == 201);
            }
        }
        catch (Exception e) {
            stopPlatform();
            throw new IllegalStateException("the platform did not take a first order", e);
        }
    }

    @AfterAll
    static void stopPlatform() {
        processes.forEach(process -> process.process().destroy());
        for (ServiceProcess process : processes) {
            try {
                if (!process.process().waitFor(30, TimeUnit.SECONDS)) {
                    process.process().destroyForcibly();
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }

    @Test
    void anAtOrderThroughTheGatewayIsOneTraceFromTheGatewayToTheKafkaMessage() throws Exception {
        String sku = newProduct();
        String user = newAccount();

        String traceId = hex(16);
        String clientSpan = hex(8);
        HttpResponse<String> placed = post("/api/orders", Tokens.user(user), "00-" + traceId + "-" + clientSpan + "-01",
                Map.of("userId", user, "mode", "AT", "items", List.of(Map.of("sku", sku, "quantity", 2))));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String orderId = (String) JSON.readValue(placed.body(), Map.class).get("id");
        String xid = orderXid(orderId);
        assertThat(xid).isNotBlank();

        // inventory's ProductChanged for the deducted stock is relayed once the branch's undo log is gone (phase two);
        // waited for with every span between the consumer and the branch (each service reports its spans on its own)
        List<Map<String, Object>> spans = awaitTrace(traceId, trace ->
                has(trace, "gateway", "SERVER") && has(trace, "order-service", "SERVER")
                        && has(trace, "inventory-service", "SERVER") && has(trace, "order-service", "PRODUCER")
                        && trace.stream().anyMatch(span -> "inventory-service".equals(service(span))
                                && xid.equals(tags(span).get("seata.xid"))
                                && consumedUnder(trace, (String) span.get("name")).isPresent()));

        assertThat(rootsOf(spans)).as("one tree under the client's span").singleElement()
                .satisfies(root -> assertThat(root.get("parentId")).isEqualTo(clientSpan));
        // order-service reads the prices first (no transaction yet), then deducts the stock inside it
        assertThat(spans).as("inventory-service's branch of the global transaction").anySatisfy(span -> {
            assertThat(service(span)).isEqualTo("inventory-service");
            assertThat(span.get("kind")).isEqualTo("SERVER");
            assertThat(tags(span)).containsEntry("seata.xid", xid);
        });
        // a consumer's receive in the same trace: cache-service took inventory's event of the branch's stock change
        Map<String, Object> branch = spans.stream().filter(span -> "inventory-service".equals(service(span))
                && "SERVER".equals(span.get("kind")) && xid.equals(tags(span).get("seata.xid"))).findFirst().orElseThrow();
        assertThat(consumedUnder(spans, (String) branch.get("name"))).as("cache-service's receipt of ProductChanged")
                .isPresent();
        // the relay's span, under the stored context, carries the XID it puts in the baggage; the send is its child
        Map<String, Object> publish = spans.stream().filter(span -> "outbox publish".equals(span.get("name"))
                && "order-service".equals(service(span))).findFirst().orElseThrow();
        assertThat(tags(publish)).containsEntry("seata.xid", xid);
        Map<String, Object> send = find(spans, "order-service", "PRODUCER").orElseThrow();
        assertThat(send.get("parentId")).isEqualTo(publish.get("id"));
        assertThat(ancestors(spans, send)).as("the relay's send descends from the order request")
                .anySatisfy(span -> assertThat(span.get("localEndpoint").toString()).contains("order-service")
                        .satisfies(s -> assertThat(span.get("kind")).isEqualTo("SERVER")));

        // the message carries the send's context and the XID, for whichever consumer reads it
        ConsumerRecord<String, String> event = orderEvent(orderId);
        assertThat(header(event, "traceparent")).isEqualTo("00-" + traceId + "-" + send.get("id") + "-01");
        assertThat(header(event, "baggage")).contains("seata.xid=" + xid);

        // log lines of the request carry its trace id, and the XID inside the global transaction
        assertThat(logLines(orders, traceId)).anySatisfy(line ->
                assertThat(line).contains("order " + orderId + " confirmed").contains(xid));
        assertThat(logLines(inventory, traceId)).anySatisfy(line ->
                assertThat(line).contains("stock deducted for order " + orderId).contains(xid));
    }

    @Test
    void aTccOrdersEventsStayInTheRequestsTraceThoughTheConfirmsComeFromTheCoordinator() throws Exception {
        String sku = newProduct();
        String user = newAccount();

        String traceId = hex(16);
        HttpResponse<String> placed = post("/api/orders", Tokens.user(user), "00-" + traceId + "-" + hex(8) + "-01",
                Map.of("userId", user, "mode", "TCC", "items", List.of(Map.of("sku", sku, "quantity", 1))));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String orderId = (String) JSON.readValue(placed.body(), Map.class).get("id");
        String xid = orderXid(orderId);

        // phase two runs on the coordinator's call, outside the request: each participant's try stored the context
        // in its action context, and the platform's hook runs the confirm in a span under it. Inventory's confirm
        // writes a ProductChanged (its outbox keeps the confirm's context), which cache-service consumes.
        List<Map<String, Object>> spans = awaitTrace(traceId, trace -> has(trace, "order-service", "PRODUCER")
                && consumedUnder(trace, "tcc confirm inventory-stock-reservation").isPresent());

        Map<String, Object> confirm = named(spans, "order-service", "tcc confirm order-placement").orElseThrow();
        assertThat(tags(confirm)).containsEntry("seata.xid", xid);
        assertThat(header(orderEvent(orderId), "traceparent")).startsWith("00-" + traceId + "-");

        Map<String, Object> reservationConfirm = named(spans, "inventory-service", "tcc confirm inventory-stock-reservation")
                .orElseThrow();
        assertThat(tags(reservationConfirm)).containsEntry("seata.xid", xid);
        assertThat(ancestors(spans, reservationConfirm)).as("under inventory's try, the request's call to it")
                .anySatisfy(span -> assertThat(service(span)).isEqualTo("inventory-service"))
                .anySatisfy(span -> assertThat(service(span)).isEqualTo("gateway"));
        // the try reserved (one ProductChanged) and the confirm sold (another): the confirm's left under the confirm,
        // and cache-service consumed it in the order's trace
        Map<String, Object> consumed = consumedUnder(spans, "tcc confirm inventory-stock-reservation").orElseThrow();
        Map<String, Object> send = byId(spans).get(consumed.get("parentId"));
        assertThat(header(productEvent(sku, "RESERVATION_CONFIRMED"), "traceparent"))
                .isEqualTo("00-" + traceId + "-" + send.get("id") + "-01");
    }

    @Test
    void aJobSubmittedThroughTheGatewayIsOneTraceToTheWorkerThatRanIt() throws Exception {
        String traceId = hex(16);
        String clientSpan = hex(8);
        HttpResponse<String> submitted = post("/api/scheduler/jobs", Tokens.user("alice"),
                "00-" + traceId + "-" + clientSpan + "-01", Map.of("name", "traced.job"));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String jobId = (String) JSON.readValue(submitted.body(), Map.class).get("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(JSON.readValue(
                get("/api/scheduler/jobs/" + jobId, Tokens.user("alice")).body(), Map.class).get("status")));

        List<Map<String, Object>> spans = awaitTrace(traceId, trace ->
                has(trace, "gateway", "SERVER") && has(trace, "scheduler-service", "SERVER")
                        && has(trace, "scheduler-service", "PRODUCER") && has(trace, "scheduler-service", "CONSUMER"));

        assertThat(rootsOf(spans)).as("one tree under the client's span").singleElement()
                .satisfies(root -> assertThat(root.get("parentId")).isEqualTo(clientSpan));
        Map<String, Object> receive = find(spans, "scheduler-service", "CONSUMER").orElseThrow();
        List<String> path = ancestors(spans, receive).stream().map(span -> (String) span.get("name")).toList();
        assertThat(path).as("worker <- send <- publish <- fire <- ... <- request")
                .contains("scheduler fire", "outbox publish");
        assertThat(logLines(scheduler, traceId)).anySatisfy(line -> assertThat(line).contains("succeeded"));
    }

    // --- the platform's API --------------------------------------------------------------------------------

    /** A product with 10 units at 5.00, created through the gateway by an admin. */
    private static String newProduct() throws Exception {
        String sku = "TR-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        assertThat(post("/api/inventory/products", Tokens.user("ops", "admin"), null,
                Map.of("sku", sku, "name", "traced", "priceCents", 500, "available", 10)).statusCode()).isEqualTo(201);
        return sku;
    }

    /** An account with 100.00, opened through the gateway by an admin. */
    private static String newAccount() throws Exception {
        String user = "tracer-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("/api/payments/accounts", Tokens.user("ops", "admin"), null,
                Map.of("userId", user, "balanceCents", 10_000)).statusCode()).isEqualTo(201);
        return user;
    }

    private static HttpResponse<String> post(String path, String token, String traceparent, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String orderXid(String orderId) throws Exception {
        Map<String, String> stack = SharedDevStack.get().connectionProperties();
        String url = "jdbc:postgresql://" + stack.get("POSTGRES_HOST") + ":" + stack.get("POSTGRES_PORT") + "/orders";
        try (Connection db = DriverManager.getConnection(url, stack.get("POSTGRES_USER"), stack.get("POSTGRES_PASSWORD"));
             PreparedStatement query = db.prepareStatement("select xid from orders where id = ?")) {
            query.setObject(1, UUID.fromString(orderId));
            try (ResultSet rs = query.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static ConsumerRecord<String, String> orderEvent(String orderId) {
        return firstRecord("orders.events", record -> orderId.equals(record.key()));
    }

    private static ConsumerRecord<String, String> firstRecord(String topic,
                                                              java.util.function.Predicate<ConsumerRecord<String, String>> wanted) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedDevStack.get().connectionProperties().get("KAFKA_BOOTSTRAP_SERVERS"),
                ConsumerConfig.GROUP_ID_CONFIG, "tracing-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    /** inventory's ProductChanged of {@code sku} whose change is {@code change}. */
    private static ConsumerRecord<String, String> productEvent(String sku, String change) {
        return firstRecord("inventory.events", record -> sku.equals(record.key())
                && record.value().contains("\"change\":\"" + change + "\""));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<String> logLines(ServiceProcess process, String traceId) throws IOException {
        return Files.readAllLines(process.log()).stream().filter(line -> line.contains(traceId)).toList();
    }

    // --- Zipkin ------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> awaitTrace(String traceId,
                                                        java.util.function.Predicate<List<Map<String, Object>>> complete) {
        List<Map<String, Object>>[] trace = new List[] { List.of() };
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(zipkin.resolve("/api/v2/trace/" + traceId))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            trace[0] = JSON.readValue(response.body(), List.class);
            if (complete.test(trace[0])) {
                // kept beside the services' logs: `java e2e/trace/TraceTree.java < target/traces/<id>.json`
                Path file = Path.of("target", "traces", traceId + ".json");
                Files.createDirectories(file.getParent());
                Files.writeString(file, response.body());
                return true;
            }
            return false;
        });
        return trace[0];
    }

    private static boolean has(List<Map<String, Object>> spans, String service, String kind) {
        return find(spans, service, kind).isPresent();
    }

    private static Optional<Map<String, Object>> find(List<Map<String, Object>> spans, String service, String kind) {
        return spans.stream().filter(span -> service.equals(service(span)) && kind.equals(span.get("kind"))).findFirst();
    }

    private static Optional<Map<String, Object>> named(List<Map<String, Object>> spans, String service, String name) {
        return spans.stream().filter(span -> service.equals(service(span)) && name.equals(span.get("name"))).findFirst();
    }

    /**
     * cache-service's receipt of a product event that inventory's outbox relay sent in the trace under inventory's
     * span {@code name}: receive <- send <- outbox publish <- ... <- {@code name}.
     */
    private static Optional<Map<String, Object>> consumedUnder(List<Map<String, Object>> spans, String name) {
        Map<Object, Map<String, Object>> byId = byId(spans);
        return spans.stream().filter(span -> "cache-service".equals(service(span)) && "CONSUMER".equals(span.get("kind")))
                .filter(receive -> {
                    Map<String, Object> send = byId.get(receive.get("parentId"));
                    Map<String, Object> publish = send == null ? null : byId.get(send.get("parentId"));
                    return send != null && "inventory-service".equals(service(send)) && "PRODUCER".equals(send.get("kind"))
                            && publish != null && "outbox publish".equals(publish.get("name"))
                            && ancestors(spans, publish).stream().anyMatch(span -> name.equals(span.get("name"))
                            && "inventory-service".equals(service(span)));
                }).findFirst();
    }

    @SuppressWarnings("unchecked")
    private static String service(Map<String, Object> span) {
        Map<String, Object> endpoint = (Map<String, Object>) span.getOrDefault("localEndpoint", Map.of());
        return (String) endpoint.get("serviceName");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tags(Map<String, Object> span) {
        return (Map<String, Object>) span.getOrDefault("tags", Map.of());
    }

    /** Spans whose parent is not in the trace: one for a trace that is one tree. */
    private static List<Map<String, Object>> rootsOf(List<Map<String, Object>> spans) {
        Map<Object, Map<String, Object>> byId = byId(spans);
        return byId.values().stream().filter(span -> !byId.containsKey(span.get("parentId"))).toList();
    }

    private static List<Map<String, Object>> ancestors(List<Map<String, Object>> spans, Map<String, Object> span) {
        Map<Object, Map<String, Object>> byId = byId(spans);
        List<Map<String, Object>> path = new ArrayList<>();
        Map<String, Object> at = byId.get(span.get("parentId"));
        while (at != null) {
            path.add(at);
            at = byId.get(at.get("parentId"));
        }
        return path;
    }

    /** Client and server halves of one span id (if joined) count once. */
    private static Map<Object, Map<String, Object>> byId(List<Map<String, Object>> spans) {
        Map<Object, Map<String, Object>> byId = new HashMap<>();
        spans.forEach(span -> byId.merge(span.get("id"), span, (a, b) -> Objects.equals(b.get("kind"), "SERVER") ? b : a));
        return byId;
    }

    private static List<URI> local(int port) {
        return List.of(URI.create("http://localhost:" + port));
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
