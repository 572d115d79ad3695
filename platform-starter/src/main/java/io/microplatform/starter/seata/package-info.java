/**
 * Seata global transactions across HTTP calls. The Seata starter binds an inbound {@code TX_XID} header to
 * the request thread; this package does the other half, which the starter leaves to the application and
 * whose absence is the most common reason a global transaction "does not roll back": every
 * {@link org.springframework.web.client.RestClient} built from Boot's builder copies the current XID into
 * the outbound request.
 */
package io.microplatform.starter.seata;
