package io.microplatform.orders.placement;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The body of {@code POST /api/orders}. The mode is a string checked here, so that an unknown mode gets a
 * message that lists the valid ones rather than a JSON parse error.
 */
public record PlaceOrder(@NotBlank @Size(max = 64) String userId,
                         @NotEmpty @Size(max = 50) List<@Valid @NotNull Line> items,
                         @NotNull @Pattern(regexp = "AT|TCC|XA|SAGA|NONE", message = "must be one of AT, TCC, XA, SAGA") String mode) {

    public record Line(@NotBlank @Size(max = 64) String sku, @NotNull @Positive @Max(1000) Integer quantity) {
    }
}
