package io.microplatform.inventory.stock;

import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.springframework.http.HttpStatus;

/** 409: the stock of a product cannot cover the quantity asked for. Nothing was taken. */
class InsufficientStock extends ProblemException {

    InsufficientStock(String sku, int requested, Integer available) {
        super(HttpStatus.CONFLICT, ProblemTypes.of("insufficient-stock"), available == null
                ? "product " + sku + " does not exist"
                : "product " + sku + ": " + requested + " requested, " + available + " available");
    }
}
