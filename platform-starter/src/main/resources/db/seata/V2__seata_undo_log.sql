-- Seata AT mode: before/after images of every branch, so the coordinator can roll the branch back.
-- DDL from Seata's script/client/at/db/postgresql.sql.
create table if not exists undo_log (
    id            bigserial    not null,
    branch_id     bigint       not null,
    xid           varchar(128) not null,
    context       varchar(128) not null,
    rollback_info bytea        not null,
    log_status    int          not null,
    log_created   timestamp(0) not null,
    log_modified  timestamp(0) not null,
    constraint pk_undo_log primary key (id),
    constraint ux_undo_log unique (xid, branch_id)
);
create index if not exists ix_log_created on undo_log (log_created);
