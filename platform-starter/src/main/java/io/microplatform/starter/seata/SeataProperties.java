package io.microplatform.starter.seata;

import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The platform's settings of Seata's data-source proxies ({@code microplatform.seata.*}); Seata's own client
 * settings stay under {@code seata.*}.
 *
 * @param xa       the XA proxy
 * @param undoLogs the clean-up of undo logs a crash left behind ({@link SettledUndoLogs})
 */
@Validated
@ConfigurationProperties("microplatform.seata")
public record SeataProperties(@Valid @DefaultValue Xa xa, @Valid @DefaultValue UndoLogs undoLogs) {

    /**
     * @param maxConcurrentBranches how many XA branches of this service may be open at once; an open branch holds
     *                              a pooled connection until the global outcome, so an unbounded number could take
     *                              the whole pool. 0 means half the Hikari pool (5 for another pool).
     */
    public record Xa(@PositiveOrZero @DefaultValue("0") int maxConcurrentBranches) {
    }

    /**
     * @param settleAfter   how old an undo log must be before the coordinator is asked about its transaction (a
     *                      healthy branch deletes its undo log within moments of the global outcome)
     * @param checkInterval how often old undo logs are looked for
     */
    public record UndoLogs(@DefaultValue("10s") Duration settleAfter, @DefaultValue("5s") Duration checkInterval) {
    }
}
