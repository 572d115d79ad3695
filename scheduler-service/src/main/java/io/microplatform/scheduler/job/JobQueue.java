package io.microplatform.scheduler.job;

import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Records a job, then hands it to the work queue. The row is committed before the message is sent, so a worker
 * always finds the job its message names; a job whose message Kafka did not acknowledge is deleted again and
 * the submission refused. (A crash between the two leaves a queued job without a message: re-dispatching
 * stale queued jobs belongs to the scheduler's dispatcher.)
 */
@Service
class JobQueue {

    private final JobRepository jobs;
    private final KafkaTemplate<String, String> kafka;
    private final SchedulerProperties properties;

    JobQueue(JobRepository jobs, KafkaTemplate<String, String> kafka, SchedulerProperties properties) {
        this.jobs = jobs;
        this.kafka = kafka;
        this.properties = properties;
    }

    Job submit(SubmitJob request) {
        UUID id = UUID.randomUUID();
        jobs.insertQueued(id, request.name(), request.payload() == null ? "" : request.payload());
        // the job as accepted: once the message is out, a worker may run it before this method returns
        Job accepted = jobs.findById(id).orElseThrow();
        try {
            kafka.send(properties.workTopic(), id.toString(), id.toString())
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException | TimeoutException e) {
            jobs.delete(id);
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                    "the work queue did not accept the job; nothing was recorded, retry later");
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jobs.delete(id);
            throw new IllegalStateException("interrupted while queueing job " + id, e);
        }
        return accepted;
    }
}
