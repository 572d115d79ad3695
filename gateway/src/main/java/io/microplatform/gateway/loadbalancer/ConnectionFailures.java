package io.microplatform.gateway.loadbalancer;

import io.microplatform.starter.Causes;
import reactor.netty.http.client.PrematureCloseException;

import java.net.ConnectException;

/**
 * Failures that say the instance was not there, as opposed to an answer it gave: safe to try elsewhere, and a
 * reason to leave the instance out for a while.
 */
public final class ConnectionFailures {

    private ConnectionFailures() {
    }

    /** Connection refused or not established in time (Netty's connect timeout is a ConnectException too). */
    public static boolean isConnectFailure(Throwable error) {
        return Causes.causedBy(error, ConnectException.class);
    }

    /** The instance closed the connection before any response: it went away while we were sending. */
    public static boolean isPrematureClose(Throwable error) {
        return Causes.causedBy(error, PrematureCloseException.class);
    }
}
