package org.plenigo.core.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The variants of a wallet operation's result answer the common question without a cast. */
class WalletResultsTest {
    private static final LedgerEntryId ENTRY = LedgerEntryId.of("entry-1");

    @Test
    void everyConsumptionResultReportsItsBalanceAndAReplayTheFirstOne() {
        ConsumptionResult.Consumed consumed = new ConsumptionResult.Consumed(ENTRY, 1, 4, List.of());
        ConsumptionResult refused = new ConsumptionResult.Refused(Refusal.INSUFFICIENT_CREDITS, 2, "needs 3");
        ConsumptionResult replayed = new ConsumptionResult.Replayed(consumed);

        assertThat(((ConsumptionResult) consumed).balance()).isEqualTo(4);
        assertThat(refused.balance()).isEqualTo(2);
        assertThat(replayed.balance()).isEqualTo(4);
    }

    @Test
    void aTopUpMadeNowOrReplayedIsReadTheSameWayAndARefusalHasNone() {
        TopUpResult.ToppedUp toppedUp = new TopUpResult.ToppedUp(ENTRY, 5, 7);
        TopUpResult refused = new TopUpResult.Refused(Refusal.PAYMENT_FAILED, "card declined");

        assertThat(((TopUpResult) toppedUp).toppedUp()).contains(toppedUp);
        assertThat(new TopUpResult.Replayed(toppedUp).toppedUp()).contains(toppedUp);
        assertThat(refused.toppedUp()).isEmpty();
    }
}
