package io.microplatform.starter.tracing;

import org.apache.seata.integration.tx.api.fence.hook.TccHook;
import org.apache.seata.integration.tx.api.fence.hook.TccHookManager;
import org.apache.seata.rm.tcc.api.BusinessActionContext;

import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Phase two of every TCC participant in a span of the request whose try it completes. The coordinator calls
 * confirm and cancel back outside any request; Seata runs its {@link TccHook}s around each call on the calling
 * thread, and the one hook here opens {@code tcc confirm <action>} or {@code tcc cancel <action>} before it, a
 * child of the {@value #TRACEPARENT} the try stored in its action context (a trace of its own when there is none),
 * with the XID as the span attribute and baggage {@value SeataXidSpanAttribute#KEY}, and ends it after.
 *
 * <p>Seata's hook registry is static, one per JVM, while the tracer belongs to a Spring context, and a JVM may
 * hold several contexts (tests do). So the hook is registered once per JVM and uses the tracer of the newest
 * context still open: a second context does not add a second span per phase, and closing it hands phase two back
 * to the one before.
 */
public final class TccPhaseTwoSpans implements AutoCloseable {

    /**
     * Where a try stores its caller's trace context, the name of its
     * {@code @BusinessActionContextParameter(paramName = TccPhaseTwoSpans.TRACEPARENT) String traceparent}. The
     * caller passes {@link TraceParents#currentOrEmpty()}: Seata refuses a {@code null} action-context parameter
     * (an {@code IllegalArgumentException} before the try runs), and {@code ""} means "no trace to continue".
     */
    public static final String TRACEPARENT = TraceParents.HEADER;

    private static final Deque<TccPhaseTwoSpans> OPEN_CONTEXTS = new ConcurrentLinkedDeque<>();
    private static final TccHook HOOK = new Hook();
    private static final ThreadLocal<TraceParents.InSpan> IN_PHASE_TWO = new ThreadLocal<>();

    private final TraceParents traceParents;

    private TccPhaseTwoSpans(TraceParents traceParents) {
        this.traceParents = traceParents;
    }

    /** Traces phase two with {@code traceParents} until {@link #close()}; registers the hook if it is not yet. */
    public static TccPhaseTwoSpans register(TraceParents traceParents) {
        synchronized (OPEN_CONTEXTS) {
            if (!TccHookManager.getHooks().contains(HOOK)) {
                TccHookManager.registerHook(HOOK);
            }
            TccPhaseTwoSpans spans = new TccPhaseTwoSpans(traceParents);
            OPEN_CONTEXTS.addLast(spans);
            return spans;
        }
    }

    /** Its context is closing: phase two goes to the context opened before it, or is not traced. */
    @Override
    public void close() {
        OPEN_CONTEXTS.removeLastOccurrence(this);
    }

    private static void open(String phase, String xid, String actionName, BusinessActionContext context) {
        end();
        TccPhaseTwoSpans current = OPEN_CONTEXTS.peekLast();
        if (current == null) {
            return;
        }
        String traceparent = context == null ? null : context.getActionContext(TRACEPARENT, String.class);
        Map<String, String> baggage = xid == null ? Map.of() : Map.of(SeataXidSpanAttribute.KEY, xid);
        TraceParents.InSpan span = current.traceParents.open(traceparent, "tcc " + phase + " " + actionName, baggage);
        if (xid != null) {
            span.tag(SeataXidSpanAttribute.KEY, xid);
        }
        IN_PHASE_TWO.set(span);
    }

    private static void end() {
        TraceParents.InSpan span = IN_PHASE_TWO.get();
        if (span != null) {
            IN_PHASE_TWO.remove();
            span.close();
        }
    }

    /**
     * Seata calls the after-method in a {@code finally}, also when its before-method was not reached, and does not
     * pass the outcome: a failed phase two is Seata's error log line, written while the span is in scope (so it
     * carries the span's trace id), and the coordinator's retry is a new span beside it.
     */
    private static final class Hook implements TccHook {

        @Override
        public void beforeTccPrepare(String xid, Long branchId, String actionName, BusinessActionContext context) {
            // the try runs inside its request, whose trace is current already
        }

        @Override
        public void afterTccPrepare(String xid, Long branchId, String actionName, BusinessActionContext context) {
        }

        @Override
        public void beforeTccCommit(String xid, Long branchId, String actionName, BusinessActionContext context) {
            open("confirm", xid, actionName, context);
        }

        @Override
        public void afterTccCommit(String xid, Long branchId, String actionName, BusinessActionContext context) {
            end();
        }

        @Override
        public void beforeTccRollback(String xid, Long branchId, String actionName, BusinessActionContext context) {
            open("cancel", xid, actionName, context);
        }

        @Override
        public void afterTccRollback(String xid, Long branchId, String actionName, BusinessActionContext context) {
            end();
        }
    }
}
