package org.plenigo.core.store;

import java.util.List;

/** What every store does with the actions registered by {@code Transactions.afterCommit} once it commits. */
public final class AfterCommitActions {
    private AfterCommitActions() {
    }

    /**
     * Runs and forgets {@code actions} in order; one that throws does not keep the later ones from
     * running, and the first failure is rethrown at the end with the others suppressed in it.
     */
    public static void runAndClear(List<Runnable> actions) {
        if (actions.isEmpty()) {
            return;
        }
        List<Runnable> committed = List.copyOf(actions);
        actions.clear();
        RuntimeException failure = null;
        for (Runnable action : committed) {
            try {
                action.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
