package io.microplatform.starter.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemResponsesTest {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Test
    void everyOperationGetsTheProblemsOfTheHandlerThatApplyToIt() {
        Operation list = new Operation().responses(ok())
                .addParametersItem(new Parameter().name("size").in("query"));
        Operation get = new Operation().responses(ok())
                .addParametersItem(new Parameter().name("id").in("path"));
        Operation create = new Operation().requestBody(new RequestBody()).responses(ok()
                .addApiResponse("409", new ApiResponse().description("exists")
                        .content(json("#/components/schemas/Thing"))));
        Operation ping = new Operation().responses(ok());
        OpenAPI openApi = new OpenAPI().paths(new Paths()
                .addPathItem("/things", new PathItem().get(list).post(create))
                .addPathItem("/things/{id}", new PathItem().get(get))
                .addPathItem("/ping", new PathItem().get(ping)));

        new ProblemResponses().customise(openApi);

        assertThat(list.getResponses()).containsOnlyKeys("200", "400", "500", "503");
        assertThat(get.getResponses()).containsOnlyKeys("200", "400", "404", "500", "503");
        assertThat(create.getResponses()).containsOnlyKeys("200", "400", "409", "500", "503");
        assertThat(ping.getResponses()).containsOnlyKeys("200", "500", "503");
        for (Operation operation : new Operation[] { list, get, create, ping }) {
            operation.getResponses().forEach((status, response) -> {
                if (!status.equals("200")) {
                    assertThat(response.getContent()).as(status).containsOnlyKeys("application/problem+json");
                    assertThat(response.getContent().get("application/problem+json").getSchema().get$ref())
                            .isEqualTo(PROBLEM_REF);
                }
            });
        }
        // a declared error keeps its description; the success response is left alone
        assertThat(create.getResponses().get("409").getDescription()).isEqualTo("exists");
        assertThat(create.getResponses().get("200").getContent()).containsOnlyKeys("application/json");
        assertThat(ping.getResponses().get("503").getHeaders()).containsKey("Retry-After");
        assertThat(openApi.getComponents().getSchemas().get(ProblemResponses.SCHEMA).getProperties())
                .containsKeys("type", "title", "status", "detail", "instance", "errors", "reference");
    }

    private static ApiResponses ok() {
        return new ApiResponses().addApiResponse("200", new ApiResponse().description("OK")
                .content(json("#/components/schemas/Thing")));
    }

    private static Content json(String ref) {
        return new Content().addMediaType("application/json", new MediaType().schema(new Schema<>().$ref(ref)));
    }
}
