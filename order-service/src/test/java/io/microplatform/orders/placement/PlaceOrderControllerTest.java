package io.microplatform.orders.placement;

import io.microplatform.orders.order.Order;
import io.microplatform.orders.order.OrderStatus;
import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code POST /api/orders} on its own: what reaches placement, and how refusals look. */
@WebMvcTest(PlaceOrderController.class)
class PlaceOrderControllerTest {

    private static final String ORDER = """
            {"userId": "alice", "mode": "AT", "items": [{"sku": "KB-001", "quantity": 1}]}""";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    OrderPlacementService placing;

    @Test
    void aPlacedOrderIsCreatedAndSaysWhetherItWasReplayed() throws Exception {
        UUID id = UUID.randomUUID();
        given(placing.place(any(), eq("key-1"))).willReturn(new OrderPlacementService.Placed(new Order(id, "alice",
                OrderStatus.CONFIRMED, "AT", 8900, List.of(new Order.OrderItem("KB-001", 1, 8900)), Instant.now(), null),
                true));

        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(ORDER)
                        .header("Idempotency-Key", "key-1"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/orders/" + id))
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(jsonPath("$.status").value("CONFIRMED"));
    }

    @Test
    void anInvalidBodyListsEveryRejectedFieldAndPlacesNothing() throws Exception {
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content("""
                        {"userId": "", "mode": "FAST", "items": [{"sku": "KB-001", "quantity": 0}]}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(ProblemTypes.INVALID_REQUEST.toString()))
                .andExpect(jsonPath("$.errors.length()").value(3))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(
                        "mode: must be one of AT, TCC, XA, SAGA")));
        verifyNoInteractions(placing);
    }

    @Test
    void aMalformedIdempotencyKeyIsABadRequest() throws Exception {
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(ORDER)
                        .header("Idempotency-Key", "two words"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("idempotencyKey: must be printable ASCII without spaces"));
        verifyNoInteractions(placing);
    }

    @Test
    void aUserMayNotOrderForAnother() throws Exception {
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(ORDER)
                        .header("X-User-Id", "mallory"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value(ProblemTypes.FORBIDDEN.toString()));
        verifyNoInteractions(placing);
    }

    @Test
    void aProblemFromPlacementKeepsItsStatusTypeAndProperties() throws Exception {
        UUID id = UUID.randomUUID();
        given(placing.place(any(), any())).willThrow(new ProblemException(HttpStatus.PAYMENT_REQUIRED,
                ProblemTypes.of("insufficient-balance"), "no money").withProperty("orderId", id));

        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(ORDER))
                .andExpect(status().isPaymentRequired())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:microplatform:problem:insufficient-balance"))
                .andExpect(jsonPath("$.detail").value("no money"))
                .andExpect(jsonPath("$.orderId").value(id.toString()))
                .andExpect(jsonPath("$.instance").value("/api/orders"));
    }
}
