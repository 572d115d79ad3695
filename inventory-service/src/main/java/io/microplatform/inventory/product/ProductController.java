package io.microplatform.inventory.product;

import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
@Tag(name = "products", description = "The catalog and its stock")
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
    @Operation(summary = "One page of the catalog by sku, or of the products named by `sku` parameters",
            description = "Public through the gateway (no token needed).")
    @SecurityRequirements
    ProductPage list(@Parameter(description = "only these products (at most 50)")
                     @RequestParam(name = "sku", required = false) @Size(max = 50) List<String> skus,
                     @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                     @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return products.findPage(skus, page, size);
    }

    /**
     * One product. An answer that a pending Seata AT transaction may still take back (see the outbox package)
     * carries {@code Cache-Control: no-store}: caches pass it on without keeping it.
     */
    @GetMapping("/{sku}")
    @Operation(summary = "A product with its stock", description = "Public through the gateway (no token needed). "
            + "Cache-Control: no-store while a global transaction that changed it can still be rolled back.")
    @SecurityRequirements
    ResponseEntity<Product> get(@PathVariable String sku) {
        ProductRepository.Read read = products.readForCaching(sku)
                .orElseThrow(() -> ProblemException.notFound("product", sku));
        return ResponseEntity.ok().cacheControl(read.undoable() ? CacheControl.noStore() : CacheControl.empty())
                .body(read.product());
    }

    @PatchMapping("/{sku}")
    @Operation(summary = "Change a product's name or price", description = "Raises its version and publishes "
            + "ProductChanged, which invalidates the catalog cache.")
    Product changeDetails(@PathVariable String sku, @Valid @RequestBody DetailsChange change) {
        if (change.name() == null && change.priceCents() == null) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST,
                    "name or priceCents: give at least one");
        }
        return products.changeDetails(sku, change.name(), change.priceCents())
                .orElseThrow(() -> ProblemException.notFound("product", sku));
    }

    @PostMapping
    @Operation(summary = "Adds a product to the catalog (role admin)")
    @ApiResponse(responseCode = "201", description = "Created; `Location` names the product")
    @ApiResponse(responseCode = "409", description = "A product with this sku exists (type urn:microplatform:problem:product-exists)")
    ResponseEntity<Product> create(@Valid @RequestBody NewProduct product) {
        Product created = products.create(product.sku(), product.name(), product.priceCents(), product.available());
        return ResponseEntity.created(URI.create("/api/inventory/products/" + created.sku())).body(created);
    }

    @PostMapping("/{sku}/restock")
    @Operation(summary = "Adds received stock to a product (role admin)")
    Product restock(@PathVariable String sku, @Valid @RequestBody Restock restock) {
        return products.restock(sku, restock.quantity())
                .orElseThrow(() -> ProblemException.notFound("product", sku));
    }
}
