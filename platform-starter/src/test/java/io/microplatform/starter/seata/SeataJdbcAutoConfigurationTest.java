package io.microplatform.starter.seata;

import org.junit.jupiter.api.Test;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The conditions of {@link SeataJdbcAutoConfiguration}, without a database: the beans that would open
 * connections (the proxies, Flyway) are lazy here or never created, and what is asserted is which beans the
 * context declares and in which order they would be created.
 */
class SeataJdbcAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SeataJdbcAutoConfiguration.class));

    @Test
    void aServiceWithoutDataSourceGetsNoProxies() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SeataJdbc.class));
    }

    @Test
    void aServicesOwnSeataJdbcIsKept() {
        SeataJdbc own = new SeataJdbc(null, null);
        runner.withBean(DataSource.class, () -> mock(DataSource.class))
                .withBean("ownSeataJdbc", SeataJdbc.class, () -> own)
                .run(context -> assertThat(context).getBean(SeataJdbc.class).isSameAs(own));
    }

    @Test
    void theProxiesAreCreatedAfterTheSchemaIsMigrated() {
        runner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                .withBean(DataSource.class, () -> mock(DataSource.class))
                .withInitializer(context -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
                .run(context -> {
                    String[] migrations = context.getBeanNamesForType(FlywayMigrationInitializer.class);
                    assertThat(migrations).isNotEmpty();
                    assertThat(context.getBeanFactory().getBeanDefinition("seataJdbc").getDependsOn())
                            .contains(migrations);
                });
    }

    @Test
    void theXaBranchLimitIsBoundAndValidated() {
        ApplicationContextRunner runner = this.runner.withBean(DataSource.class, () -> mock(DataSource.class))
                .withBean(SeataJdbc.class, () -> new SeataJdbc(null, null));
        runner.withPropertyValues("microplatform.seata.xa.max-concurrent-branches=4")
                .run(context -> assertThat(context.getBean(SeataProperties.class).xa().maxConcurrentBranches()).isEqualTo(4));
        runner.run(context -> assertThat(context.getBean(SeataProperties.class).xa().maxConcurrentBranches()).isZero());
        runner.withPropertyValues("microplatform.seata.xa.max-concurrent-branches=-1")
                .run(context -> assertThat(context).hasFailed());
    }
}
