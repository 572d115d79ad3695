package io.microplatform.devstack;

/** What a dev-stack component is doing, as its processes show it. */
public enum ComponentState {

    /** Its processes run and it was started by the stack. */
    RUNNING,

    /** Its processes are stopped by SIGSTOP ({@link DevStack#pause(String)}): connections hang, nothing answers. */
    PAUSED,

    /** Stopped or killed through the stack; {@link DevStack#start(String)} brings it back. */
    STOPPED,

    /** Its processes ended although nobody told them to (a crash, a kill from outside the stack). */
    EXITED
}
