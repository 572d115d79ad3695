package io.microplatform.orders.placement;

import io.microplatform.starter.problem.ProblemException;
import org.springframework.http.HttpStatus;

import java.net.URI;

/**
 * How a cancelled order remembers its failure ({@code orders.failure_code}, e.g. {@code 402 urn:...}), so that
 * replaying its Idempotency-Key answers with the same problem.
 */
final class FailureCodes {

    private FailureCodes() {
    }

    static String of(ProblemException problem) {
        return problem.status().value() + " " + problem.type();
    }

    static ProblemException toProblem(String code, String reason) {
        String[] parts = code.split(" ", 2);
        return new ProblemException(HttpStatus.valueOf(Integer.parseInt(parts[0])), URI.create(parts[1]), reason);
    }
}
