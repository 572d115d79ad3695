package io.microplatform.gateway.management;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.util.Map;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * Health on the public port, where load balancers, probes and docker-compose look for it
 * ({@code /actuator/health}, {@code /actuator/health/liveness}, {@code /actuator/health/readiness}), answered from
 * the application's availability state exactly as actuator's probe groups are: 200 {@code UP}, or 503
 * {@code DOWN} (broken) / {@code OUT_OF_SERVICE} (refusing traffic, e.g. while shutting down). The full health
 * with its components (Redis, discovery) stays on the management port with the other actuator endpoints: no
 * detail of the inside is published.
 */
@Configuration(proxyBeanMethods = false)
class PublicHealthConfiguration {

    @Bean
    RouterFunction<ServerResponse> publicHealth(ApplicationAvailability availability) {
        return RouterFunctions.route(GET("/actuator/health/liveness"), request -> liveness(availability))
                .andRoute(GET("/actuator/health/readiness"), request -> readiness(availability))
                .andRoute(GET("/actuator/health"), request -> availability.getLivenessState() != LivenessState.CORRECT
                        ? liveness(availability) : readiness(availability));
    }

    private static Mono<ServerResponse> liveness(ApplicationAvailability availability) {
        return availability.getLivenessState() == LivenessState.CORRECT ? status(HttpStatus.OK, "UP")
                : status(HttpStatus.SERVICE_UNAVAILABLE, "DOWN");
    }

    private static Mono<ServerResponse> readiness(ApplicationAvailability availability) {
        return availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC ? status(HttpStatus.OK, "UP")
                : status(HttpStatus.SERVICE_UNAVAILABLE, "OUT_OF_SERVICE");
    }

    private static Mono<ServerResponse> status(HttpStatus status, String health) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("status", health));
    }
}
