package io.microplatform.inventory.product;

import io.microplatform.starter.problem.ProblemTypes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Optional;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The catalog endpoints' validation and error mapping, before anything reaches the database. */
@WebMvcTest(ProductController.class)
class ProductControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ProductRepository products;

    @Test
    void aNewProductIsRefusedWithEveryBadFieldNamed() throws Exception {
        mvc.perform(post("/api/inventory/products").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sku\": \"kb 1\", \"name\": \"\", \"priceCents\": -1, \"available\": 0}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(ProblemTypes.INVALID_REQUEST.toString()))
                .andExpect(jsonPath("$.errors.length()").value(3));
        verifyNoInteractions(products);
    }

    @Test
    void aRestockNeedsAPositiveQuantity() throws Exception {
        mvc.perform(post("/api/inventory/products/KB-001/restock").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"quantity\": 0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("quantity"));
        verifyNoInteractions(products);
    }

    @Test
    void anUnknownProductIsANotFoundProblem() throws Exception {
        given(products.findBySku("NOPE")).willReturn(Optional.empty());

        mvc.perform(get("/api/inventory/products/NOPE"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value(ProblemTypes.NOT_FOUND.toString()))
                .andExpect(jsonPath("$.detail").value("product NOPE does not exist"))
                .andExpect(jsonPath("$.instance").value("/api/inventory/products/NOPE"));
    }
}
