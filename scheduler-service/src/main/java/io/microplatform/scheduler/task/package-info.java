/**
 * The tasks a schedule can run, each a bean with a name: {@code noop}, {@code sleep {millis}},
 * {@code fail {times}}, {@code http {method, service, path}} (through discovery and load balancing) and
 * {@code ledger} (a fenced write, the effect the failover tests count). A task's payload is checked when the
 * schedule is created. Adding a task is adding a bean.
 */
package io.microplatform.scheduler.task;
