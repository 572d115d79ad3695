package io.microplatform.orders.order;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.microplatform.orders.CallingUser;
import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** The reads of orders; {@code POST /api/orders} belongs to placement. */
@RestController
@RequestMapping("/api/orders")
@Tag(name = "orders", description = "Orders placed in one global transaction (AT, TCC, XA or Saga)")
class OrderController {

    private final OrderRepository orders;

    OrderController(OrderRepository orders) {
        this.orders = orders;
    }

    /** Another user's order is as missing as one that does not exist (its id reveals nothing). */
    @GetMapping("/{id}")
    @Operation(summary = "An order of the calling user", description = "Another user's order is 404, as one that does not exist.")
    Order get(@PathVariable UUID id, @Parameter(hidden = true) @RequestHeader(name = CallingUser.HEADER, required = false) String caller) {
        return orders.findById(id)
                .filter(order -> CallingUser.maySee(caller, order.userId()))
                .orElseThrow(() -> ProblemException.notFound("order", id));
    }

    /** A user's orders, newest first; {@code userId} defaults to the authenticated user, and may only be that user. */
    @GetMapping
    @Operation(summary = "One page of a user's orders, newest first",
            description = "`userId` defaults to the calling user and may name no one else.")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "403", description = "`userId` names another user (type urn:microplatform:problem:forbidden)")
    OrderPage list(@RequestParam(required = false) @Size(min = 1, max = 64) String userId,
                   @RequestParam(defaultValue = "0") @Min(0) int page,
                   @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                   @Parameter(hidden = true) @RequestHeader(name = CallingUser.HEADER, required = false) String caller) {
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
