package io.microplatform.starter.seata;

import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pool as the XA proxy sees it: a connection given back to the pool is never still inside a transaction.
 *
 * <p>An XA branch opens its transaction on the physical connection, behind the pool's back (PostgreSQL's driver
 * sends {@code BEGIN} itself), and the pool, which believes the connection is in auto-commit, hands it back as it
 * is. Seata's XA connection leaves that transaction open when the coordinator has already ended the global
 * transaction before the branch prepares: its {@code close()} finds the branch finished, calls its own
 * {@code rollback()}, which does nothing once the caller has switched auto-commit back on (as every transaction
 * manager does before closing), and returns the connection. The branch's writes, which the coordinator counts as
 * rolled back, then sit in an idle transaction holding their row locks until the next borrower of that
 * connection commits them with its own work: stock taken for an order that was cancelled. That happens when the
 * manager gives up on a participant that is slow (its read timeout, a row lock) and rolls back while the branch is
 * still running.
 *
 * <p>So every connection the XA proxy closes is checked first, with no round trip (the driver tracks the
 * server's transaction status), and a transaction left open is rolled back before the pool sees the connection.
 * The count of such rollbacks is kept for tests and logged each time.
 */
final class XaConnectionGuard extends DelegatingDataSource {

    private static final Logger log = LoggerFactory.getLogger(XaConnectionGuard.class);
    private static final AtomicLong rolledBack = new AtomicLong();

    XaConnectionGuard(DataSource pool) {
        super(pool);
    }

    /** How many connections came back inside a transaction and were rolled back, in this JVM. */
    static long rolledBack() {
        return rolledBack.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return guard(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return guard(super.getConnection(username, password));
    }

    private static Connection guard(Connection pooled) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                endOpenTransaction(pooled);
            }
            try {
                return method.invoke(pooled, args);
            }
            catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(XaConnectionGuard.class.getClassLoader(),
                new Class<?>[] { Connection.class }, handler);
    }

    private static void endOpenTransaction(Connection pooled) throws SQLException {
        if (pooled.isClosed() || !pooled.isWrapperFor(BaseConnection.class)) {
            return;
        }
        BaseConnection physical = pooled.unwrap(BaseConnection.class);
        TransactionState state = physical.getTransactionState();
        if (state == TransactionState.IDLE) {
            return;
        }
        try (Statement rollback = physical.createStatement()) {
            rollback.execute("ROLLBACK");
        }
        rolledBack.incrementAndGet();
        log.warn("an XA connection came back inside a transaction ({}), most likely a branch the coordinator had "
                + "already ended before it prepared; rolled back before the pool reuses it", state);
    }
}
