package io.microplatform.starter.seata;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.seata.core.model.BranchType;
import org.apache.seata.rm.datasource.DataSourceProxy;
import org.apache.seata.rm.datasource.xa.DataSourceProxyXA;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.util.ClassUtils;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * Creates {@link SeataJdbc} for services that are Seata clients with a database, unless the service declares
 * its own. The proxies are created eagerly, after the schema is migrated ({@code @DependsOnDatabaseInitialization}:
 * Flyway, or any other database initializer Boot knows): the AT proxy checks that {@code undo_log} exists, and each proxy registers its
 * resource with the coordinator, which must happen at start-up so that a restarted participant receives the
 * phase-two calls of transactions it took part in before a crash. The AT machinery is warmed up then too
 * ({@link AtWarmUp}), so that the first order after a start does not pay for it, and the JDK's row-set factory is
 * named ({@link JdkRowSetFactory}), so that no AT insert pays for a class-path scan.
 *
 * <p>The XA proxy draws from the pool through {@link XaConnectionGuard}, which rolls back a transaction that
 * Seata's XA connection would otherwise hand back to the pool still open.
 *
 * <p>Neither proxy is exposed as a {@code DataSource} or transaction-manager bean: Boot's own pool and
 * transaction manager stay the defaults for everything that is not part of a global transaction.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration" })
@ConditionalOnClass({ DataSourceProxy.class, JdbcClient.class })
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(SeataProperties.class)
public final class SeataJdbcAutoConfiguration {

    private static final String POSTGRES_DRIVER = "org.postgresql.core.BaseConnection";

    @Bean
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    SeataJdbc seataJdbc(DataSource dataSource, SeataProperties properties) {
        int maxXaBranches = properties.xa().maxConcurrentBranches();
        JdkRowSetFactory.useUnlessSet();
        DataSourceProxy at = new DataSourceProxy(dataSource);
        AtWarmUp.run(at);
        DataSourceProxyXA xa = new DataSourceProxyXA(
                ClassUtils.isPresent(POSTGRES_DRIVER, null) ? new XaConnectionGuard(dataSource) : dataSource);
        return new SeataJdbc(
                new TransactionalJdbc(JdbcClient.create(at), new BranchTransactionTemplate(
                        new DataSourceTransactionManager(at), BranchType.AT, 0, Duration.ZERO)),
                new TransactionalJdbc(JdbcClient.create(xa), new BranchTransactionTemplate(
                        new DataSourceTransactionManager(xa), BranchType.XA, xaBranchPermits(dataSource, maxXaBranches),
                        Duration.ofSeconds(20))));
    }

    /** Its first pass runs one check interval after start-up, when the schema is long migrated. */
    @Bean
    @ConditionalOnMissingBean
    SettledUndoLogs settledUndoLogs(DataSource dataSource, SeataProperties properties) {
        return new SettledUndoLogs(JdbcClient.create(dataSource), properties.undoLogs());
    }

    /** Half the pool by default (see {@link BranchTransactionTemplate}). */
    private static int xaBranchPermits(DataSource dataSource, int configured) {
        if (configured > 0) {
            return configured;
        }
        return dataSource instanceof HikariDataSource hikari ? Math.max(1, hikari.getMaximumPoolSize() / 2) : 5;
    }
}
