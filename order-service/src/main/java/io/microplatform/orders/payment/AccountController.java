package io.microplatform.orders.payment;

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
class AccountController {

    /** The body of {@code POST /api/payments/accounts}. */
    record NewAccount(@NotBlank @Size(max = 64) String userId, @PositiveOrZero @Max(1_000_000_000_000L) long balanceCents) {
    }

    private final JdbcClient jdbc;

    AccountController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @PostMapping
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
    Account get(@PathVariable String userId, @RequestHeader(name = CallingUser.HEADER, required = false) String caller) {
        CallingUser.mayActFor(caller, userId, "see the account");
        return jdbc.sql("select user_id, balance_cents from account where user_id = :userId").param("userId", userId)
                .query(Account.class).optional()
                .orElseThrow(() -> ProblemException.notFound("account of user", userId));
    }
}
