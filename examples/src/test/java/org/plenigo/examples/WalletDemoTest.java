package org.plenigo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the demo as {@code exec:java} does and checks the figures it promises. */
class WalletDemoTest {
    private static String output;

    @BeforeAll
    static void runDemo() throws Exception {
        output = Console.output(() -> WalletDemo.main(new String[0]));
    }

    @Test
    void automaticTopUpGivesFiveMoreOnceTheFiveAreUsedUp() {
        assertThat(output).contains("anna spends 1 on article:1004: balance 1")
                .contains("anna spends 1 on article:1005: balance 5 (after 1 automatic top-up)");
        assertThat(output).containsPattern("2025-01-27 07:30 +CONSUMPTION +-1 +0 +article:1005")
                .containsPattern("2025-01-27 07:30 +TOP_UP +\\+5 +5 +pass-automatic");
    }

    @Test
    void automaticTopUpLimitStopsTheFourthRefillWithinTenMinutes() {
        assertThat(output).contains("ben spends 5 on issue:2025-04: balance 0")
                .contains("event TopUpFailed: ben, TOP_UP_LIMIT_REACHED")
                .contains("ben spends 5 on issue:2025-05: REFUSED TOP_UP_LIMIT_REACHED, balance stays 0")
                .contains("ben spends 1 on article:2002: balance 4 (after 1 automatic top-up)");
    }

    @Test
    void declinedChargeRefusesTheConsumptionAndChangesNothing() {
        assertThat(output).contains("clara spends 3 on webinar:data-journalism/sessions-4-6: "
                        + "REFUSED PAYMENT_FAILED, balance stays 2 (card expired)")
                .contains("clara spends 3 on webinar:data-journalism/sessions-4-6: balance 4 (after 1 automatic top-up)");
        assertThat(output).doesNotContainPattern("2025-03-20 18:00 +(TOP_UP|CONSUMPTION)");
    }

    @Test
    void externalTopUpHappensOncePerEvent() {
        assertThat(output).contains("daniel spends 1 on article:3001: REFUSED INSUFFICIENT_CREDITS, balance stays 0")
                .contains("key shop-order-4711): topped up 5, balance 5")
                .contains("key shop-order-4711): key seen before, nothing changed, balance 5")
                .contains("daniel spends 1 on article:3001: balance 4");
    }

    @Test
    void timeBasedTopUpOnFirstOfJuneGivesNineCredits() {
        assertThat(output).contains("2025-06-01 10:00  scheduler run: 1 interval(s) topped up, 0 failed")
                .contains("eva now has 9 credits: 4 unused (they do not expire) + 5 for June");
        assertThat(output).containsPattern("2025-06-01 10:00 +TOP_UP +\\+5 +9 +pass-monthly");
    }

    @Test
    void schedulerCatchesUpMissedMonthsExactlyOnce() {
        assertThat(output).contains("2025-09-01 12:00  scheduler run: 3 interval(s) topped up, 0 failed")
                .contains("2025-09-01 12:05  scheduler run: 0 interval(s) topped up, 0 failed")
                .contains("eva now has 24 credits");
        assertThat(output).containsPattern("2025-07-01 10:00 +TOP_UP +\\+5 +14 ")
                .containsPattern("2025-08-01 10:00 +TOP_UP +\\+5 +19 ")
                .containsPattern("2025-09-01 10:00 +TOP_UP +\\+5 +24 ");
    }
}
