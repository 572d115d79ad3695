package io.microplatform.order.order;

import io.microplatform.starter.problem.ProblemException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@RequestMapping("/api/orders")
class OrderController {

    private final OrderRepository orders;

    OrderController(OrderRepository orders) {
        this.orders = orders;
    }

    @GetMapping("/{id}")
    Order get(@PathVariable UUID id) {
        return orders.findById(id).orElseThrow(() -> ProblemException.notFound("order", id));
    }

    @GetMapping
    OrderPage list(@RequestParam @NotBlank @Size(max = 64) String userId,
                   @RequestParam(defaultValue = "0") @Min(0) int page,
                   @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return new OrderPage(orders.findByUser(userId, page, size), page, size, orders.countByUser(userId));
    }
}
