package io.microplatform.inventory.product;

import java.util.List;

/** One page of the catalog, by sku; {@code totalElements} counts every product the request matched. */
public record ProductPage(List<Product> content, int page, int size, long totalElements) {
}
