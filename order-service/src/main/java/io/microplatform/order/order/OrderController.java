package io.microplatform.order.order;

import io.microplatform.order.CallingUser;
import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

@RestController
@RequestMapping("/api/orders")
class OrderController {

    private final Orders placing;
    private final OrderRepository orders;

    OrderController(Orders placing, OrderRepository orders) {
        this.placing = placing;
        this.orders = orders;
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
        Orders.Placed placed = placing.place(request, idempotencyKey);
        return ResponseEntity.created(URI.create("/api/orders/" + placed.order().id()))
                .header("Idempotent-Replayed", Boolean.toString(placed.replayed()))
                .body(placed.order());
    }

    /** Another user's order is as missing as one that does not exist (its id reveals nothing). */
    @GetMapping("/{id}")
    Order get(@PathVariable UUID id, @RequestHeader(name = CallingUser.HEADER, required = false) String caller) {
        return orders.findById(id)
                .filter(order -> CallingUser.maySee(caller, order.userId()))
                .orElseThrow(() -> ProblemException.notFound("order", id));
    }

    /** A user's orders, newest first; {@code userId} defaults to the authenticated user, and may only be that user. */
    @GetMapping
    OrderPage list(@RequestParam(required = false) @Size(min = 1, max = 64) String userId,
                   @RequestParam(defaultValue = "0") @Min(0) int page,
                   @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                   @RequestHeader(name = CallingUser.HEADER, required = false) String caller) {
        if (userId == null) {
            if (caller == null) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST,
                        "userId is required: whose orders to list");
            }
            userId = caller;
        }
        CallingUser.mayActFor(caller, userId, "list the orders");
        return new OrderPage(orders.findByUser(userId, page, size), page, size, orders.countByUser(userId));
    }
}
