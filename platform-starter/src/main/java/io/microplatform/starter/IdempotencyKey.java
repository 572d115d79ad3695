package io.microplatform.starter;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an {@code Idempotency-Key} header may hold where a service stores it as given (orders, scheduler jobs): 1 to
 * 128 printable ASCII characters without spaces. On a controller's parameter, a key outside that is a 400 problem
 * naming the parameter. cache-service's counters take a narrower key of their own, as it becomes part of a Redis key.
 */
@Size(min = 1, max = 128)
@Pattern(regexp = "[\\x21-\\x7E]+", message = "must be printable ASCII without spaces")
@Constraint(validatedBy = {})
@Target({ ElementType.PARAMETER, ElementType.FIELD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface IdempotencyKey {

    /** The header's name. */
    String HEADER = "Idempotency-Key";

    String message() default "must be an Idempotency-Key";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
