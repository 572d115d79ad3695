/**
 * Counters on the ring: {@code POST /api/cache/counters/{name}/increments {delta}} returns the new value,
 * {@code GET /api/cache/counters/{name}} reads it.
 *
 * <h2>Exact under concurrency</h2>
 * An increment is one {@code INCRBY} inside a Lua script on each owner of the counter, so concurrent increments
 * from any number of clients and instances never lose one another: the owners apply the same increments, each
 * atomically.
 *
 * <h2>Idempotency</h2>
 * With an {@code Idempotency-Key}, the script records the answer under that key beside the counter (same node,
 * same script, so both or neither), for 24 hours: a retry returns the recorded value and counts nothing.
 *
 * <h2>What replication means for a counter</h2>
 * Counters only go up ({@code delta} ≥ 1), so each owner's copy is a lower bound of the true value: it holds
 * every increment it was in service for. The value is the MAXIMUM over the owners in service (read on all of
 * them; an increment answers the highest copy). A node that comes back is emptied like for any key (see
 * {@link io.microplatform.cache.ring}), then, before it serves, its counters and idempotency answers are copied
 * back from the other owners (the higher copy wins): it misses only the increments made during that copy, and
 * stays a lower bound. Copies are never raised while they serve: two owners apply concurrent increments in
 * different orders, and raising one to the other's answer would count an increment twice. So nothing is lost
 * while one owner of a counter stays in service; if every owner of a counter is lost at once (both nodes, with
 * R=2), the counter restarts from zero. A cache keeps nothing that cannot be lost: a counter that must never be
 * lost belongs in a database.
 */
package io.microplatform.cache.counter;
