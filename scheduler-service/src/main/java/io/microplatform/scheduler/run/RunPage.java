package io.microplatform.scheduler.run;

import java.util.List;

/** One page of runs, newest fire first; {@code totalElements} counts every run the request matched. */
public record RunPage(List<Run> content, int page, int size, long totalElements) {
}
