package io.microplatform.orders;

import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The user a request acts for. The gateway verifies the bearer token and passes its subject in {@value #HEADER}
 * (a header of that name sent by a client is removed there), so a request that carries it may only touch that
 * user's orders and account. Requests without it come from inside the platform (another service, an operator on
 * the internal network, which the gateway never routes to as such) and are not restricted.
 */
public final class CallingUser {

    public static final String HEADER = "X-User-Id";

    private CallingUser() {
    }

    /** 403 problem unless the caller (if any) is {@code userId}. */
    public static void mayActFor(@Nullable String caller, String userId, String action) {
        if (caller != null && !caller.equals(userId)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN,
                    "user '" + caller + "' may not " + action + " of user '" + userId + "'");
        }
    }

    /** Whether the caller (if any) may see what belongs to {@code owner}: others' things are reported as missing. */
    public static boolean maySee(@Nullable String caller, String owner) {
        return caller == null || caller.equals(owner);
    }
}
