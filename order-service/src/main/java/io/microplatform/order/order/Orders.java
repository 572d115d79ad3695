package io.microplatform.order.order;

import io.microplatform.order.inventory.InventoryClient;
import io.microplatform.order.inventory.ProductPrice;
import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Places orders: checks what Bean Validation cannot (duplicate skus, unknown products, the mode's
 * availability), prices the order from inventory's catalog, applies the {@code Idempotency-Key}, and hands
 * the order to its mode's {@link OrderPlacement}.
 */
@Service
public class Orders {

    /** The order that answers a request, and whether it answers an earlier request with the same key. */
    public record Placed(Order order, boolean replayed) {
    }

    private final Map<TransactionMode, OrderPlacement> placements = new EnumMap<>(TransactionMode.class);
    private final OrderRepository orders;
    private final InventoryClient inventory;

    Orders(List<OrderPlacement> placements, OrderRepository orders, InventoryClient inventory) {
        placements.forEach(placement -> this.placements.put(placement.mode(), placement));
        this.orders = orders;
        this.inventory = inventory;
    }

    public Placed place(PlaceOrder request, String idempotencyKey) {
        TransactionMode mode = TransactionMode.valueOf(request.mode());
        OrderPlacement placement = Optional.ofNullable(placements.get(mode)).orElseThrow(() -> invalid(
                "mode: NONE (no global transaction) is only available with platform.unsafe-baseline.enabled"));
        requireDistinctSkus(request);
        String requestHash = hash(request);
        if (idempotencyKey != null) {
            Optional<OrderRepository.Earlier> earlier = orders.findByIdempotencyKey(idempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), requestHash);
            }
        }
        PricedOrder order = price(request, mode, idempotencyKey, requestHash);
        try {
            placement.place(order);
        }
        catch (RuntimeException e) {
            if (idempotencyKey != null && causedBy(e, DuplicateKeyException.class)) {
                // a concurrent request with the same key won the insert
                return orders.findByIdempotencyKey(idempotencyKey).map(earlier -> replay(earlier, requestHash))
                        .orElseThrow(() -> e);
            }
            throw e;
        }
        return new Placed(orders.findById(order.id()).orElseThrow(), false);
    }

    private Placed replay(OrderRepository.Earlier earlier, String requestHash) {
        if (!earlier.requestHash().equals(requestHash)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.of("idempotency-key-reused"),
                    "this Idempotency-Key was used for a different request; use a new key for a new order");
        }
        return switch (earlier.status()) {
            case OrderRepository.CONFIRMED -> new Placed(orders.findById(earlier.id()).orElseThrow(), true);
            case OrderRepository.CANCELLED -> throw FailureCodes.toProblem(earlier.failureCode(), earlier.failureReason())
                    .withProperty("orderId", earlier.id());
            default -> throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("request-in-progress"),
                    "a request with this Idempotency-Key is still being processed; retry later");
        };
    }

    private PricedOrder price(PlaceOrder request, TransactionMode mode, String idempotencyKey, String requestHash) {
        Map<String, ProductPrice> prices = inventory.prices(request.items().stream().map(PlaceOrder.Line::sku).toList())
                .stream().collect(Collectors.toMap(ProductPrice::sku, Function.identity()));
        List<Order.OrderItem> items = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < request.items().size(); i++) {
            PlaceOrder.Line line = request.items().get(i);
            ProductPrice price = prices.get(line.sku());
            if (price == null) {
                throw invalid("items[" + i + "].sku: unknown product " + line.sku());
            }
            items.add(new Order.OrderItem(line.sku(), line.quantity(), price.priceCents()));
            total = Math.addExact(total, Math.multiplyExact(price.priceCents(), (long) line.quantity()));
        }
        return new PricedOrder(UUID.randomUUID(), request.userId(), mode, List.copyOf(items), total, idempotencyKey,
                requestHash);
    }

    private static void requireDistinctSkus(PlaceOrder request) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.items().size(); i++) {
            if (!seen.add(request.items().get(i).sku())) {
                throw invalid("items[" + i + "].sku: " + request.items().get(i).sku()
                        + " appears more than once; give each product once with its total quantity");
            }
        }
    }

    /** Identifies the request for Idempotency-Key checks: the same body, in any item order, hashes the same. */
    private static String hash(PlaceOrder request) {
        String canonical = request.userId() + "|" + request.mode() + "|" + request.items().stream()
                .map(line -> line.sku() + "x" + line.quantity()).sorted().collect(Collectors.joining(","));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, detail);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
