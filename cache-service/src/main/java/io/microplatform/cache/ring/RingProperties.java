package io.microplatform.cache.ring;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The ring's membership and its fault budget. Re-read on a configuration refresh (Consul KV in docker and
 * k8s): the membership then changes without a restart.
 *
 * @param nodes         the Redis nodes, each {@code name=host:port}, or {@code host:port} named by its position
 *                      ({@code redis-1}, {@code redis-2}...); {@code REDIS_NODES} in every deployment. Keys are
 *                      placed by name, so a node given a new address keeps its keys
 * @param virtualNodes  points per node on the circle: more points, a more even spread
 * @param replication   how many nodes hold each key (R); writes and deletes go to all of them
 * @param nodeTimeout   the longest a request waits for one node (connect or command) before that node is taken
 *                      out of service; a request never waits longer than this for a node that is down
 * @param probeInterval how often a node out of service is tried again; it is emptied of the cache's keys
 *                      before it serves again (see the package documentation). Read at start-up only; the
 *                      other settings take effect on a refresh (a new {@code node-timeout}: for the nodes
 *                      connected from then on)
 */
@Validated
@ConfigurationProperties("microplatform.cache.ring")
public record RingProperties(@NotEmpty List<@Pattern(regexp = NODE, message = "must be name=host:port or host:port") String> nodes,
                             @Min(1) @Max(1000) @DefaultValue("160") int virtualNodes,
                             @Min(1) @Max(5) @DefaultValue("2") int replication,
                             @NotNull @DefaultValue("250ms") Duration nodeTimeout,
                             @NotNull @DefaultValue("500ms") Duration probeInterval) {

    static final String NODE = "([A-Za-z0-9._-]+=)?[^=:\\s]+:[0-9]{1,5}";

    /** A member of the ring: the name places it on the circle, the address is where it is reached. */
    public record Member(String name, String host, int port) {

        public String address() {
            return host + ":" + port;
        }
    }

    /** The nodes with their names, positional where none is given. */
    public List<Member> members() {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String spec = nodes.get(i).trim();
            int equals = spec.indexOf('=');
            String name = equals < 0 ? "redis-" + (i + 1) : spec.substring(0, equals);
            String address = spec.substring(equals + 1);
            int colon = address.lastIndexOf(':');
            members.add(new Member(name, address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))));
        }
        return members;
    }
}
