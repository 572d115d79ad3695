package io.microplatform.inventory.stock;

import io.microplatform.inventory.outbox.ProductEvents;
import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import io.microplatform.starter.seata.SeataJdbc;
import io.microplatform.starter.seata.TransactionalJdbc;
import io.microplatform.starter.tracing.TraceParents;
import org.apache.seata.core.context.RootContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/** One method per transaction mode; each is one local transaction (one branch under a global transaction). */
@Service
class StockOperations {

    private static final Logger log = LoggerFactory.getLogger(StockOperations.class);

    private final SeataJdbc seata;
    private final TransactionalJdbc plain;
    private final StockReservationAction reservations;
    private final ProductEvents events;
    private final TraceParents traceParents;

    StockOperations(SeataJdbc seata, JdbcClient jdbc, TransactionTemplate tx, StockReservationAction reservations,
                    ProductEvents events, TraceParents traceParents) {
        this.seata = seata;
        this.plain = new TransactionalJdbc(jdbc, tx);
        this.reservations = reservations;
        this.events = events;
        this.traceParents = traceParents;
    }

    StockReceipt deductAt(StockRequest request) {
        String xid = requireXid();
        // only an AT branch can be undone behind this code's back (through the undo log): its XID marks the rows
        return deduct(seata.at(), xid, xid, request);
    }

    StockReceipt deductXa(StockRequest request) {
        return deduct(seata.xa(), requireXid(), null, request);
    }

    StockReceipt deductWithoutGlobalTransaction(StockRequest request) {
        return deduct(plain, null, null, request);
    }

    StockReceipt reserveTcc(StockRequest request) {
        String xid = requireXid();
        reservations.reserve(null, request.orderId().toString(), request, traceParents.currentOrEmpty());
        return new StockReceipt(request.orderId(), xid);
    }

    /** Idempotent per order; refused once the order's release has run (the release overtook this call). */
    StockReceipt deductSaga(StockRequest request) {
        String xid = RootContext.getXID();
        plain.tx().executeWithoutResult(status -> {
            JdbcClient jdbc = plain.jdbc();
            lockOrder(jdbc, request);
            if (!StockLedger.movements(jdbc, request.orderId(), StockMovement.SAGA_RELEASE).isEmpty()) {
                throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("compensated"),
                        "order " + request.orderId() + " was already compensated; its stock is not taken again");
            }
            if (!StockLedger.movements(jdbc, request.orderId(), StockMovement.SAGA_DEDUCT).isEmpty()) {
                return;
            }
            for (StockItem item : request.itemsInLockOrder()) {
                StockLedger.deduct(jdbc, events, null, item);
                StockLedger.record(jdbc, request.orderId(), xid, StockMovement.SAGA_DEDUCT, item);
            }
        });
        return new StockReceipt(request.orderId(), xid);
    }

    /** Compensation of {@link #deductSaga}: idempotent, and valid before (or without) the deduction. */
    StockReceipt releaseSaga(StockRequest request) {
        String xid = RootContext.getXID();
        plain.tx().executeWithoutResult(status -> {
            JdbcClient jdbc = plain.jdbc();
            lockOrder(jdbc, request);
            if (!StockLedger.movements(jdbc, request.orderId(), StockMovement.SAGA_RELEASE).isEmpty()) {
                return;
            }
            List<StockItem> deducted = StockLedger.movements(jdbc, request.orderId(), StockMovement.SAGA_DEDUCT);
            for (StockItem item : deducted) {
                StockLedger.returnSold(jdbc, events, item);
            }
            // the release is recorded even when nothing was deducted, so that a late deduction is refused
            for (StockItem item : request.itemsInLockOrder()) {
                StockLedger.record(jdbc, request.orderId(), xid, StockMovement.SAGA_RELEASE, item);
            }
        });
        return new StockReceipt(request.orderId(), xid);
    }

    private StockReceipt deduct(TransactionalJdbc data, String xid, String undoXid, StockRequest request) {
        data.tx().executeWithoutResult(status -> {
            for (StockItem item : request.itemsInLockOrder()) {
                StockLedger.deduct(data.jdbc(), events, undoXid, item);
                StockLedger.record(data.jdbc(), request.orderId(), xid, StockMovement.DEDUCT, item);
            }
        });
        // one line per branch, with the trace and the XID in its prefix: where a trace meets the logs
        log.info("stock deducted for order {} ({} lines)", request.orderId(), request.itemsInLockOrder().size());
        return new StockReceipt(request.orderId(), xid);
    }

    /** Serialises the saga calls of one order (a retried step racing its own compensation). */
    private static void lockOrder(JdbcClient jdbc, StockRequest request) {
        jdbc.sql("select 1 from pg_advisory_xact_lock(hashtextextended(:orderId, 0))")
                .param("orderId", request.orderId().toString()).query(Integer.class).list();
    }

    private static String requireXid() {
        String xid = RootContext.getXID();
        if (xid == null) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.of("no-global-transaction"),
                    "this operation must run inside a global transaction: send its XID in the "
                            + RootContext.KEY_XID + " header");
        }
        return xid;
    }
}
