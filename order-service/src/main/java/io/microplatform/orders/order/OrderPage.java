package io.microplatform.orders.order;

import java.util.List;

/** One page of a user's orders, newest first. */
public record OrderPage(List<Order> content, int page, int size, long totalElements) {
}
