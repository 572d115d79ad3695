package io.microplatform.starter.seata;

import org.apache.seata.core.context.RootContext;
import org.apache.seata.core.model.BranchType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A TransactionTemplate for one Seata data-source proxy. Two things it does that the proxies do not:
 * <ul>
 * <li>It binds the branch type for the transaction. The AT proxy only records undo logs when the thread's
 * branch type is AT, and that default is normally set by the starter's auto-proxying, which is off here
 * because AT and XA proxies live side by side.</li>
 * <li>Optionally it runs at most {@code permits} transactions at once. An XA branch that updates a row held by
 * a prepared (not yet committed) branch waits on the row lock with its pooled connection, and the
 * coordinator's COMMIT PREPARED that would free it needs a connection of the same pool: with as many waiters
 * as connections nothing can finish. Keeping branches below the pool size leaves connections for phase two.</li>
 * </ul>
 */
class BranchTransactionTemplate extends TransactionTemplate {

    private final BranchType branchType;
    private final Semaphore permits;
    private final Duration acquireTimeout;

    BranchTransactionTemplate(PlatformTransactionManager transactionManager, BranchType branchType, int permits,
                              Duration acquireTimeout) {
        super(transactionManager);
        this.branchType = branchType;
        this.permits = permits > 0 ? new Semaphore(permits, true) : null;
        this.acquireTimeout = acquireTimeout;
    }

    @Override
    public <T> T execute(TransactionCallback<T> action) throws TransactionException {
        acquire();
        boolean bound = RootContext.inGlobalTransaction() && RootContext.getBranchType() != branchType;
        BranchType previous = bound ? RootContext.unbindBranchType() : null;
        if (bound) {
            RootContext.bindBranchType(branchType);
        }
        try {
            return super.execute(action);
        }
        finally {
            if (bound) {
                RootContext.unbindBranchType();
                if (previous != null) {
                    RootContext.bindBranchType(previous);
                }
            }
            if (permits != null) {
                permits.release();
            }
        }
    }

    private void acquire() {
        if (permits == null) {
            return;
        }
        try {
            if (!permits.tryAcquire(acquireTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TransactionTimedOutException("no " + branchType + " branch slot free within "
                        + acquireTimeout.toSeconds() + " s");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransactionTimedOutException("interrupted while waiting for a " + branchType + " branch slot");
        }
    }
}
