package io.microplatform.gateway.ratelimit;

import io.microplatform.gateway.ratelimit.RateLimitProperties.RouteLimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What this gateway instance knows of each shared Redis bucket between two calls to Redis, so that a busy key
 * costs one Redis round trip per few requests instead of one per request:
 * <ul>
 * <li><b>leased tokens</b>: a call may take more tokens than its request needs, and the next requests use them
 * locally. A lease never creates tokens (they leave the shared bucket before any request uses them), so the
 * limit holds across all instances as without leases; what a lease can do is hold tokens another instance could
 * have used: at most {@link #maxLease} per bucket and instance, for at most {@link #TTL}, after which unused ones
 * are dropped. The size follows what this instance's requests asked for in about one {@code lease-window} at the
 * rate it last saw (refused ones included: a key held at its limit is leased whole windows, not a token at a time): a quiet key asks Redis for exactly one request's tokens every time, and a route whose
 * {@code replenish-rate * lease-window} is under two requests' tokens is never leased.</li>
 * <li><b>refusals</b>: Redis answers a refusal with the time until the bucket holds what was asked for; until
 * then this instance refuses the key locally. A key driven over its limit then costs about two calls per lease
 * (or per token, unleased) instead of one per request. Other instances can only empty the bucket further, so a
 * local refusal never turns away a request Redis would have admitted.</li>
 * </ul>
 * At most one leasing call per bucket is in flight; requests that miss the lease meanwhile ask Redis for their
 * own tokens only, so concurrency cannot pile leases up beyond {@link #maxLease}.
 */
final class TokenLeases {

    /** How long unused leased tokens stay usable: bounds what an instance that stopped seeing a key holds. */
    static final Duration TTL = Duration.ofSeconds(1);

    /** {@link Lease#take}: the request must ask Redis. */
    static final long ASK = -1;

    /** {@link Lease#take}: refused locally, until {@link Lease#refusedUntil}. */
    static final long REFUSED = -2;

    private static final long TTL_NANOS = TTL.toNanos();

    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    /**
     * The most tokens one lease may hold for this route: the replenish rate times the window, whole tokens, at
     * most the burst capacity; 0 (no leases) when that is under two requests' tokens.
     */
    static int maxLease(RouteLimit limit, Duration window) {
        long tokens = Math.min(limit.burstCapacity(),
                limit.replenishRate() * window.toNanos() / TimeUnit.SECONDS.toNanos(1));
        return tokens >= 2L * limit.requestedTokens() ? (int) tokens : 0;
    }

    /** The lease of a bucket, created empty on first use. */
    Lease of(String bucket, long now) {
        return leases.computeIfAbsent(bucket, name -> new Lease(now));
    }

    /**
     * Drops the leases idle for a TTL (nothing held, no refusal in force, no request since): run periodically off
     * the event loops, since a route keyed by client address can hold one per client.
     */
    void sweep(long now) {
        leases.values().removeIf(lease -> lease.idle(now));
    }

    int size() {
        return leases.size();
    }

    /** A Redis call for a request: how many tokens it asks for, and whether it is the lease's refill. */
    record Ask(int tokens, boolean leasing) {
    }

    /**
     * One bucket as this instance knows it: leased tokens, a refusal in force, and how fast this instance has been
     * using the bucket. Every method is short and takes the lease's own lock.
     */
    static final class Lease {

        private long tokens;
        private long expiresAt;
        private long refusedUntil;
        private long remainingInRedis;
        /**
         * Tokens this instance's requests asked for since {@link #since}, admitted or refused: what a lease is sized
         * by (counting only admissions would size a key held at its limit by the trickle it is allowed).
         */
        private long demand;
        private long since;
        private boolean refilling;

        Lease(long now) {
            expiresAt = now;
            refusedUntil = now;
            since = now;
        }

        /**
         * Decides locally if it can: takes the request's tokens from the lease, or refuses while a refusal is in
         * force.
         *
         * @return the tokens left as far as this instance knows (the bucket's at the last answer plus what the
         * lease still holds), {@link #REFUSED}, or {@link #ASK} if Redis must decide
         */
        synchronized long take(int requested, long now) {
            if (now - refusedUntil < 0) {
                demand += requested;
                return REFUSED;
            }
            if (tokens >= requested && now - expiresAt < 0) {
                tokens -= requested;
                demand += requested;
                return remainingInRedis + tokens;
            }
            return ASK;
        }

        /** How long the refusal in force lasts from {@code now}. */
        synchronized Duration refusedFor(long now) {
            return Duration.ofNanos(Math.max(0, refusedUntil - now));
        }

        /**
         * What to ask Redis for: the request's tokens plus what this instance's requests asked for in one window at
         * the rate they did since the last refill (at most {@code maxLease}); the request's own only while another
         * refill is under way, or while nothing is known about the rate (the first request of a key, or after a
         * quiet second).
         */
        synchronized Ask ask(int requested, int maxLease, Duration window, long now) {
            if (refilling) {
                return new Ask(requested, false);
            }
            refilling = true;
            long elapsed = now - since;
            long asked = demand;
            demand = 0;
            since = now;
            if (maxLease == 0 || asked == 0 || elapsed >= TTL_NANOS) {
                return new Ask(requested, true);
            }
            double perWindow = (double) asked * window.toNanos() / Math.max(1, elapsed);
            return new Ask((int) Math.max(requested, Math.min(maxLease, requested + (long) Math.ceil(perWindow))), true);
        }

        /**
         * Records Redis's answer: {@code granted} tokens (0: refused), {@code remaining} left in the bucket, and
         * for a refusal how long until the bucket holds what was asked for.
         *
         * @return the tokens left as far as this instance knows, as {@link #take} counts them
         */
        synchronized long answered(int requested, long granted, long remaining, Duration retryAfter, long now) {
            remainingInRedis = remaining;
            if (now - expiresAt >= 0) {
                tokens = 0;
            }
            demand += requested;
            if (granted == 0) {
                refusedUntil = Math.max(refusedUntil, now + retryAfter.toNanos());
                return remaining;
            }
            if (granted > requested) {
                tokens += granted - requested;
                expiresAt = now + TTL_NANOS;
            }
            return remainingInRedis + tokens;
        }

        /** The call has ended, whatever its outcome: after a refill, the next miss may refill again. */
        synchronized void done(Ask ask) {
            if (ask.leasing()) {
                refilling = false;
            }
        }

        synchronized boolean idle(long now) {
            return !refilling && now - expiresAt >= 0 && now - refusedUntil >= 0 && now - since >= TTL_NANOS;
        }
    }
}
