package io.microplatform.gateway.security;

import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Runs Spring Security's filters one after the other, and nothing else. Spring's own chain, which Spring Security
 * uses by default, adds a Reactor checkpoint per filter on every request, named by the filter's
 * {@code toString()} (a string built per filter and request: Spring Security's ordered filters describe
 * themselves and the filter they wrap); its only use is a line in the stack trace of an error, and the
 * gateway's errors are answered as problems, not debugged from traces. Observations per security filter are
 * off as well ({@link SecurityConfiguration#securityObservationSettings()}), so there is nothing to decorate.
 */
final class LeanFilterChain implements WebFilterChain {

    private final List<WebFilter> filters;

    private final int index;

    private final WebFilterChain last;

    private LeanFilterChain(List<WebFilter> filters, int index, WebFilterChain last) {
        this.filters = filters;
        this.index = index;
        this.last = last;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange) {
        if (index == filters.size()) {
            return last.filter(exchange);
        }
        return filters.get(index).filter(exchange, new LeanFilterChain(filters, index + 1, last));
    }

    /** What {@link WebFilterChainProxy} builds its chain of filters with. */
    static final class Decorator implements WebFilterChainProxy.WebFilterChainDecorator {

        @Override
        public WebFilterChain decorate(WebFilterChain original) {
            return original;
        }

        @Override
        public WebFilterChain decorate(WebFilterChain original, List<WebFilter> filters) {
            return new LeanFilterChain(filters, 0, original);
        }
    }
}
