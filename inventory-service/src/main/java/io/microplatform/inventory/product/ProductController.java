package io.microplatform.inventory.product;

import io.microplatform.starter.problem.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/inventory/products")
class ProductController {

    private final ProductRepository products;

    ProductController(ProductRepository products) {
        this.products = products;
    }

    @GetMapping
    List<Product> list() {
        return products.findAll();
    }

    @GetMapping("/{sku}")
    Product get(@PathVariable String sku) {
        return products.findBySku(sku).orElseThrow(() -> ProblemException.notFound("product", sku));
    }
}
