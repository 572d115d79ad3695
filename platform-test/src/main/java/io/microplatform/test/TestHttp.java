package io.microplatform.test;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/**
 * A client for black-box tests of a running service: error statuses are returned as responses to assert on,
 * not thrown.
 */
public final class TestHttp {

    private TestHttp() {
    }

    public static RestClient client(int port) {
        return client("http://localhost:" + port);
    }

    public static RestClient client(String baseUrl) {
        return RestClient.builder()
                .baseUrl(baseUrl)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                })
                .build();
    }
}
