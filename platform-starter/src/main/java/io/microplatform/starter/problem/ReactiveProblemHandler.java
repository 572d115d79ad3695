package io.microplatform.starter.problem;

import io.microplatform.starter.Causes;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * The reactive services' (the gateway's) one error handler. Besides Spring's own exceptions it maps what a
 * proxy meets downstream: a refused connection is 503 with {@code Retry-After} (the instance is down or
 * restarting), a timeout is 504. A {@code Retry-After} already on the response is kept, so that a caller
 * that knows when to come back (a rate limiter, an open circuit breaker) can say so and throw its
 * {@link ProblemException} as usual. Runs before Boot's default handler, so no error leaves as HTML or as
 * Boot's error attributes.
 */
public class ReactiveProblemHandler implements WebExceptionHandler, Ordered {

    /** Before Boot's default error handler (-1) and after nothing else. */
    public static final int ORDER = -2;

    private static final Logger log = LoggerFactory.getLogger(ReactiveProblemHandler.class);
    static final String RETRY_AFTER_SECONDS = "5";

    private final ServerResponse.Context context;

    public ReactiveProblemHandler(ServerCodecConfigurer codecs) {
        List<HttpMessageWriter<?>> writers = codecs.getWriters();
        this.context = new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return writers;
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return List.of();
            }
        };
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        // the lines logged here carry the request's trace and span ids, as every service's lines do
        return Mono.deferContextual(reactorContext -> {
            ProblemDetail problem;
            try (Observation.Scope scope = openScope(reactorContext)) {
                problem = toProblem(ex);
            }
            return write(exchange, problem);
        });
    }

    /**
     * The request's observation (WebFlux keeps it in the Reactor context, not on the thread: the gateway runs
     * without automatic context propagation, whose cost on every operator is the price of ids on every line)
     * opened on this thread, so that the tracer's log correlation puts {@code traceId} and {@code spanId} into
     * the MDC for the lines logged inside. A no-op scope outside an observed request.
     */
    private static Observation.Scope openScope(ContextView reactorContext) {
        Observation observation = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        return observation == null ? Observation.Scope.NOOP : observation.openScope();
    }

    private Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        ServerResponse.BodyBuilder response = ServerResponse.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        // whoever knows better (a rate limiter, an open circuit breaker) has already set Retry-After
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()
                && !exchange.getResponse().getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.bodyValue(problem).flatMap(r -> r.writeTo(exchange, context));
    }

    static ProblemDetail toProblem(Throwable ex) {
        if (ex instanceof ProblemException problemException) {
            return problemException.toProblemDetail();
        }
        if (ex instanceof ErrorResponse errorResponse) {
            HttpStatusCode status = errorResponse.getStatusCode();
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detailOf(errorResponse, status));
            problem.setType(ProblemTypes.forStatus(status.value()));
            return problem;
        }
        if (Causes.causedBy(ex, ConnectException.class)) {
            log.warn("downstream refused the connection: {}", ex.getMessage());
            return problem(HttpStatus.SERVICE_UNAVAILABLE,
                    "the service behind this route is not reachable at the moment; retry later");
        }
        if (Causes.causedBy(ex, TimeoutException.class)) {
            log.warn("downstream timed out: {}", ex.toString());
            return problem(HttpStatus.GATEWAY_TIMEOUT, "the service behind this route did not answer in time");
        }
        String reference = UUID.randomUUID().toString();
        log.error("unexpected error, reference {}", reference, ex);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "unexpected error; quote reference " + reference + " when reporting it");
        problem.setProperty("reference", reference);
        return problem;
    }

    private static String detailOf(ErrorResponse errorResponse, HttpStatusCode status) {
        String detail = errorResponse.getBody().getDetail();
        if (status.value() == 404) {
            return "no route or resource matches this path";
        }
        return detail != null ? detail : HttpStatus.valueOf(status.value()).getReasonPhrase();
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemTypes.forStatus(status.value()));
        return problem;
    }
}
