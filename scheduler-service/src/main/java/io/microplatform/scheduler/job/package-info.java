/**
 * One-shot jobs: {@code POST /api/scheduler/jobs} records a job and puts its id on the work queue in the same
 * request (the row is committed only once Kafka acknowledged the message); a worker in the consumer group
 * {@code scheduler-workers} runs it and records which instance did. Running a job is idempotent: a
 * redelivered message finds the job already finished and changes nothing.
 */
package io.microplatform.scheduler.job;
