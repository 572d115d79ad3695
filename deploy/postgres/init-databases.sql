-- Runs once, when the data directory is created: one database per service that owns data.
-- Flyway (in each service) creates the schemas, including Seata's undo_log and fence tables.
CREATE DATABASE orders;
CREATE DATABASE inventory;
CREATE DATABASE scheduler;
