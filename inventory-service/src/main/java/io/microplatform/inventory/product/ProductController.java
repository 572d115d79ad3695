package io.microplatform.inventory.product;

import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

@RestController
@RequestMapping("/api/inventory/products")
class ProductController {

    /** The body of {@code POST /api/inventory/products}. */
    record NewProduct(@NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{0,63}", message = "must be 1-64 characters of A-Z, 0-9, '-'") String sku,
                      @NotBlank @Size(max = 200) String name,
                      @PositiveOrZero @Max(100_000_000) long priceCents,
                      @PositiveOrZero @Max(1_000_000_000) int available) {
    }

    /** The body of {@code PATCH /api/inventory/products/{sku}}: what changes (at least one field). */
    record DetailsChange(@Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
                         @PositiveOrZero @Max(100_000_000) Long priceCents) {
    }

    /** The body of {@code POST /api/inventory/products/{sku}/restock}. */
    record Restock(@Positive @Max(1_000_000) int quantity) {
    }

    private final ProductRepository products;

    ProductController(ProductRepository products) {
        this.products = products;
    }

    /** The catalog, or only the products named by {@code sku} parameters (order-service prices orders with it). */
    @GetMapping
    List<Product> list(@RequestParam(name = "sku", required = false) @Size(max = 50) List<String> skus) {
        return skus == null || skus.isEmpty() ? products.findAll() : products.findBySkus(skus);
    }

    /**
     * One product. An answer that a pending Seata AT transaction may still take back (see the outbox package)
     * carries {@code Cache-Control: no-store}: caches pass it on without keeping it.
     */
    @GetMapping("/{sku}")
    ResponseEntity<Product> get(@PathVariable String sku) {
        ProductRepository.Read read = products.readForCaching(sku)
                .orElseThrow(() -> ProblemException.notFound("product", sku));
        return ResponseEntity.ok().cacheControl(read.undoable() ? CacheControl.noStore() : CacheControl.empty())
                .body(read.product());
    }

    @PatchMapping("/{sku}")
    Product changeDetails(@PathVariable String sku, @Valid @RequestBody DetailsChange change) {
        if (change.name() == null && change.priceCents() == null) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST,
                    "name or priceCents: give at least one");
        }
        return products.changeDetails(sku, change.name(), change.priceCents())
                .orElseThrow(() -> ProblemException.notFound("product", sku));
    }

    @PostMapping
    ResponseEntity<Product> create(@Valid @RequestBody NewProduct product) {
        Product created = products.create(product.sku(), product.name(), product.priceCents(), product.available());
        return ResponseEntity.created(URI.create("/api/inventory/products/" + created.sku())).body(created);
    }

    @PostMapping("/{sku}/restock")
    Product restock(@PathVariable String sku, @Valid @RequestBody Restock restock) {
        return products.restock(sku, restock.quantity())
                .orElseThrow(() -> ProblemException.notFound("product", sku));
    }
}
