package io.microplatform.inventory.stock;

import io.microplatform.starter.UnsafeBaseline;
import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import jakarta.validation.Valid;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The internal API that order-service calls; see the package documentation. */
@RestController
@RequestMapping("/internal/inventory/stock")
class StockController {

    private final StockOperations stock;
    private final boolean unsafeBaselineEnabled;

    StockController(StockOperations stock,
                    @Value("${" + UnsafeBaseline.ENABLED + ":false}") boolean unsafeBaselineEnabled) {
        this.stock = stock;
        this.unsafeBaselineEnabled = unsafeBaselineEnabled;
    }

    @PostMapping("/at/deductions")
    StockReceipt deductAt(@Valid @RequestBody StockRequest request) {
        return stock.deductAt(request);
    }

    @PostMapping("/xa/deductions")
    StockReceipt deductXa(@Valid @RequestBody StockRequest request) {
        return stock.deductXa(request);
    }

    @PostMapping("/tcc/reservations")
    StockReceipt reserveTcc(@Valid @RequestBody StockRequest request) {
        return stock.reserveTcc(request);
    }

    @PostMapping("/saga/deductions")
    StockReceipt deductSaga(@Valid @RequestBody StockRequest request) {
        return stock.deductSaga(request);
    }

    @PostMapping("/saga/releases")
    StockReceipt releaseSaga(@Valid @RequestBody StockRequest request) {
        return stock.releaseSaga(request);
    }

    @PostMapping("/local/deductions")
    StockReceipt deductWithoutGlobalTransaction(@Valid @RequestBody StockRequest request) {
        if (!unsafeBaselineEnabled) {
            throw new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND,
                    "the unsafe baseline is off (" + UnsafeBaseline.ENABLED + ")");
        }
        return stock.deductWithoutGlobalTransaction(request);
    }
}
