package io.microplatform.orders.placement;

import io.microplatform.orders.CallingUser;
import io.microplatform.orders.order.Order;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
@RequestMapping("/api/orders")
class PlaceOrderController {

    private final OrderPlacementService placing;

    PlaceOrderController(OrderPlacementService placing) {
        this.placing = placing;
    }

    /**
     * 201 with the order; a replayed Idempotency-Key answers with the first order and {@code Idempotent-Replayed: true}.
     * Through the gateway, only for the authenticated user (403 problem otherwise).
     */
    @PostMapping
    ResponseEntity<Order> place(@Valid @RequestBody PlaceOrder request,
                                @RequestHeader(name = "Idempotency-Key", required = false)
                                @Size(min = 1, max = 128) @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be printable ASCII without spaces")
                                String idempotencyKey,
                                @RequestHeader(name = CallingUser.HEADER, required = false) String caller) {
        CallingUser.mayActFor(caller, request.userId(), "place orders on behalf");
        OrderPlacementService.Placed placed = placing.place(request, idempotencyKey);
        return ResponseEntity.created(URI.create("/api/orders/" + placed.order().id()))
                .header("Idempotent-Replayed", Boolean.toString(placed.replayed()))
                .body(placed.order());
    }
}
