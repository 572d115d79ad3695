package io.microplatform.orders.placement;

import io.microplatform.orders.inventory.InventoryClient;
import io.microplatform.orders.inventory.ProductPrice;
import io.microplatform.orders.order.Order;
import io.microplatform.orders.order.OrderRepository;
import io.microplatform.starter.Causes;
import io.microplatform.starter.UnsafeBaseline;
import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Places orders: checks what Bean Validation cannot (duplicate skus, unknown products, the mode's
 * availability), prices the order from inventory's catalog, applies the {@code Idempotency-Key}
 * ({@link IdempotencyKeys}), and hands the order to its mode's {@link OrderPlacement}.
 */
@Service
class OrderPlacementService {

    /** The order that answers a request, and whether it answers an earlier request with the same key. */
    record Placed(Order order, boolean replayed) {
    }

    private final Map<TransactionMode, OrderPlacement> placements = new EnumMap<>(TransactionMode.class);
    private final PlacementRepository placed;
    private final OrderRepository orders;
    private final InventoryClient inventory;

    OrderPlacementService(List<OrderPlacement> placements, PlacementRepository placed, OrderRepository orders,
                          InventoryClient inventory) {
        placements.forEach(placement -> this.placements.put(placement.mode(), placement));
        this.placed = placed;
        this.orders = orders;
        this.inventory = inventory;
    }

    Placed place(PlaceOrder request, String idempotencyKey) {
        TransactionMode mode = TransactionMode.valueOf(request.mode());
        OrderPlacement placement = Optional.ofNullable(placements.get(mode)).orElseThrow(() -> invalid(
                "mode: NONE (no global transaction) is only available with "
                        + UnsafeBaseline.ENABLED));
        requireDistinctSkus(request);
        String requestHash = IdempotencyKeys.requestHash(request);
        if (idempotencyKey != null) {
            Optional<PlacementRepository.Earlier> earlier = placed.findByIdempotencyKey(idempotencyKey);
            if (earlier.isPresent()) {
                Optional<Placed> replayed = replay(earlier.get(), requestHash);
                if (replayed.isPresent()) {
                    return replayed.get();
                }
                // the first attempt failed for a passing reason: its cancelled order gives the key up to this one
                placed.releaseIdempotencyKey(earlier.get().id());
            }
        }
        PricedOrder order = price(request, mode, idempotencyKey, requestHash);
        try {
            placement.place(order);
        }
        catch (RuntimeException e) {
            if (idempotencyKey != null && Causes.causedBy(e, DuplicateKeyException.class)) {
                // a concurrent request with the same key won the insert
                return placed.findByIdempotencyKey(idempotencyKey).flatMap(earlier -> replay(earlier, requestHash))
                        .orElseThrow(() -> e);
            }
            throw e;
        }
        return new Placed(orders.findById(order.id()).orElseThrow(), false);
    }

    private Optional<Placed> replay(PlacementRepository.Earlier earlier, String requestHash) {
        return IdempotencyKeys.replayedOrder(earlier, requestHash)
                .map(id -> new Placed(orders.findById(id).orElseThrow(), true));
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

    private static ProblemException invalid(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, detail);
    }
}
