package io.microplatform.orders.placement;

import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

class FailureCodesTest {

    @Test
    void aStoredFailureBecomesTheSameProblemAgain() {
        ProblemException failure = new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("insufficient-stock"),
                "KB-001: 3 wanted, 2 available");

        String code = FailureCodes.of(failure);
        ProblemException again = FailureCodes.toProblem(code, failure.getMessage());

        assertThat(code).isEqualTo("409 urn:microplatform:problem:insufficient-stock");
        assertThat(again.status()).isEqualTo(failure.status());
        assertThat(again.type()).isEqualTo(failure.type());
        assertThat(again.getMessage()).isEqualTo(failure.getMessage());
    }
}
