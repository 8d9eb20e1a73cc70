package org.plenigo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the access demo as {@code exec:java} does and checks the decisions it promises. A table row
 * reads: when, reader, content, decision, reason, free views left, offers, cache until.
 */
class AccessDemoTest {
    private static final String PREMIUM_OFFERS = "premium-30-days, premium-monthly";
    /** The end of a row: nothing in the cells after the last one given. */
    private static final String END = "\\R";
    private static String output;

    @BeforeAll
    static void runDemo() throws Exception {
        output = Console.output(() -> AccessDemo.main(new String[0]));
    }

    @Test
    void freemiumContentIsFreeForAnyone() {
        assertThat(output)
                .containsPattern(row("2025-03-03 09:00", "anonymous", "news:weather", "granted", "FREE_CONTENT"))
                .containsPattern(row("2025-03-03 09:00", "visitor v-1", "news:weather", "granted", "FREE_CONTENT"));
    }

    @Test
    void meteredGivesThreeFreeViewsAMonthThenTheMeterIsExhaustedUntilTheFirst() {
        assertThat(output)
                .containsPattern(row("2025-03-11 08:00", "visitor v-42", "plus:1", "granted", "METERED_FREE_VIEW", "2",
                        "2025-04-01 00:00"))
                .containsPattern(row("2025-03-13 08:00", "visitor v-42", "plus:3", "granted", "METERED_FREE_VIEW", "0",
                        "2025-04-01 00:00"))
                .containsPattern(row("2025-03-14 08:00", "visitor v-42", "plus:4", "DENIED", "METER_EXHAUSTED", "0",
                        "plus-monthly", "2025-04-01 00:00"))
                .containsPattern(row("2025-03-14 08:00", "visitor v-42, re-read", "plus:2", "granted",
                        "METERED_FREE_VIEW", "0"));
    }

    @Test
    void previewsCountNothingAndExemptContentHasNoFreeViews() {
        assertThat(output)
                .containsPattern(row("visitor v-7, preview", "plus:5", "granted", "METERED_FREE_VIEW", "3"))
                .containsPattern(row("visitor v-7, preview", "plus:6", "granted", "METERED_FREE_VIEW", "3"))
                .containsPattern(row("visitor v-7", "plus:5", "granted", "METERED_FREE_VIEW", "2"))
                .containsPattern(row("visitor v-7", "plus:dossier", "DENIED", "NO_ACCESS_RIGHT", "plus-monthly"))
                .containsPattern(row("no customer, no visitor id", "plus:5", "DENIED", "LOGIN_REQUIRED",
                        "plus-monthly"));
    }

    @Test
    void loggingInGivesTheRegisteredCountAndANewMonthANewMeter() {
        assertThat(output)
                .containsPattern(row("2025-03-20 19:00", "ben \\(visitor v-42\\)", "plus:4", "granted",
                        "METERED_FREE_VIEW", "4", "2025-04-01 00:00"))
                .containsPattern(row("2025-04-01 00:00", "visitor v-42", "plus:4", "granted", "METERED_FREE_VIEW", "2",
                        "2025-05-01 00:00"));
    }

    @Test
    void hardPaywallOpensForTheSubscriberUntilTheEndOfThePaidMonth() {
        assertThat(output)
                .containsPattern(row("2025-04-01 09:00", "anna", "premium:interview", "granted", "SUBSCRIPTION",
                        "2025-05-01 00:00"))
                .containsPattern(row("2025-04-01 09:00", "anonymous", "premium:interview", "DENIED", "NO_ACCESS_RIGHT",
                        PREMIUM_OFFERS) + END)
                .containsPattern(row("2025-04-15 10:00", "anna", "premium:interview", "granted", "SUBSCRIPTION",
                        "2025-05-01 00:00"))
                .containsPattern(row("2025-05-01 09:00", "anna", "premium:interview", "DENIED", "NO_ACCESS_RIGHT",
                        PREMIUM_OFFERS));
    }

    @Test
    void sponsorsAdmitByEmailDomainIpRangeAndCodeWithinTheBudget() {
        assertThat(output)
                .containsPattern(row("clara@physics.uni.example", "premium:essay", "granted", "SPONSORED",
                        "2025-10-01 00:00"))
                .containsPattern(row("IP 198.51.100.23", "premium:essay", "granted", "SPONSORED", "2025-10-01 00:00"))
                .containsPattern(row("IP 2001:db8:100:7::12", "premium:essay", "granted", "SPONSORED",
                        "2025-10-01 00:00"))
                .containsPattern(row("IP 203.0.113.9", "premium:essay", "DENIED", "NO_ACCESS_RIGHT", PREMIUM_OFFERS))
                .containsPattern(row("2025-05-02 09:00", "visitor v-2, BANK-2025", "premium:essay", "granted",
                        "SPONSORED"))
                .containsPattern(row("2025-05-02 09:00", "visitor v-3, BANK-2025", "premium:essay", "DENIED",
                        "NO_ACCESS_RIGHT", PREMIUM_OFFERS))
                .containsPattern(row("2025-05-03 09:00", "visitor v-1, BANK-2025", "premium:essay", "granted",
                        "SPONSORED"))
                .contains("readers admitted under the bank's budget: 2");
    }

    @Test
    void creditUnlocksChargeOnceAndOpenExactlyWhatWasBought() {
        assertThat(output)
                .contains("dora unlocks longread-7: 1 credit(s) spent, balance 9")
                .contains("dora unlocks longread-7: already held, nothing charged, balance 9")
                .contains("dora unlocks issue-2025-19: 3 credit(s) spent, balance 6")
                .contains("dora unlocks webinars [webinar:session-1, webinar:session-3]: 4 credit(s) spent, balance 2")
                .containsPattern(row("dora", "issue:2025-19/page-3", "granted", "CREDIT_UNLOCK"))
                .containsPattern(row("dora", "webinar:session-1", "granted", "CREDIT_UNLOCK"))
                .containsPattern(row("dora", "webinar:session-2", "DENIED", "NO_ACCESS_RIGHT", PREMIUM_OFFERS));
    }

    @Test
    void blockedItemsAndBlockedCustomersAreDenied() {
        assertThat(output)
                .contains("event ItemBlockChanged: dora item blocked")
                .containsPattern(row("2025-05-06 09:00", "dora", "premium:longread-7", "DENIED", "ACCESS_BLOCKED"))
                .contains("event CustomerBlockChanged: dora blocked")
                .containsPattern(row("2025-05-06 09:00", "dora", "premium:longread-7", "DENIED", "CUSTOMER_BLOCKED"))
                .containsPattern(row("2025-05-06 09:00", "dora", "news:weather", "granted", "FREE_CONTENT"))
                .containsPattern(row("2025-05-06 09:00", "dora", "premium:longread-7", "granted", "CREDIT_UNLOCK"));
    }

    @Test
    void externalGrantAndSinglePurchaseLastTheirTime() {
        assertThat(output)
                .containsPattern(row("2025-05-08 09:00", "fiona", "premium:interview", "granted", "EXTERNAL",
                        "2026-01-01 00:00"))
                .contains("erik buys premium-30-days: a premium item, source SINGLE_PURCHASE, until 2025-06-08 10:00")
                .containsPattern(row("2025-05-09 10:00", "erik", "premium:interview", "granted", "SINGLE_PURCHASE",
                        "2025-06-08 10:00"))
                .containsPattern(row("2025-06-08 10:00", "erik", "premium:interview", "DENIED", "NO_ACCESS_RIGHT",
                        PREMIUM_OFFERS));
    }

    @Test
    void billableUsersAreTheCustomersHoldingAnItemInTheMonth() {
        assertThat(output).contains("2025-04: 1 [anna]")
                .contains("2025-05: 3 [dora, erik, fiona]")
                .contains("2025-06: 3 [dora, erik, fiona]");
    }

    /** Cells of a table row, in order, separated by two or more spaces (empty cells disappear). */
    private static String row(String... cells) {
        return String.join(" {2,}", cells);
    }
}
