package io.microplatform.starter.problem;

import io.microplatform.starter.Causes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The servlet services' one error handler. Spring MVC's own exceptions keep their status and get a type URI
 * and the request path; validation errors list every rejected field; anything unexpected is logged with a
 * reference that the 500 response repeats, without a stack trace in the response.
 */
@RestControllerAdvice
public class ServletProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ServletProblemHandler.class);

    @ExceptionHandler(ProblemException.class)
    public ResponseEntity<Object> handleProblem(ProblemException ex, WebRequest request) {
        return createResponseEntity(ex.toProblemDetail(), new HttpHeaders(), ex.status(), request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<Map<String, String>> errors = ex.getConstraintViolations().stream()
                .map(v -> Map.of("field", v.getPropertyPath().toString(), "message", v.getMessage()))
                .toList();
        return createResponseEntity(invalid(errors), new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /**
     * Failures of a dependency that come and go (the database, Redis, the Seata coordinator unreachable): the
     * request did not complete and may be sent again, so they are 503 with {@code Retry-After}, which the
     * gateway and clients retry, not 500. Named, not imported: not every service has each of these libraries.
     * A {@code TmTransactionException} is the coordinator refusing or losing the global transaction (begin failed,
     * "is timeout and will be rollback" after it was restarted under a commit): nothing was committed.
     */
    static final Set<String> UNAVAILABLE = Set.of(
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.dao.TransientDataAccessResourceException",
            "org.springframework.transaction.CannotCreateTransactionException",
            "org.apache.seata.common.exception.FrameworkException",
            "org.apache.seata.core.exception.TmTransactionException");

    /**
     * Or the database connection broke under the request: a {@link SQLException} of SQLSTATE class 08 (connection
     * exception) anywhere in the chain, or one of these failures under a rollback that failed in turn (see
     * {@link #failureUnderRollback}).
     */
    static boolean unavailable(@Nullable Throwable ex) {
        return Causes.causedByClassNamed(ex, UNAVAILABLE) || Causes.chain(ex).anyMatch(cause ->
                cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")
                        || unavailable(failureUnderRollback(cause)));
    }

    /**
     * When PostgreSQL goes away under a transaction, the statement fails, then so does the rollback: Spring throws
     * the rollback's {@code TransactionSystemException} ("JDBC rollback failed", caused by the pool's "Connection
     * is closed", which Hikari raises without a SQLSTATE) and keeps the statement's failure, which says what
     * happened, as its application exception. Read by name: a service without JDBC has no spring-tx.
     */
    private static @Nullable Throwable failureUnderRollback(Throwable cause) {
        if (!cause.getClass().getName().equals("org.springframework.transaction.TransactionSystemException")) {
            return null;
        }
        try {
            return (Throwable) cause.getClass().getMethod("getApplicationException").invoke(cause);
        }
        catch (ReflectiveOperationException | ClassCastException e) {
            return null;
        }
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        if (unavailable(ex)) {
            log.warn("a dependency is unavailable: {}", ex.toString());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "a dependency of this service is unavailable for a moment; the request did not complete, send it "
                            + "again (with the same Idempotency-Key where it has one)");
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "2");
            return createResponseEntity(problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
        }
        String reference = UUID.randomUUID().toString();
        log.error("unexpected error, reference {}", reference, ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "unexpected error; quote reference " + reference + " when reporting it");
        problem.setProperty("reference", reference);
        return createResponseEntity(problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getAllErrors().stream()
                .map(error -> Map.of("field", error instanceof FieldError field ? field.getField() : error.getObjectName(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        return createResponseEntity(invalid(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // a validated body reports its nested fields (items[0].quantity), a plain parameter its own name
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result instanceof ParameterErrors body
                        ? body.getFieldErrors().stream()
                                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                        : result.getResolvableErrors().stream()
                                .map(error -> Map.of("field", String.valueOf(result.getMethodParameter().getParameterName()),
                                        "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        return createResponseEntity(invalid(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = ex.getCause() instanceof JacksonException json ? fieldPath(json.getPath()) : "";
        String detail = field.isEmpty()
                ? "the request body is missing or is not valid JSON for this endpoint"
                : field + ": has a value of the wrong type or format";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** {@code items[0].quantity} from Jackson's reference chain; empty for a syntax error. */
    private static String fieldPath(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
                problem.setType(ProblemTypes.forStatus(status.value()));
            }
            if (problem.getInstance() == null && request instanceof NativeWebRequest nativeRequest
                    && nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest) {
                problem.setInstance(URI.create(servletRequest.getRequestURI()));
            }
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static ProblemDetail invalid(List<Map<String, String>> errors) {
        String detail = errors.stream()
                .map(error -> error.get("field") + ": " + error.get("message"))
                .sorted()
                .collect(Collectors.joining("; "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        problem.setType(ProblemTypes.INVALID_REQUEST);
        problem.setProperty("errors", errors);
        return problem;
    }
}
