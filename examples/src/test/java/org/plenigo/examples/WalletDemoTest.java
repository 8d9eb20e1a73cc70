package org.plenigo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the wallet demo as {@code exec:java} does and checks the balances and outcomes it promises. */
class WalletDemoTest {
    private static String output;

    @BeforeAll
    static void runDemo() throws Exception {
        output = Console.output(() -> WalletDemo.main(new String[0]));
    }

    @Test
    void automaticTopUpRefillsWhenTheCreditsAreUsedUp() {
        assertThat(output)
                .contains("2025-01-06 09:00  anna buys pass-automatic (order-1001): balance 5")
                .contains("2025-01-20 07:30  anna spends 1 on article:1004: balance 1")
                .contains("2025-01-27 07:30  anna spends 1 on article:1005: balance 5 (after 1 automatic top-up)");
    }

    @Test
    void theLimitStopsTheFourthAutomaticTopUpInTenMinutes() {
        assertThat(output)
                .contains("2025-02-03 22:03  ben spends 5 on issue:2025-03: balance 5 (after 1 automatic top-up)")
                .contains("2025-02-03 22:04  ben spends 5 on issue:2025-04: balance 0")
                .contains("2025-02-03 22:05  ben spends 5 on issue:2025-05: REFUSED TOP_UP_LIMIT_REACHED, balance"
                        + " stays 0")
                .contains("2025-02-03 22:12  ben spends 1 on article:2002: balance 4 (after 1 automatic top-up)");
    }

    @Test
    void aDeclinedChargeRefusesTheConsumptionAndANewKeyRetries() {
        assertThat(output)
                .contains("clara spends 3 on webinar:data-journalism/sessions-4-6: REFUSED PAYMENT_FAILED, balance"
                        + " stays 2 (card expired)")
                .contains("2025-03-21 08:00  clara spends 3 on webinar:data-journalism/sessions-4-6: balance 4"
                        + " (after 1 automatic top-up)");
    }

    @Test
    void anExternalTopUpAddsOnceForARedeliveredEvent() {
        assertThat(output)
                .contains("daniel spends 1 on article:3001: REFUSED INSUFFICIENT_CREDITS, balance stays 0")
                .contains("topUp(daniel's subscription, key shop-order-4711): topped up 5, balance 5")
                .contains("topUp(daniel's subscription, key shop-order-4711): key seen before, nothing changed,"
                        + " balance 5 (as reported the first time)")
                .contains("2025-04-16 20:00  daniel spends 1 on article:3001: balance 4");
    }

    @Test
    void timeBasedTopUpsAddCreditsEachMonthAndCatchUpOncePerMissedMonth() {
        assertThat(output)
                .contains("2025-06-01 00:00  scheduler run: 1 interval(s) topped up, 0 failed")
                .contains("eva now has 9 credits: 4 unused (they do not expire) + 5 for June; next top-up"
                        + " 2025-07-01 00:00")
                .contains("2025-09-01 12:00  scheduler run: 3 interval(s) topped up, 0 failed")
                .contains("2025-09-01 12:05  scheduler run: 0 interval(s) topped up, 0 failed")
                .contains("2025-09-01 12:05  eva now has 24 credits");
    }

    @Test
    void theFinalBalances() {
        assertThat(output).containsPattern("anna +pass-automatic +5 credits")
                .containsPattern("ben +pass-automatic +4 credits")
                .containsPattern("clara +pass-automatic +4 credits")
                .containsPattern("daniel +pass-external +4 credits")
                .containsPattern("eva +pass-monthly +24 credits");
    }

    @Test
    void everyChargedTopUpIsInvoicedAndTheFirstInvoiceIsPrinted() {
        assertThat(output)
                .contains("2025-01-06 09:00  anna buys pass-automatic (order-1001): balance 5\n"
                        + " ".repeat(18) + "invoice RE-2025-000001 issued: 4.90 EUR")
                .contains("=== The invoice of anna's first top-up (2 invoices in all) ===")
                .contains("Invoice number / Rechnungsnummer: RE-2025-000001")
                .contains("Anna Becker\n" + " ".repeat(18) + "Lesergasse 1\n" + " ".repeat(18) + "10115 Berlin")
                .contains("7 %: net / Entgelt 4.58 EUR, tax / Steuerbetrag 0.32 EUR, gross / Bruttobetrag 4.90 EUR");
    }
}
