package io.microplatform.starter.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;

/**
 * A domain error that becomes a problem response as it is: status, type and detail are decided where the
 * error is understood, not in the handler.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final URI type;

    public ProblemException(HttpStatus status, URI type, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, what + " " + id + " does not exist");
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setType(type);
        return problem;
    }
}
