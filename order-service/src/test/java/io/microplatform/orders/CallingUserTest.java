package io.microplatform.orders;

import io.microplatform.starter.problem.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CallingUserTest {

    @Test
    void aRequestFromInsideThePlatformActsForAnyone() {
        assertThatNoException().isThrownBy(() -> CallingUser.mayActFor(null, "alice", "place orders on behalf"));
        assertThat(CallingUser.maySee(null, "alice")).isTrue();
    }

    @Test
    void anAuthenticatedUserActsOnlyForThemselves() {
        assertThatNoException().isThrownBy(() -> CallingUser.mayActFor("alice", "alice", "see the account"));

        ProblemException refused = catchThrowableOfType(ProblemException.class,
                () -> CallingUser.mayActFor("mallory", "alice", "see the account"));

        assertThat(refused.status().value()).isEqualTo(403);
        assertThat(refused.getMessage()).isEqualTo("user 'mallory' may not see the account of user 'alice'");
    }

    @Test
    void anotherUsersThingsAreInvisibleRatherThanForbidden() {
        assertThat(CallingUser.maySee("alice", "alice")).isTrue();
        assertThat(CallingUser.maySee("mallory", "alice")).isFalse();
    }
}
