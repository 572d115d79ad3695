package io.microplatform.cache.entry;

import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.data.redis.core.StringRedisTemplate;
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
import java.util.concurrent.TimeUnit;

@RestController
@RequestMapping("/api/cache/entries")
class CacheEntryController {

    private static final String KEY_PATTERN = "[A-Za-z0-9:._-]{1,200}";
    private static final String KEY_MESSAGE = "must be 1-200 characters of A-Z, a-z, 0-9, ':', '.', '_', '-'";

    private final StringRedisTemplate redis;
    private final CacheProperties properties;

    CacheEntryController(StringRedisTemplate redis, CacheProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    @PutMapping("/{key}")
    CacheEntry put(@PathVariable @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String key,
                   @Valid @RequestBody PutEntry entry) {
        Duration ttl = entry.ttlSeconds() == null ? properties.defaultTtl() : Duration.ofSeconds(entry.ttlSeconds());
        if (ttl.compareTo(properties.maxTtl()) > 0) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST,
                    "ttlSeconds: must be at most " + properties.maxTtl().toSeconds());
        }
        redis.opsForValue().set(properties.keyPrefix() + key, entry.value(), ttl);
        return new CacheEntry(key, entry.value(), ttl.toSeconds());
    }

    @GetMapping("/{key}")
    CacheEntry get(@PathVariable @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String key) {
        String redisKey = properties.keyPrefix() + key;
        String value = redis.opsForValue().get(redisKey);
        if (value == null) {
            throw ProblemException.notFound("cache entry", key);
        }
        Long ttl = redis.getExpire(redisKey, TimeUnit.SECONDS);
        return new CacheEntry(key, value, ttl == null ? -1 : ttl);
    }

    @DeleteMapping("/{key}")
    ResponseEntity<Void> delete(@PathVariable @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String key) {
        redis.delete(properties.keyPrefix() + key);
        return ResponseEntity.noContent().build();
    }
}
