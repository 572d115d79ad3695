package io.microplatform.inventory.stock;

import io.microplatform.starter.problem.ProblemTypes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.UUID;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The internal stock API's validation, and the unsafe baseline's switch, before anything reaches the database. */
@WebMvcTest(StockController.class)
class StockControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    StockOperations stock;

    @Test
    void aRequestWithoutItemsOrOrderIsRefused() throws Exception {
        mvc.perform(post("/internal/inventory/stock/at/deductions").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"items\": []}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(ProblemTypes.INVALID_REQUEST.toString()))
                .andExpect(jsonPath("$.errors.length()").value(2));
        verifyNoInteractions(stock);
    }

    @Test
    void theUnsafeBaselineIsOffUnlessSwitchedOn() throws Exception {
        mvc.perform(post("/internal/inventory/stock/local/deductions").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"orderId\": \"" + UUID.randomUUID() + "\", \"items\": [{\"sku\": \"KB-001\", \"quantity\": 1}]}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("the unsafe baseline is off (microplatform.unsafe-baseline.enabled)"));
        verifyNoInteractions(stock);
    }
}
