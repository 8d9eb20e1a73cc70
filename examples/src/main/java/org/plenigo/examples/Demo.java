package org.plenigo.examples;

/**
 * Runs both demos, the one the README's quick start starts: {@link WalletDemo} (prepaid credits and
 * their top-ups), then {@link AccessDemo} (access checks under each paywall model). Each can also be
 * run alone through its own {@code main}.
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) {
        WalletDemo.main(args);
        System.out.println();
        System.out.println();
        System.out.println("#".repeat(100));
        System.out.println();
        AccessDemo.main(args);
    }
}
