-- Seata TCC fence: one row per (xid, branch) records whether try, confirm or cancel ran, so that confirm and
-- cancel are idempotent, a cancel without a try is an empty rollback, and a try arriving after its cancel is
-- refused (suspension). DDL from Seata's script/client/tcc/db/postgresql.sql.
create table if not exists tcc_fence_log (
    xid          varchar(128) not null,
    branch_id    bigint       not null,
    action_name  varchar(64)  not null,
    status       smallint     not null,
    gmt_create   timestamp(3) not null,
    gmt_modified timestamp(3) not null,
    constraint pk_tcc_fence_log primary key (xid, branch_id)
);
create index if not exists idx_tcc_fence_log_gmt_modified on tcc_fence_log (gmt_modified);
create index if not exists idx_tcc_fence_log_status on tcc_fence_log (status);
