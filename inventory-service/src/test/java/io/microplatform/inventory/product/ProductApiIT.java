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
    void listsTheCatalogThatFlywaySeeded() {
        List<Product> products = TestHttp.client(port).get().uri("/api/inventory/products").retrieve()
                .body(new ParameterizedTypeReference<>() {
                });

        assertThat(products).extracting(Product::sku).contains("KB-001", "MS-002", "MN-003", "HD-004", "CB-005");
        assertThat(products).hasSize(jdbc.sql("select count(*) from product").query(Integer.class).single());
        assertThat(TestHttp.client(port).get().uri("/api/inventory/products/KB-001").retrieve().body(Product.class))
                .usingRecursiveComparison().ignoringFields("version")
                .isEqualTo(new Product("KB-001", "Mechanical keyboard", 8900, 100, 0, 0));
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

        List<Product> some = TestHttp.client(port).get().uri("/api/inventory/products?sku=LAMP-7&sku=KB-001").retrieve()
                .body(new ParameterizedTypeReference<>() {
                });
        assertThat(some).extracting(Product::sku).containsExactly("KB-001", "LAMP-7");
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
