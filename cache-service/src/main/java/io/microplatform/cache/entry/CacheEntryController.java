package io.microplatform.cache.entry;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.microplatform.cache.CacheProperties;
import io.microplatform.cache.ring.CacheRing;
import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;

@RestController
@RequestMapping("/api/cache/entries")
@Tag(name = "entries", description = "Entries on the consistent-hash ring of Redis nodes, replicated, with a time to live")
class CacheEntryController {

    private static final String KEY_PATTERN = "[A-Za-z0-9:._-]{1,200}";
    private static final String KEY_MESSAGE = "must be 1-200 characters of A-Z, a-z, 0-9, ':', '.', '_', '-'";
    /** The value and what remains of its time to live, read from the same replica in one round trip. */
    private static final String GET_WITH_TTL = "return {redis.call('GET', KEYS[1]), redis.call('TTL', KEYS[1])}";

    private final CacheRing ring;
    private final CacheProperties properties;

    CacheEntryController(CacheRing ring, CacheProperties properties) {
        this.ring = ring;
        this.properties = properties;
    }

    @PutMapping("/{key}")
    @Operation(summary = "Writes an entry to every owner in service (default time to live 10 min)")
    CacheEntry put(@PathVariable @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String key,
                   @Valid @RequestBody PutEntry entry) {
        Duration ttl = entry.ttlSeconds() == null ? properties.defaultTtl() : Duration.ofSeconds(entry.ttlSeconds());
        if (ttl.compareTo(properties.maxTtl()) > 0) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST,
                    "ttlSeconds: must be at most " + properties.maxTtl().toSeconds());
        }
        ring.writeAll(key, redis -> redis.set(ring.redisKey(key), entry.value(), SetArgs.Builder.ex(ttl)));
        return new CacheEntry(key, entry.value(), ttl.toSeconds());
    }

    @GetMapping("/{key}")
    @Operation(summary = "An entry, from the first owner in service that has it, with its remaining time to live")
    CacheEntry get(@PathVariable @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String key) {
        List<Object> valueAndTtl = ring.<List<Object>>readFirst(key, redis -> redis.eval(GET_WITH_TTL,
                ScriptOutputType.MULTI, ring.redisKey(key)),
                answer -> answer != null && !answer.isEmpty() && answer.get(0) != null).value();
        if (valueAndTtl == null || valueAndTtl.isEmpty() || valueAndTtl.get(0) == null) {
            throw ProblemException.notFound("cache entry", key);
        }
        return new CacheEntry(key, valueAndTtl.get(0).toString(), ((Number) valueAndTtl.get(1)).longValue());
    }

    @DeleteMapping("/{key}")
    @Operation(summary = "Deletes an entry from every owner in service")
    @ApiResponse(responseCode = "204", description = "Deleted (or there was nothing)")
    ResponseEntity<Void> delete(@PathVariable @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String key) {
        ring.writeAll(key, redis -> redis.unlink(ring.redisKey(key)));
        return ResponseEntity.noContent().build();
    }
}
