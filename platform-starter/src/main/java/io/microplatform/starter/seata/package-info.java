/**
 * Seata global transactions across HTTP calls. The Seata starter binds an inbound {@code TX_XID} header to
 * the request thread; this package does the other half, which the starter leaves to the application and
 * whose absence is the most common reason a global transaction "does not roll back": every
 * {@link org.springframework.web.client.RestClient} built from Boot's builder copies the current XID into
 * the outbound request.
 *
 * <p>The tables every Seata client needs ship once, from this module's {@code db/seata} ({@code V2} undo_log for
 * AT, {@code V4} tcc_fence_log for TCC), and each service applies them with its own Flyway history
 * ({@code spring.flyway.locations: classpath:db/migration,classpath:db/seata}); their versions are reserved in
 * that history, which is why the services' own migrations skip 2 and 4. The Saga tables stay in order-service,
 * the only service that runs the Saga engine.
 */
package io.microplatform.starter.seata;
