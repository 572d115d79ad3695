package io.microplatform.orders.inventory;

import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Component
public class InventoryClient {

    private final RestClient http;
    private final JsonMapper json;

    InventoryClient(RestClient inventoryRestClient, JsonMapper json) {
        this.http = inventoryRestClient;
        this.json = json;
    }

    /** The catalog answers pages: one page as large as the list of skus holds every product it names. */
    public List<ProductPrice> prices(Collection<String> skus) {
        PricePage page = call(() -> checked(http.get()
                .uri(uri -> uri.path("/api/inventory/products").queryParam("sku", skus.toArray())
                        .queryParam("size", Math.max(1, skus.size())).build())
                .retrieve())
                .body(PricePage.class));
        return page == null || page.content() == null ? List.of() : page.content();
    }

    record PricePage(List<ProductPrice> content) {
    }

    public StockReceipt deductAt(UUID orderId, List<StockLine> items) {
        return post("/internal/inventory/stock/at/deductions", orderId, items);
    }

    public StockReceipt deductXa(UUID orderId, List<StockLine> items) {
        return post("/internal/inventory/stock/xa/deductions", orderId, items);
    }

    public StockReceipt reserveTcc(UUID orderId, List<StockLine> items) {
        return post("/internal/inventory/stock/tcc/reservations", orderId, items);
    }

    public StockReceipt deductSaga(UUID orderId, List<StockLine> items) {
        return post("/internal/inventory/stock/saga/deductions", orderId, items);
    }

    public StockReceipt releaseSaga(UUID orderId, List<StockLine> items) {
        return post("/internal/inventory/stock/saga/releases", orderId, items);
    }

    public StockReceipt deductWithoutGlobalTransaction(UUID orderId, List<StockLine> items) {
        return post("/internal/inventory/stock/local/deductions", orderId, items);
    }

    private StockReceipt post(String path, UUID orderId, List<StockLine> items) {
        return call(() -> checked(http.post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("orderId", orderId, "items", items))
                .retrieve())
                .body(StockReceipt.class));
    }

    private RestClient.ResponseSpec checked(RestClient.ResponseSpec response) {
        return response.onStatus(HttpStatusCode::isError, (request, errorResponse) -> {
            throw problem(errorResponse.getStatusCode(), errorResponse.getBody().readAllBytes());
        });
    }

    private static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        }
        catch (ResourceAccessException e) {
            throw unavailable("inventory-service did not answer: " + e.getMostSpecificCause().getMessage());
        }
    }

    /** inventory's own 4xx problems travel on unchanged; its 5xx become 503 for the caller. */
    private ProblemException problem(HttpStatusCode status, byte[] body) {
        if (status.is4xxClientError()) {
            try {
                Map<?, ?> problem = json.readValue(body, Map.class);
                Object type = problem.get("type");
                return new ProblemException(HttpStatus.valueOf(status.value()),
                        type == null ? ProblemTypes.forStatus(status.value()) : URI.create(type.toString()),
                        String.valueOf(problem.get("detail")));
            }
            catch (RuntimeException unreadable) {
                return unavailable("inventory-service answered " + status.value() + " without a problem body");
            }
        }
        return unavailable("inventory-service answered " + status.value());
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE, detail);
    }
}
