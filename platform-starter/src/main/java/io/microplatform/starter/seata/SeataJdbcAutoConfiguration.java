package io.microplatform.starter.seata;

import org.apache.seata.rm.datasource.DataSourceProxy;
import org.apache.seata.rm.datasource.xa.DataSourceProxyXA;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

/**
 * Creates {@link SeataJdbc} for services that are Seata clients with a database. The proxies are created
 * eagerly, after Flyway: the AT proxy checks that {@code undo_log} exists, and each proxy registers its
 * resource with the coordinator, which must happen at start-up so that a restarted participant receives the
 * phase-two calls of transactions it took part in before a crash.
 *
 * <p>Neither proxy is exposed as a {@code DataSource} or transaction-manager bean: Boot's own pool and
 * transaction manager stay the defaults for everything that is not part of a global transaction.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration" })
@ConditionalOnClass({ DataSourceProxy.class, JdbcClient.class })
@ConditionalOnBean(DataSource.class)
public class SeataJdbcAutoConfiguration {

    @Bean
    SeataJdbc seataJdbc(DataSource dataSource, ObjectProvider<FlywayMigrationInitializer> migrations) {
        // Flyway must have migrated before the proxies inspect the schema; asking for the initializer runs it
        migrations.getIfAvailable();
        return new SeataJdbc(bind(new DataSourceProxy(dataSource)), bind(new DataSourceProxyXA(dataSource)));
    }

    private static TransactionalJdbc bind(DataSource proxy) {
        return new TransactionalJdbc(JdbcClient.create(proxy),
                new TransactionTemplate(new DataSourceTransactionManager(proxy)));
    }
}
