package io.microplatform.scheduler.leader;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The leader's fencing token, issued and checked by PostgreSQL. Each new leadership bumps the row (so the
 * token only grows, whatever happens to Redis); every fire transaction ends by reading the row in share mode
 * and rolls back if a higher token has been granted. The share lock also makes the next leader's bump wait
 * for fires in flight, so each fire commits entirely before or entirely after a change of leader.
 */
@Component
class LeaderFence {

    static final String NAME = "scheduler-leader";

    record Grant(long token, String holder, Instant since) {
    }

    private final JdbcClient jdbc;
    private final Counter refusals;

    LeaderFence(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.refusals = Counter.builder("scheduler.fence.refusals").tag("resource", "leader")
                .description("writes refused because a higher fencing token had been granted").register(meters);
    }

    /** A new token for a new leadership, higher than any granted before. */
    long grant(String holder) {
        return jdbc.sql("""
                        update leader_fence set token = token + 1, holder = :holder, since = now()
                        where name = :name returning token""")
                .param("holder", holder).param("name", NAME).query(Long.class).single();
    }

    /** Inside a fire transaction, as its last statement: refuses a token lower than the highest granted. */
    void check(long token) {
        long highest = jdbc.sql("select token from leader_fence where name = :name for share")
                .param("name", NAME).query(Long.class).single();
        if (highest > token) {
            refusals.increment();
            throw new StaleLeader("fencing token " + token + " refused: token " + highest + " has been granted since");
        }
    }

    Optional<Grant> current() {
        return jdbc.sql("select token, holder, since from leader_fence where name = :name and holder is not null")
                .param("name", NAME)
                .query((rs, n) -> new Grant(rs.getLong("token"), rs.getString("holder"),
                        Optional.ofNullable(rs.getTimestamp("since")).map(Timestamp::toInstant).orElse(null)))
                .optional();
    }
}
