package io.microplatform.scheduler.job;

import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Records a job and hands it to the work queue; a job whose message Kafka did not acknowledge is not kept. */
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

    @Transactional
    Job submit(SubmitJob request) {
        UUID id = UUID.randomUUID();
        jobs.insertQueued(id, request.name(), request.payload() == null ? "" : request.payload());
        try {
            kafka.send(properties.workTopic(), id.toString(), id.toString())
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException | TimeoutException e) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                    "the work queue did not accept the job; nothing was recorded, retry later");
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing job " + id, e);
        }
        return jobs.findById(id).orElseThrow();
    }
}
