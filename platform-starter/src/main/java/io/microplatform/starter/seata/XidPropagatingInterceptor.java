package io.microplatform.starter.seata;

import org.apache.seata.core.context.RootContext;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

import java.io.IOException;

/** Copies the XID of the global transaction bound to this thread, if any, into the {@code TX_XID} header. */
public class XidPropagatingInterceptor implements ClientHttpRequestInterceptor {

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        String xid = RootContext.getXID();
        if (xid != null && !request.getHeaders().containsHeader(RootContext.KEY_XID)) {
            request.getHeaders().set(RootContext.KEY_XID, xid);
        }
        return execution.execute(request, body);
    }
}
