package io.microplatform.scheduler;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of scheduler-service ({@code microplatform.scheduler.*}).
 *
 * @param instanceId          this instance's name in leases, runs and metrics
 * @param leaderCandidate     whether this instance may lead (fire schedules); every instance is a worker
 * @param leaderLease         the leader lease's TTL in Redis: a dead leader is replaced within this plus
 *                            {@code leaderPollInterval}; the leader renews every third of it
 * @param leaderPollInterval  how often a standby tries to take a free lease
 * @param fireInterval        how often the leader looks for due schedules: the bound of a fire's lateness
 * @param fireBatch           due schedules fired in one transaction at most
 * @param misfireThreshold    a fire later than this is a misfire and follows its schedule's misfire policy
 * @param catchUpMax          missed fires that {@code CATCH_UP} runs at most (older ones are skipped, counted)
 * @param workTopic           the work queue: one message per run to start, keyed by schedule
 * @param deadLetterTopic     runs whose attempts are exhausted
 * @param workTopicPartitions partitions of both topics: the most runs executing in parallel
 * @param topicReplicas       replication factor of the topics (1 on a single local broker)
 * @param workerConcurrency   consumer threads per instance
 * @param relayInterval       how often the outbox relay looks for due messages (it is also woken by new fires)
 * @param relayBatch          messages published per relay transaction at most
 * @param sendTimeout         how long the relay waits for Kafka's acknowledgements before it retries the batch
 * @param lockWait            how long a worker waits for a run's or schedule's lock: longer than the lock's
 *                            lease, so that the lock of a worker that died is free by then
 * @param maxBackoff          the cap of a run's exponential retry back-off
 */
@Validated
@ConfigurationProperties("microplatform.scheduler")
public record SchedulerProperties(
        @NotBlank @DefaultValue("scheduler") String instanceId,
        @DefaultValue("true") boolean leaderCandidate,
        @DefaultValue("10s") Duration leaderLease,
        @DefaultValue("500ms") Duration leaderPollInterval,
        @DefaultValue("50ms") Duration fireInterval,
        @Min(1) @DefaultValue("500") int fireBatch,
        @DefaultValue("5s") Duration misfireThreshold,
        @Min(1) @DefaultValue("10") int catchUpMax,
        @NotBlank @DefaultValue("scheduler.work") String workTopic,
        @NotBlank @DefaultValue("scheduler.work.DLT") String deadLetterTopic,
        @Min(1) @DefaultValue("6") int workTopicPartitions,
        @Min(1) @DefaultValue("1") short topicReplicas,
        @Min(1) @DefaultValue("2") int workerConcurrency,
        @DefaultValue("200ms") Duration relayInterval,
        @Min(1) @DefaultValue("500") int relayBatch,
        @DefaultValue("5s") Duration sendTimeout,
        @DefaultValue("12s") Duration lockWait,
        @DefaultValue("5m") Duration maxBackoff) {

    public SchedulerProperties {
        if (leaderLease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("microplatform.scheduler.leader-lease must be at least 1s, was " + leaderLease);
        }
        if (misfireThreshold.compareTo(fireInterval) <= 0) {
            throw new IllegalArgumentException("microplatform.scheduler.misfire-threshold (" + misfireThreshold
                    + ") must be longer than fire-interval (" + fireInterval + "), or every fire would be a misfire");
        }
    }
}
