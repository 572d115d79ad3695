package io.microplatform.starter.seata;

/**
 * The service's DataSource seen through Seata's two data-source proxies, side by side, because the
 * transaction mode is chosen per request: {@link #at()} records undo logs so that a global rollback can
 * compensate a committed local transaction; {@link #xa()} runs each branch as a PostgreSQL prepared
 * transaction that the coordinator commits or rolls back. Plain (non-global) work uses the service's own
 * {@code JdbcClient}.
 */
public record SeataJdbc(TransactionalJdbc at, TransactionalJdbc xa) {
}
