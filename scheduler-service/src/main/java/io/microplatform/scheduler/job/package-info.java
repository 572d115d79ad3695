/**
 * One-shot jobs: {@code POST /api/scheduler/jobs} records a job and then puts its id on the work queue; if Kafka does
 * not acknowledge the message the job is deleted again and the request refused with 503. A worker in the consumer group
 * {@code scheduler-workers} runs it and records which instance did. Running a job is idempotent: a
 * redelivered message finds the job already finished and changes nothing.
 */
package io.microplatform.scheduler.job;
