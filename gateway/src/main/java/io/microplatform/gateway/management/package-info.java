/**
 * Where the gateway's own endpoints are. Actuator (metrics, info, the full health with its components) is on
 * the management port ({@code management.server.port}, 8090), which is not published by docker-compose, not
 * behind the Ingress and admitted by NetworkPolicy from this namespace only: Prometheus scrapes it there, no
 * client can. The public port answers only the health that load balancers and probes need.
 */
package io.microplatform.gateway.management;
