package io.microplatform.starter.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.microplatform.starter.problem.ProblemTypes;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.List;
import java.util.Map;

/**
 * The answers of {@link io.microplatform.starter.problem.ServletProblemHandler}, added to every operation of the
 * document as {@code application/problem+json} with the {@code Problem} schema: 400 where the operation takes
 * input (parameters or a body: validation, unreadable JSON, a malformed path variable), 404 where it has a path
 * variable (the named thing does not exist), 503 with {@code Retry-After} and 500 everywhere. An error response the
 * controller declares itself (409, 402, …) keeps its description and gets the problem body.
 */
public class ProblemResponses implements OpenApiCustomizer {

    /** The name of the problem schema in the document's components. */
    public static final String SCHEMA = "Problem";

    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(SCHEMA, problemSchema());
        if (openApi.getPaths() == null) {
            return;
        }
        for (PathItem path : openApi.getPaths().values()) {
            for (Operation operation : path.readOperations()) {
                describe(operation, path.getParameters());
            }
        }
    }

    private static void describe(Operation operation, List<Parameter> pathLevel) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        // an error a controller declares (@ApiResponse(responseCode = "409")) is a problem too; springdoc would
        // give it the operation's success schema
        operation.getResponses().forEach((status, response) -> {
            if (isError(status)) {
                response.setContent(problemContent());
            }
        });
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean takesInput = operation.getRequestBody() != null || !parameters.isEmpty()
                || (pathLevel != null && !pathLevel.isEmpty());
        boolean namesSomething = parameters.stream().anyMatch(parameter -> "path".equals(parameter.getIn()));
        if (takesInput) {
            add(operation, "400", "The request is invalid: `detail` says what to change, `errors` lists every "
                    + "rejected field (type " + ProblemTypes.INVALID_REQUEST + ")");
        }
        if (namesSomething) {
            add(operation, "404", "Nothing exists under this path (type " + ProblemTypes.NOT_FOUND + ")");
        }
        ApiResponse unavailable = problem("A dependency of the service (its database, Redis, the transaction "
                + "coordinator) is unavailable for a moment; nothing was done, send the request again after "
                + "`Retry-After` seconds (type " + ProblemTypes.SERVICE_UNAVAILABLE + ")");
        unavailable.addHeaderObject("Retry-After", new Header().description("seconds to wait before retrying")
                .schema(new IntegerSchema()));
        addIfAbsent(operation, "503", unavailable);
        add(operation, "500", "An unexpected error; `reference` identifies it in the service's log (type "
                + ProblemTypes.INTERNAL + ")");
    }

    private static boolean isError(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }

    private static void add(Operation operation, String status, String description) {
        addIfAbsent(operation, status, problem(description));
    }

    private static void addIfAbsent(Operation operation, String status, ApiResponse response) {
        if (operation.getResponses().get(status) == null) {
            operation.getResponses().addApiResponse(status, response);
        }
    }

    static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(problemContent());
    }

    private static Content problemContent() {
        return new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA)));
    }

    /** RFC 9457 members, and the platform's extensions {@code errors} and {@code reference}. */
    @SuppressWarnings("rawtypes")
    static Schema<?> problemSchema() {
        Schema<?> error = new ObjectSchema()
                .addProperty("field", new StringSchema().example("items[0].quantity"))
                .addProperty("message", new StringSchema().example("must be greater than 0"));
        Map<String, Schema> properties = new java.util.LinkedHashMap<>();
        properties.put("type", new StringSchema().format("uri")
                .description("stable per kind of error (urn:microplatform:problem:<kind>): clients may switch on it"));
        properties.put("title", new StringSchema());
        properties.put("status", new IntegerSchema().description("the HTTP status"));
        properties.put("detail", new StringSchema().description("what went wrong and what to change"));
        properties.put("instance", new StringSchema().format("uri").description("the request path"));
        properties.put("errors", new ArraySchema().items(error)
                .description("validation errors (400): every rejected field"));
        properties.put("reference", new StringSchema()
                .description("unexpected errors (500): the reference of the log entry"));
        ObjectSchema problem = new ObjectSchema();
        problem.setProperties(properties);
        problem.setDescription("RFC 9457 problem details, as every service of the platform answers an error");
        return problem;
    }
}
