package io.microplatform.scheduler.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** Runs queued jobs; every instance of the service is a consumer in the same group. */
@Component
class JobWorker {

    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

    private final JobRepository jobs;
    private final String workerId;

    JobWorker(JobRepository jobs) {
        this.jobs = jobs;
        this.workerId = hostName() + ":" + ProcessHandle.current().pid();
    }

    @KafkaListener(topics = "${scheduler.work-topic:scheduler.work}")
    void run(String jobId) {
        UUID id;
        try {
            id = UUID.fromString(jobId);
        }
        catch (IllegalArgumentException e) {
            log.warn("dropping malformed work item {}", jobId);
            return;
        }
        if (jobs.markSucceeded(id, workerId)) {
            log.info("job {} ran on {}", id, workerId);
        }
        // otherwise a redelivery of a job that already ran, or the message of a submission that was refused
        // (its row deleted): nothing to do either way
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
