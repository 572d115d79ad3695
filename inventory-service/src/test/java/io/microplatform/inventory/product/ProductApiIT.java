package io.microplatform.inventory.product;

import io.microplatform.test.TestHttp;
import io.microplatform.test.WithDevStack;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@WithDevStack
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
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
                .isEqualTo(new Product("KB-001", "Mechanical keyboard", 8900, 100, 0));
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
    void seataUndoLogTableExistsForATBranches() {
        assertThat(jdbc.sql("select count(*) from undo_log").query(Integer.class).single()).isZero();
    }
}
