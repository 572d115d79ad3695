package io.microplatform.orders.payment;

import io.microplatform.starter.problem.ProblemTypes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The accounts endpoints' refusals, before anything reaches the database. */
@WebMvcTest(AccountController.class)
class AccountControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    JdbcClient jdbc;

    @Test
    void anAccountNeedsAUserAndABalanceThatIsNotNegative() throws Exception {
        mvc.perform(post("/api/payments/accounts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userId\": \" \", \"balanceCents\": -1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(ProblemTypes.INVALID_REQUEST.toString()))
                .andExpect(jsonPath("$.errors.length()").value(2));
        mvc.perform(post("/api/payments/accounts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userId\": \"alice\", \"balanceCents\": \"lots\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("balanceCents: has a value of the wrong type or format"));
        verifyNoInteractions(jdbc);
    }

    @Test
    void aUserSeesOnlyTheirOwnAccount() throws Exception {
        mvc.perform(get("/api/payments/accounts/alice").header("X-User-Id", "mallory"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value(ProblemTypes.FORBIDDEN.toString()));
        verifyNoInteractions(jdbc);
    }
}
