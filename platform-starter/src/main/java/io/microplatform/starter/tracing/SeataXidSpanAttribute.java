package io.microplatform.starter.tracing;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.seata.core.context.RootContext;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Puts the Seata global transaction id on every observation started inside a global transaction, as the
 * high-cardinality key {@value #KEY}: a span attribute, never a metric tag (metrics take low-cardinality keys
 * only). The id is read when the observation starts: from the bound transaction, or for an incoming request from
 * its {@code TX_XID} header, because Seata binds the transaction after the server observation has started and
 * unbinds it before that observation ends.
 */
public final class SeataXidSpanAttribute implements ObservationHandler<Observation.Context> {

    public static final String KEY = "seata.xid";

    @Override
    public void onStart(Observation.Context context) {
        String xid = RootContext.getXID();
        if (xid == null && context instanceof ServerRequestObservationContext server) {
            HttpServletRequest request = server.getCarrier();
            xid = request == null ? null : request.getHeader(RootContext.KEY_XID);
        }
        if (xid != null && !xid.isBlank()) {
            context.addHighCardinalityKeyValue(KeyValue.of(KEY, xid));
        }
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return true;
    }
}
