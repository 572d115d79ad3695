package io.microplatform.starter.seata;

import org.apache.seata.rm.datasource.DataSourceProxy;
import org.apache.seata.rm.datasource.sql.SQLVisitorFactory;
import org.apache.seata.rm.datasource.sql.struct.TableMetaCacheFactory;
import org.apache.seata.rm.datasource.undo.UndoLogParserFactory;
import org.apache.seata.sqlparser.struct.TableMetaCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Does at start-up, before the service reports ready, what its first AT branch would otherwise do inside a
 * request: load the SQL parser, read each table's metadata from the catalog (columns, primary key, indexes:
 * several catalog queries per table) and load the undo-log serializer. On the local platform the first AT order
 * after start-up took 2.6 s against 0.1 s for the next ones, close to the gateway's 3 s per attempt. It only
 * reads the catalog; a failure is logged and left to the first request, as before.
 */
final class AtWarmUp {

    private static final Logger log = LoggerFactory.getLogger(AtWarmUp.class);

    /** One statement of each kind the AT proxy parses (the parser loads its classes per kind). */
    private static final List<String> STATEMENTS = List.of(
            "insert into warm_up (id, value) values (?, ?)",
            "update warm_up set value = value - ? where id = ?",
            "delete from warm_up where id = ?",
            "select id, value from warm_up where id = ? for update");

    private AtWarmUp() {
    }

    static void run(DataSourceProxy at) {
        long start = System.nanoTime();
        try (Connection connection = at.getPlainConnection()) {
            List<String> tables = JdbcClient.create(new SingleConnectionDataSource(connection, true))
                    .sql("select table_name from information_schema.tables"
                            + " where table_schema = current_schema() and table_type = 'BASE TABLE'")
                    .query(String.class).list();
            TableMetaCache metadata = TableMetaCacheFactory.getTableMetaCache(at.getDbType());
            for (String table : tables) {
                metadata.getTableMeta(connection, table, at.getResourceId());
            }
            STATEMENTS.forEach(sql -> SQLVisitorFactory.get(sql, at.getDbType()));
            UndoLogParserFactory.getInstance();
            log.info("AT branch machinery warmed up in {} ms ({} tables)",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), tables.size());
        }
        catch (SQLException | RuntimeException ex) {
            log.warn("AT warm-up skipped, the first AT branch will do it: {}", ex.toString());
        }
    }
}
