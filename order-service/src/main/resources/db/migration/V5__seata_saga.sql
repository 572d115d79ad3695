-- Seata Saga state machine store (definitions, instances, state instances). DDL from Seata's
-- script/client/saga/db/postgresql.sql.
create table if not exists seata_state_machine_def (
    id               varchar(32)  not null,
    name             varchar(128) not null,
    tenant_id        varchar(32)  not null,
    app_name         varchar(32)  not null,
    type             varchar(20),
    comment_         varchar(255),
    ver              varchar(16)  not null,
    gmt_create       timestamp(3) not null,
    status           varchar(2)   not null,
    content          text,
    recover_strategy varchar(16),
    constraint pk_seata_state_machine_def primary key (id)
);

create table if not exists seata_state_machine_inst (
    id                  varchar(128) not null,
    machine_id          varchar(32)  not null,
    tenant_id           varchar(32)  not null,
    parent_id           varchar(128),
    gmt_started         timestamp(3) not null,
    business_key        varchar(48),
    start_params        text,
    gmt_end             timestamp(3) default now(),
    excep               bytea,
    end_params          text,
    status              varchar(2),
    compensation_status varchar(2),
    is_running          boolean,
    gmt_updated         timestamp(3) default now() not null,
    constraint pk_seata_state_machine_inst primary key (id),
    constraint unikey_buz_tenant unique (business_key, tenant_id)
);

create table if not exists seata_state_inst (
    id                       varchar(48)  not null,
    machine_inst_id          varchar(128) not null,
    name                     varchar(128) not null,
    type                     varchar(20),
    service_name             varchar(128),
    service_method           varchar(128),
    service_type             varchar(16),
    business_key             varchar(48),
    state_id_compensated_for varchar(50),
    state_id_retried_for     varchar(50),
    gmt_started              timestamp(3) not null,
    is_for_update            boolean,
    input_params             text,
    output_params            text,
    status                   varchar(2)   not null,
    excep                    bytea,
    gmt_updated              timestamp(3) default now(),
    gmt_end                  timestamp(3) default now(),
    constraint pk_seata_state_inst primary key (id, machine_inst_id)
);
