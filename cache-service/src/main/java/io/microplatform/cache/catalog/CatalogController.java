package io.microplatform.cache.catalog;

import io.microplatform.starter.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** {@code GET /api/cache/products/{sku}}: inventory's product through L1, L2, and inventory itself. */
@RestController
@RequestMapping("/api/cache/products")
@Tag(name = "catalog", description = "inventory's products read through the two-level cache")
class CatalogController {

    static final String X_CACHE = "X-Cache";

    private final CatalogCache catalog;

    CatalogController(CatalogCache catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/{sku}")
    @Operation(summary = "A product of inventory's catalog, from L1, L2 or inventory itself",
            description = "The answer's X-Cache header says where it came from: L1, L2 or MISS. An unknown sku is a "
                    + "404 problem, remembered as absent for a short time.")
    ResponseEntity<?> product(@PathVariable @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{0,63}",
            message = "must be 1-64 characters of A-Z, 0-9, '-'") String sku) {
        CatalogCache.Lookup lookup = catalog.get(sku);
        CacheControl cacheControl = lookup.kept() ? CacheControl.empty() : CacheControl.noStore();
        if (lookup.product().absent()) {
            ProblemDetail problem = ProblemException.notFound("product", sku).toProblemDetail();
            problem.setInstance(URI.create("/api/cache/products/" + sku));
            return ResponseEntity.status(404).header(X_CACHE, lookup.source().name()).cacheControl(cacheControl)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ResponseEntity.ok().header(X_CACHE, lookup.source().name()).cacheControl(cacheControl)
                .contentType(MediaType.APPLICATION_JSON).body(lookup.product().body());
    }
}
