package io.microplatform.starter.seata;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@link JdbcClient} and the {@link TransactionTemplate} whose transactions it joins, both bound to one
 * (possibly Seata-proxied) DataSource. Work inside {@code tx.execute(...)} is one local transaction: under a
 * global transaction, one branch.
 */
public record TransactionalJdbc(JdbcClient jdbc, TransactionTemplate tx) {
}
