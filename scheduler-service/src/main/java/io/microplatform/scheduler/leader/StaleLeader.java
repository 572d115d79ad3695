package io.microplatform.scheduler.leader;

/** A fire refused by the fence: a newer leader holds a higher token. The transaction rolls back. */
class StaleLeader extends RuntimeException {

    StaleLeader(String message) {
        super(message);
    }
}
