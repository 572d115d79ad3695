package io.microplatform.orders.order;

import io.microplatform.starter.problem.ProblemTypes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The reads of orders on their own: who may see what, and how bad parameters are refused. */
@WebMvcTest(OrderController.class)
class OrderControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    OrderRepository orders;

    @Test
    void anotherUsersOrderIsAsMissingAsOneThatDoesNotExist() throws Exception {
        UUID id = UUID.randomUUID();
        given(orders.findById(id)).willReturn(Optional.of(new Order(id, "alice", OrderStatus.CONFIRMED, "AT", 8900,
                List.of(), Instant.now(), null)));

        mvc.perform(get("/api/orders/{id}", id).header("X-User-Id", "alice"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CONFIRMED"));
        mvc.perform(get("/api/orders/{id}", id).header("X-User-Id", "mallory"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value(ProblemTypes.NOT_FOUND.toString()))
                .andExpect(jsonPath("$.detail").value("order " + id + " does not exist"));
    }

    @Test
    void aBadIdIsABadRequest() throws Exception {
        mvc.perform(get("/api/orders/not-a-uuid"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void theListDefaultsToTheCallerAndRefusesAnyoneElse() throws Exception {
        given(orders.findByUser("alice", 0, 20)).willReturn(List.of());
        given(orders.countByUser("alice")).willReturn(0L);

        mvc.perform(get("/api/orders").header("X-User-Id", "alice"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.size").value(20));
        mvc.perform(get("/api/orders?userId=bob").header("X-User-Id", "alice"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/orders"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("userId is required: whose orders to list"));
    }

    @Test
    void aPageSizeOutOfBoundsIsABadRequest() throws Exception {
        mvc.perform(get("/api/orders?userId=alice&size=1000"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(ProblemTypes.INVALID_REQUEST.toString()))
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }
}
