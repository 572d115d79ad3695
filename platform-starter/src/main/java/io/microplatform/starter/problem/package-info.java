/**
 * Errors as RFC 9457 {@code application/problem+json}, the same shape in every service and at the gateway:
 * a stable {@code type} URI per kind of error ({@link io.microplatform.starter.problem.ProblemTypes}), a
 * human {@code title}, a {@code detail} that says what to change, and the request path as {@code instance}.
 * Services throw {@link io.microplatform.starter.problem.ProblemException} (or a subclass) from their
 * domain; nothing leaks a stack trace.
 */
package io.microplatform.starter.problem;
