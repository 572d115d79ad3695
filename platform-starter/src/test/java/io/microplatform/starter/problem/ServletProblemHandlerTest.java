package io.microplatform.starter.problem;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ServletProblemHandlerTest {

    record Thing(@NotBlank String name, @Positive int quantity) {
    }

    @RestController
    static class ThingController {

        @GetMapping("/things/{id}")
        Thing find(@PathVariable String id) {
            if (id.equals("boom")) {
                throw new IllegalStateException("secret internals");
            }
            if (id.equals("database-down")) {
                throw new IllegalStateException("query failed", new org.springframework.jdbc.CannotGetJdbcConnectionException(
                        "Failed to obtain JDBC Connection", new java.sql.SQLTransientConnectionException("timeout")));
            }
            if (id.equals("connection-lost")) {
                // what Spring and Hikari 7 throw when PostgreSQL goes away under a transaction: the statement fails,
                // then the rollback, whose "Connection is closed" has no SQLSTATE; the statement's failure is kept
                org.springframework.transaction.TransactionSystemException rollback =
                        new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
                                new java.sql.SQLException("Connection is closed"));
                rollback.initApplicationException(new org.springframework.dao.DataAccessResourceFailureException(
                        "PreparedStatementCallback", new java.sql.SQLException(
                                "FATAL: terminating connection due to unexpected postmaster exit", "57P01")));
                throw rollback;
            }
            if (id.equals("coordinator-lost")) {
                // what a global commit answers after the coordinator was restarted under it (through a proxy)
                throw new java.lang.reflect.UndeclaredThrowableException(
                        new org.apache.seata.core.exception.TmTransactionException(
                                org.apache.seata.core.exception.TransactionExceptionCode.TransactionTimeout,
                                "Global transaction[192.0.2.2:8091:1] is timeout and will be rollback[TC]."));
            }
            if (id.equals("connection-exception")) {
                throw new org.springframework.transaction.TransactionSystemException("JDBC commit failed",
                        new java.sql.SQLException("An I/O error occurred while sending to the backend.", "08006"));
            }
            throw ProblemException.notFound("thing", id);
        }

        @PostMapping("/things")
        Thing create(@Valid @RequestBody Thing thing) {
            return thing;
        }

        @PostMapping("/conflicts")
        Thing conflict() {
            throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("thing-exists"), "thing a exists");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new ThingController())
            .setControllerAdvice(new ServletProblemHandler())
            .build();

    @Test
    void domainErrorKeepsItsStatusTypeAndDetail() throws Exception {
        mvc.perform(get("/things/42"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:microplatform:problem:not-found"))
                .andExpect(jsonPath("$.detail").value("thing 42 does not exist"))
                .andExpect(jsonPath("$.instance").value("/things/42"));
        mvc.perform(post("/conflicts"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:microplatform:problem:thing-exists"));
    }

    @Test
    void validationErrorsNameEveryRejectedField() throws Exception {
        mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\",\"quantity\":0}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:microplatform:problem:invalid-request"))
                .andExpect(jsonPath("$.detail").value("name: must not be blank; quantity: must be greater than 0"))
                .andExpect(jsonPath("$.errors.length()").value(2));
    }

    @Test
    void malformedJsonIsABadRequestNotAServerError() throws Exception {
        mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("the request body is missing or is not valid JSON for this endpoint"));
        mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"a\",\"quantity\":\"many\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("quantity: has a value of the wrong type or format"));
    }

    @Test
    void unexpectedErrorsHideTheirInternals() throws Exception {
        mvc.perform(get("/things/boom"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value("urn:microplatform:problem:internal"))
                .andExpect(jsonPath("$.reference").isNotEmpty())
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("secret"))));
    }

    @Test
    void anUnavailableDependencyIsARetriable503NotA500() throws Exception {
        mvc.perform(get("/things/database-down"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(jsonPath("$.type").value("urn:microplatform:problem:service-unavailable"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("send it again")));
    }

    @Test
    void aDatabaseConnectionLostUnderTheRequestIsA503Too() throws Exception {
        mvc.perform(get("/things/connection-lost"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(jsonPath("$.type").value("urn:microplatform:problem:service-unavailable"));
    }

    @Test
    void aGlobalTransactionTheCoordinatorLostIsA503() throws Exception {
        mvc.perform(get("/things/coordinator-lost"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"));
    }

    @Test
    void aConnectionExceptionAnywhereInTheChainIsA503() throws Exception {
        mvc.perform(get("/things/connection-exception"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"));
    }
}
