/**
 * scheduler-service: jobs in the PostgreSQL database {@code scheduler}, dispatched to a Kafka work queue and
 * run by the workers of every instance (one consumer group). Features: {@link io.microplatform.scheduler.job}.
 */
package io.microplatform.scheduler;
