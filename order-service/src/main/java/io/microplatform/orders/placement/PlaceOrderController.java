package io.microplatform.orders.placement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.microplatform.orders.CallingUser;
import io.microplatform.orders.order.Order;
import io.microplatform.starter.IdempotencyKey;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
@RequestMapping("/api/orders")
@Tag(name = "orders")
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
    @Operation(summary = "Places an order: stock and payment in one global transaction of the chosen mode",
            description = "Nothing changes anywhere unless the order is CONFIRMED. A replayed `Idempotency-Key` answers "
                    + "with the first order and `Idempotent-Replayed: true`.")
    @ApiResponse(responseCode = "201", description = "Confirmed; `Location` names the order")
    @ApiResponse(responseCode = "402", description = "The balance does not cover the total (type urn:microplatform:problem:insufficient-balance)")
    @ApiResponse(responseCode = "403", description = "`userId` is not the calling user (type urn:microplatform:problem:forbidden)")
    @ApiResponse(responseCode = "409", description = "Not enough stock (type urn:microplatform:problem:insufficient-stock), "
            + "or a request with this `Idempotency-Key` is still in progress (…:request-in-progress)")
    @ApiResponse(responseCode = "422", description = "The `Idempotency-Key` was used for a different request "
            + "(type urn:microplatform:problem:idempotency-key-reused)")
    ResponseEntity<Order> place(@Valid @RequestBody PlaceOrder request,
                                @RequestHeader(name = IdempotencyKey.HEADER, required = false) @IdempotencyKey String idempotencyKey,
                                @Parameter(hidden = true) @RequestHeader(name = CallingUser.HEADER, required = false) String caller) {
        CallingUser.mayActFor(caller, request.userId(), "place orders on behalf");
        OrderPlacementService.Placed placed = placing.place(request, idempotencyKey);
        return ResponseEntity.created(URI.create("/api/orders/" + placed.order().id()))
                .header("Idempotent-Replayed", Boolean.toString(placed.replayed()))
                .body(placed.order());
    }
}
