package io.microplatform.gateway.ratelimit;

import io.netty.channel.EventLoop;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Netty event loop that serves a request, as a scheduler: work resumed there after an answer from another
 * client (Redis) runs where the request's own reads and writes run, spread over all event loops, and its timers
 * (the Redis timeout) fire there too, without a hop to another thread. A bean, so that its schedulers go with
 * the context that made them.
 */
final class RequestEventLoop {

    /** One scheduler per event loop (a handful), never disposed: disposing would shut the loop down. */
    private final Map<EventLoop, Scheduler> schedulers = new ConcurrentHashMap<>();

    Scheduler of(ServerWebExchange exchange) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (nativeRequest instanceof Connection connection) {
            return schedulers.computeIfAbsent(connection.channel().eventLoop(), Schedulers::fromExecutorService);
        }
        // not served by Reactor Netty (a mock exchange): the default timer thread, and stay where we are
        return Schedulers.parallel();
    }
}
