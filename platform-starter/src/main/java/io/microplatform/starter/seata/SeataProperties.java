package io.microplatform.starter.seata;

import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The platform's settings of Seata's data-source proxies ({@code microplatform.seata.*}); Seata's own client
 * settings stay under {@code seata.*}.
 *
 * @param xa the XA proxy
 */
@Validated
@ConfigurationProperties("microplatform.seata")
public record SeataProperties(@Valid @DefaultValue Xa xa) {

    /**
     * @param maxConcurrentBranches how many XA branches of this service may be open at once; an open branch holds
     *                              a pooled connection until the global outcome, so an unbounded number could take
     *                              the whole pool. 0 means half the Hikari pool (5 for another pool).
     */
    public record Xa(@PositiveOrZero @DefaultValue("0") int maxConcurrentBranches) {
    }
}
