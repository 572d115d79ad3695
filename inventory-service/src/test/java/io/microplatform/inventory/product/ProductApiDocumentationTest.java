package io.microplatform.inventory.product;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.hasItems;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The OpenAPI document inventory-service serves (the gateway's Swagger UI shows it): every catalog operation
 * with its schemas and the platform's problem responses; the internal stock API is not in it.
 */
@WebMvcTest(ProductController.class)
class ProductApiDocumentationTest {

    private static final String PROBLEM = "application/problem+json";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ProductRepository products;

    @Test
    void documentsEveryCatalogOperationWithItsProblems() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.servers.length()").value(1))
                .andExpect(jsonPath("$.servers[0].url").value("/"))
                .andExpect(jsonPath("$.components.securitySchemes.bearer-jwt.scheme").value("bearer"))
                .andExpect(jsonPath("$.paths['/api/inventory/products'].get.parameters[*].name",
                        hasItems("sku", "page", "size")))
                .andExpect(jsonPath("$.paths['/api/inventory/products'].get.parameters[?(@.name == 'size')].schema.maximum",
                        hasItems(100)))
                .andExpect(jsonPath("$.paths['/api/inventory/products'].get.responses['200'].content['application/json'].schema.$ref")
                        .value("#/components/schemas/ProductPage"))
                .andExpect(jsonPath("$.paths['/api/inventory/products'].get.responses['400'].content['" + PROBLEM + "'].schema.$ref")
                        .value("#/components/schemas/Problem"))
                .andExpect(jsonPath("$.paths['/api/inventory/products'].get.security").isEmpty())
                .andExpect(jsonPath("$.paths['/api/inventory/products'].post.requestBody.content['application/json'].schema.$ref")
                        .value("#/components/schemas/NewProduct"))
                .andExpect(jsonPath("$.paths['/api/inventory/products'].post.responses['201'].content['application/json'].schema.$ref")
                        .value("#/components/schemas/Product"))
                .andExpect(jsonPath("$.paths['/api/inventory/products'].post.responses['409'].content['" + PROBLEM + "']").exists())
                .andExpect(jsonPath("$.paths['/api/inventory/products/{sku}'].get.responses['404'].content['" + PROBLEM + "']").exists())
                .andExpect(jsonPath("$.paths['/api/inventory/products/{sku}'].get.responses['503'].headers['Retry-After']").exists())
                .andExpect(jsonPath("$.paths['/api/inventory/products/{sku}/restock'].post.responses['200']").exists())
                .andExpect(jsonPath("$.paths['/internal/inventory/stock/at/deductions']").doesNotExist())
                .andExpect(jsonPath("$.components.schemas.Problem.properties.errors.type").value("array"))
                .andExpect(jsonPath("$.components.schemas.ProductPage.properties.totalElements").exists());
    }
}
