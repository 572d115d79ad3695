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
 * What an {@code Idempotency-Key} header may hold, wherever a service takes one: 1 to 128 printable ASCII
 * characters without spaces (it is stored and compared as given). On a controller's parameter, a key outside that
 * is a 400 problem naming the parameter.
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
