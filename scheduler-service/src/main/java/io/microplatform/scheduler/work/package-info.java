/**
 * The work queue: Kafka topic {@code scheduler.work} keyed by schedule, one consumer group of every instance,
 * at-least-once delivery with idempotent run transitions.
 *
 * <h2>Nothing leaves except through the outbox</h2>
 * A fire, a retry and a dead letter are rows of {@code work_outbox} written in the transaction that decided
 * them, published by a relay on every instance ({@code for update skip locked}) and deleted once Kafka has
 * acknowledged them. A fire recorded while Kafka is down is published when it is back; none is lost, and a
 * message published twice (a crash between send and commit) finds its run started or finished and does
 * nothing more.
 *
 * <h2>Retries: scheduled in PostgreSQL, not in the consumer</h2>
 * A failed attempt ends in one transaction that marks the run RETRYING and writes its next message to the
 * outbox, due after {@code backoff * 2^(attempt-1)} with equal jitter (capped at {@code max-backoff}); the
 * attempt that exhausts {@code maxAttempts} marks the run DEAD and writes its dead letter to
 * {@code scheduler.work.DLT}. This was chosen over the two Kafka-side options: the error handler's in-memory
 * back-off blocks the partition (and every other schedule on it) for the whole back-off and forgets the
 * attempts when the consumer dies; non-blocking retry topics need one topic per delay step and cannot follow
 * each schedule's own {@code maxAttempts} and {@code backoff}. Here the attempts are counted in the run's row
 * (once each, by the conditional update that starts an attempt), survive any crash, and the partition keeps
 * flowing. The listener's error handler is only for infrastructure failures (PostgreSQL or Redis unreachable):
 * it retries the message in place with a capped back-off and never skips it.
 *
 * <h2>A worker that dies mid-run</h2>
 * Its message was not acknowledged (record ack mode), so the group gives its partition to another worker,
 * which waits for the run's lock to expire (at most one lease), starts attempt n+1 and finishes the run;
 * {@code attempts} shows both.
 */
package io.microplatform.scheduler.work;
