package io.microplatform.inventory.product;

import io.microplatform.test.TestHttp;
import io.microplatform.test.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class ProductApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void listsTheCatalogThatFlywaySeededPageByPage() {
        int total = jdbc.sql("select count(*) from product").query(Integer.class).single();
        ProductPage first = page("/api/inventory/products?size=2");
        assertThat(first.page()).isZero();
        assertThat(first.size()).isEqualTo(2);
        assertThat(first.totalElements()).isEqualTo(total);
        assertThat(first.content()).hasSize(2);

        List<String> skus = new java.util.ArrayList<>();
        for (int page = 0; page * 2 < total; page++) {
            skus.addAll(page("/api/inventory/products?size=2&page=" + page).content().stream().map(Product::sku).toList());
        }
        assertThat(skus).hasSize(total).doesNotHaveDuplicates().isSorted()
                .contains("KB-001", "MS-002", "MN-003", "HD-004", "CB-005");
        assertThat(page("/api/inventory/products?size=2&page=" + (total / 2 + 1)).content()).isEmpty();
        assertThat(TestHttp.client(port).get().uri("/api/inventory/products/KB-001").retrieve().body(Product.class))
                .usingRecursiveComparison().ignoringFields("version")
                .isEqualTo(new Product("KB-001", "Mechanical keyboard", 8900, 100, 0, 0));
    }

    @Test
    void badPagingIsAnInvalidRequestProblem() {
        for (String query : List.of("size=0", "size=101", "page=-1", "page=x")) {
            ResponseEntity<Map<String, Object>> response = TestHttp.client(port).get()
                    .uri("/api/inventory/products?" + query).retrieve().toEntity(new ParameterizedTypeReference<>() {
                    });
            assertThat(response.getStatusCode().value()).as(query).isEqualTo(400);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody()).containsEntry("type", "urn:microplatform:problem:invalid-request");
        }
    }

    private ProductPage page(String uri) {
        return TestHttp.client(port).get().uri(uri).retrieve().body(ProductPage.class);
    }

    @Test
    void unknownSkuIsANotFoundProblem() {
        ResponseEntity<Map<String, Object>> response = TestHttp.client(port).get().uri("/api/inventory/products/NOPE")
                .retrieve().toEntity(new ParameterizedTypeReference<>() {
                });

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).containsEntry("type", "urn:microplatform:problem:not-found")
                .containsEntry("detail", "product NOPE does not exist");
    }

    @Test
    void createsAndRestocksProductsAndRefusesDuplicatesAndBadInput() {
        Map<String, Object> body = Map.of("sku", "LAMP-7", "name", "Desk lamp", "priceCents", 4500, "available", 5);
        ResponseEntity<Product> created = TestHttp.client(port).post().uri("/api/inventory/products")
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(Product.class);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getHeaders().getLocation()).hasToString("/api/inventory/products/LAMP-7");
        assertThat(created.getBody()).isEqualTo(new Product("LAMP-7", "Desk lamp", 4500, 5, 0, 1));

        assertThat(post("/api/inventory/products", body).getStatusCode().value()).isEqualTo(409);
        ResponseEntity<Map<String, Object>> bad = post("/api/inventory/products",
                Map.of("sku", "lower case", "name", "", "priceCents", -1, "available", 1));
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody().get("detail").toString()).contains("sku:", "name:", "priceCents:");

        Product restocked = TestHttp.client(port).post().uri("/api/inventory/products/LAMP-7/restock")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("quantity", 7)).retrieve().body(Product.class);
        assertThat(restocked.available()).isEqualTo(12);
        // what the product received, for the audit of the stock's books: the initial 5 plus the restocked 7
        assertThat(jdbc.sql("select received from product where sku = 'LAMP-7'").query(Integer.class).single())
                .isEqualTo(12);
        assertThat(post("/api/inventory/products/NOPE/restock", Map.of("quantity", 1)).getStatusCode().value()).isEqualTo(404);
        assertThat(post("/api/inventory/products/LAMP-7/restock", Map.of("quantity", 0)).getStatusCode().value()).isEqualTo(400);

        ProductPage some = page("/api/inventory/products?sku=LAMP-7&sku=KB-001");
        assertThat(some.content()).extracting(Product::sku).containsExactly("KB-001", "LAMP-7");
        assertThat(some.totalElements()).isEqualTo(2);
    }

    private ResponseEntity<Map<String, Object>> post(String path, Object body) {
        return TestHttp.client(port).post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toEntity(new ParameterizedTypeReference<>() {
                });
    }

    @Test
    void seataUndoLogTableExistsForATBranches() {
        assertThat(jdbc.sql("select count(*) from undo_log").query(Integer.class).single()).isZero();
    }
}
