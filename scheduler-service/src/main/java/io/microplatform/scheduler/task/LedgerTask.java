package io.microplatform.scheduler.task;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends one row per run to {@code ledger}, a resource guarded by the fencing token of the leader that fired
 * the run: the write is refused when a run with a higher token has already written for the same schedule
 * (the check and the write are one transaction, the fence row locked). A run written once is not written again
 * (a redelivery finds its row). This is the effect the failover tests count.
 */
@Component
class LedgerTask implements Task {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;

    LedgerTask(JdbcClient jdbc, TransactionTemplate tx, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.meters = meters;
    }

    @Override
    public String name() {
        return "ledger";
    }

    @Override
    public void run(TaskContext context) {
        tx.executeWithoutResult(status -> {
            boolean admitted = jdbc.sql("""
                            insert into ledger_fence (schedule_id, highest_token) values (:schedule, :token)
                            on conflict (schedule_id) do update set highest_token = excluded.highest_token
                            where ledger_fence.highest_token <= excluded.highest_token""")
                    .param("schedule", context.scheduleId()).param("token", context.fencingToken()).update() == 1;
            if (!admitted) {
                meters.counter("scheduler.fence.refusals", "resource", "ledger").increment();
                throw new FencedOff("ledger refused fencing token " + context.fencingToken()
                        + ": a run with a higher token has written for schedule " + context.scheduleId());
            }
            jdbc.sql("""
                            insert into ledger (run_id, schedule_id, fire_time, fencing_token, worker)
                            values (:run, :schedule, :fire, :token, :worker) on conflict (run_id) do nothing""")
                    .param("run", context.runId()).param("schedule", context.scheduleId())
                    .param("fire", java.sql.Timestamp.from(context.fireTime())).param("token", context.fencingToken())
                    .param("worker", context.worker()).update();
        });
    }
}
