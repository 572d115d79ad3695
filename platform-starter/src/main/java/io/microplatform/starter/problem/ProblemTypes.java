package io.microplatform.starter.problem;

import java.net.URI;

/** Stable {@code type} URIs of the problems the platform returns; clients may switch on them. */
public final class ProblemTypes {

    private static final String PREFIX = "urn:microplatform:problem:";

    public static final URI NOT_FOUND = of("not-found");
    public static final URI INVALID_REQUEST = of("invalid-request");
    public static final URI CONFLICT = of("conflict");
    public static final URI FORBIDDEN = of("forbidden");
    public static final URI SERVICE_UNAVAILABLE = of("service-unavailable");
    public static final URI GATEWAY_TIMEOUT = of("gateway-timeout");
    public static final URI INTERNAL = of("internal");

    private ProblemTypes() {
    }

    /** The type URI of a kind of problem, e.g. {@code of("insufficient-stock")}. */
    public static URI of(String kind) {
        return URI.create(PREFIX + kind);
    }

    /** The generic type of an HTTP status that has no more specific kind. */
    public static URI forStatus(int status) {
        return switch (status) {
            case 400, 405, 406, 413, 415, 422 -> INVALID_REQUEST;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            case 502, 503 -> SERVICE_UNAVAILABLE;
            case 504 -> GATEWAY_TIMEOUT;
            default -> status >= 500 ? INTERNAL : of("http-" + status);
        };
    }
}
