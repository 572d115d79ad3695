package io.microplatform.orders.placement;

import org.apache.seata.saga.engine.StateMachineEngine;
import org.apache.seata.saga.engine.config.DbStateMachineConfig;
import org.apache.seata.saga.engine.impl.ProcessCtrlStateMachineEngine;
import org.apache.seata.saga.rm.StateMachineEngineHolder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * The Seata Saga engine, declared here rather than by the starter: the starter's auto-configuration orders
 * itself after Boot 3 class names, so on Boot 4 it runs before the DataSource exists and never creates the
 * engine. State machines are read from {@code seata/saga/statelang/*.json}; instances are stored in the
 * {@code orders} database (Flyway V5), and the engine is registered as the Saga resource manager's engine so
 * that the coordinator can drive recovery.
 */
@Configuration(proxyBeanMethods = false)
class SagaConfiguration {

    @Bean
    DbStateMachineConfig stateMachineConfig(DataSource dataSource,
                                            @Value("${spring.application.name}") String applicationId,
                                            @Value("${seata.tx-service-group}") String txServiceGroup) {
        DbStateMachineConfig config = new DbStateMachineConfig();
        config.setDataSource(dataSource);
        config.setResources(new String[] { "classpath*:seata/saga/statelang/*.json" });
        config.setEnableAsync(false);
        config.setApplicationId(applicationId);
        config.setTxServiceGroup(txServiceGroup);
        // Jackson 2 is on the classpath for Seata anyway; fastjson (the default) is not
        config.setSagaJsonParser("jackson");
        return config;
    }

    @Bean
    StateMachineEngine stateMachineEngine(DbStateMachineConfig stateMachineConfig) {
        ProcessCtrlStateMachineEngine engine = new ProcessCtrlStateMachineEngine();
        engine.setStateMachineConfig(stateMachineConfig);
        StateMachineEngineHolder.setStateMachineEngine(engine);
        return engine;
    }
}
