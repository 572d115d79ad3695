package io.microplatform.orders.payment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.microplatform.orders.CallingUser;
import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
@RequestMapping("/api/payments/accounts")
@Tag(name = "accounts", description = "Payment accounts: balances that orders are paid from")
class AccountController {

    /** The body of {@code POST /api/payments/accounts}. */
    record NewAccount(@NotBlank @Size(max = 64) String userId, @PositiveOrZero @Max(1_000_000_000_000L) long balanceCents) {
    }

    private final JdbcClient jdbc;

    AccountController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @PostMapping
    @Operation(summary = "Opens an account with a balance (role admin)")
    @ApiResponse(responseCode = "201", description = "Opened; `Location` names the account")
    @ApiResponse(responseCode = "409", description = "The user has an account (type urn:microplatform:problem:account-exists)")
    ResponseEntity<Account> create(@Valid @RequestBody NewAccount account) {
        int inserted = jdbc.sql("insert into account (user_id, balance_cents, opening_cents) values (:userId, :balance, :balance)"
                        + " on conflict do nothing")
                .param("userId", account.userId()).param("balance", account.balanceCents()).update();
        if (inserted == 0) {
            throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("account-exists"),
                    "an account for " + account.userId() + " already exists");
        }
        return ResponseEntity.created(URI.create("/api/payments/accounts/" + account.userId()))
                .body(new Account(account.userId(), account.balanceCents()));
    }

    /** Through the gateway, only the authenticated user's own account (403 problem otherwise). */
    @GetMapping("/{userId}")
    @Operation(summary = "The calling user's account")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "403", description = "Another user's account (type urn:microplatform:problem:forbidden)")
    Account get(@PathVariable String userId, @Parameter(hidden = true) @RequestHeader(name = CallingUser.HEADER, required = false) String caller) {
        CallingUser.mayActFor(caller, userId, "see the account");
        return jdbc.sql("select user_id, balance_cents from account where user_id = :userId").param("userId", userId)
                .query(Account.class).optional()
                .orElseThrow(() -> ProblemException.notFound("account of user", userId));
    }
}
