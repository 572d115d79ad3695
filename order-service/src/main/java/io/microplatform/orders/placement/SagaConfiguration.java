package io.microplatform.orders.placement;

import org.apache.seata.saga.engine.StateMachineEngine;
import org.apache.seata.saga.engine.config.DbStateMachineConfig;
import org.apache.seata.saga.engine.impl.ProcessCtrlStateMachineEngine;
import org.apache.seata.saga.rm.StateMachineEngineHolder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * The Seata Saga engine, declared here rather than by the starter: the starter's auto-configuration orders
 * itself after Boot 3 class names, so on Boot 4 it runs before the DataSource exists and never creates the
 * engine. State machines are read from {@code seata/saga/statelang/*.json}; instances are stored in the
 * {@code orders} database (Flyway V5), and the engine is registered as the Saga resource manager's engine so
 * that the coordinator can drive recovery.
 * <p>
 * The recovery rests on the global transaction's timeout. When the engine itself fails in the middle (its state
 * log lives in the {@code orders} database, so a database outage stops it between a step and its record), it
 * can report nothing to the coordinator; the coordinator then rolls the saga back once the global transaction
 * times out, by asking this service to compensate it from the state log. The engine's own default for that
 * timeout is 30 minutes; the saga uses the platform's one global transaction timeout instead
 * ({@code seata.client.tm.default-global-transaction-timeout}), so an interrupted order settles within it.
 * <p>
 * Which way it settles is the engine's rule: it compensates the steps recorded so far, unless one of them cannot
 * be compensated. {@code ConfirmOrder} cannot (it is the saga's pivot: once stock and money are taken and the
 * order confirmed, the only way is forward), so a saga cut off in that step is driven forward instead: the
 * coordinator retries the commit and the engine runs {@code ConfirmOrder} again, which is idempotent.
 */
@Configuration(proxyBeanMethods = false)
class SagaConfiguration {

    /**
     * How long one step can run: a few statements on the orders database or one call to inventory (connect
     * 0.5 s, read 2 s). A step recorded as started longer ago than this, with no end, died with its engine, and
     * the recovery may run it again; the engine's default waits 5 minutes.
     */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

    @Bean
    DbStateMachineConfig stateMachineConfig(DataSource dataSource,
                                            @Value("${spring.application.name}") String applicationId,
                                            @Value("${seata.tx-service-group}") String txServiceGroup,
                                            @Value("${seata.client.tm.default-global-transaction-timeout}") int timeoutMillis) {
        DbStateMachineConfig config = new DbStateMachineConfig();
        config.setDataSource(dataSource);
        config.setResources(new String[] { "classpath*:seata/saga/statelang/*.json" });
        config.setEnableAsync(false);
        config.setApplicationId(applicationId);
        config.setTxServiceGroup(txServiceGroup);
        config.setTransOperationTimeout(timeoutMillis);
        config.setServiceInvokeTimeout((int) STEP_TIMEOUT.toMillis());
        // Jackson 2 is on the classpath for Seata anyway; fastjson (the default) is not
        config.setSagaJsonParser("jackson");
        return config;
    }

    @Bean
    StateMachineEngine stateMachineEngine(DbStateMachineConfig stateMachineConfig) {
        ProcessCtrlStateMachineEngine engine = new ProcessCtrlStateMachineEngine();
        engine.setStateMachineConfig(stateMachineConfig);
        StateMachineEngineHolder.setStateMachineEngine(engine);
        registerForCoordinatorRecovery(stateMachineConfig);
        return engine;
    }

    /**
     * The coordinator's rollback and commit requests for a saga reach whichever Saga resource manager the client
     * loaded, and the Seata 2.5 client loads its {@code io.seata} compatibility one, which looks the engine up in
     * its own holder. Without an engine there, every recovery request fails and an interrupted saga is never
     * compensated; so the holder gets an engine too, over the same configuration (the engine keeps no state of
     * its own: instances live in the state log).
     */
    @SuppressWarnings("deprecation")
    private static void registerForCoordinatorRecovery(DbStateMachineConfig stateMachineConfig) {
        io.seata.saga.engine.impl.ProcessCtrlStateMachineEngine engine =
                new io.seata.saga.engine.impl.ProcessCtrlStateMachineEngine();
        engine.setStateMachineConfig(io.seata.saga.engine.impl.DefaultStateMachineConfig.wrap(stateMachineConfig));
        io.seata.saga.rm.StateMachineEngineHolder.setStateMachineEngine(engine);
    }
}
