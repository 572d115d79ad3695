package io.microplatform.starter.seata;

import org.apache.seata.core.model.GlobalStatus;
import org.apache.seata.tm.api.GlobalTransactionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes the AT undo logs that a participant leaves behind when it dies between acknowledging a global commit
 * and deleting them. Seata deletes a committed branch's undo log asynchronously, after its acknowledgement, and
 * nothing retries that after a crash: the coordinator has forgotten the transaction, and the undo log stays
 * (for days, until Seata's age-based purge). It changes no data, but it holds back whatever waits for a
 * transaction's undo log to go, such as an outbox that publishes an event only once its transaction has settled.
 *
 * <p>Every {@code check-interval}, the XIDs of undo logs older than {@code settle-after} are looked up at the
 * coordinator, the authority on the outcome. An undo log is deleted only if its transaction committed: the
 * coordinator says so, or no longer knows the XID at all, which means the transaction finished; had it rolled
 * back, this participant's rollback would have deleted the undo log in the same local transaction that restored
 * its rows. Anything still in progress (begun, committing, rolling back) is left to Seata. Rollback markers
 * ({@code log_status = 1}) are never touched, nor rows whose XID is not shaped like Seata's
 * ({@code host:port:transactionId}): the coordinator cannot speak for them.
 */
public final class SettledUndoLogs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SettledUndoLogs.class);
    private static final Set<GlobalStatus> COMMITTED = EnumSet.of(GlobalStatus.Committed,
            GlobalStatus.AsyncCommitting, GlobalStatus.Finished);

    private final JdbcClient jdbc;
    private final Duration settleAfter;
    private final Duration checkInterval;
    private ScheduledExecutorService timer;

    SettledUndoLogs(JdbcClient jdbc, SeataProperties.UndoLogs settings) {
        this.jdbc = jdbc;
        this.settleAfter = settings.settleAfter();
        this.checkInterval = settings.checkInterval();
    }

    /** One pass; returns how many transactions' undo logs were deleted. */
    int deleteSettled() {
        List<String> xids = jdbc.sql("""
                        select distinct xid from undo_log
                        where log_status = 0 and log_created < localtimestamp - make_interval(secs => :age)
                          and xid ~ '^[^:]+:[0-9]+:[0-9]+$'
                        limit 100""")
                .param("age", settleAfter.toSeconds()).query(String.class).list();
        int deleted = 0;
        for (String xid : xids) {
            GlobalStatus status;
            try {
                status = GlobalTransactionContext.reload(xid).getStatus();
            }
            catch (Exception e) {
                log.debug("undo logs: the coordinator did not answer about {} ({}); asking again later", xid, e.getMessage());
                return deleted;
            }
            if (COMMITTED.contains(status)
                    && jdbc.sql("delete from undo_log where xid = :xid and log_status = 0").param("xid", xid).update() > 0) {
                deleted++;
                log.info("undo logs: deleted those of {}, committed ({}), left behind by a participant that stopped "
                        + "before its asynchronous clean-up", xid, status);
            }
        }
        return deleted;
    }

    private void pass() {
        try {
            deleteSettled();
        }
        catch (RuntimeException e) {
            log.warn("undo logs: clean-up pass failed ({}); trying again in {}", e.getMessage(), checkInterval);
        }
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "settled-undo-logs");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::pass, checkInterval.toMillis(), checkInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
