package org.plenigo.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.wallet.Refusal;

/** A created subscription is read the same way whether it was created now or replayed. */
class SubscriptionResultTest {
    private static final Subscription SUBSCRIPTION = new Subscription(SubscriptionId.of("s-1"), CustomerId.of("anna"),
            OfferId.of("premium-monthly"), SubscriptionStatus.ACTIVE, Instant.parse("2025-04-01T07:00:00Z"),
            Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty());

    @Test
    void theCreatedSubscriptionOfAResultOrItsReplay() {
        SubscriptionResult.Activated activated = new SubscriptionResult.Activated(SUBSCRIPTION, ChargeId.of("ch-1"),
                List.of());

        assertThat(((SubscriptionResult) activated).created()).contains(activated);
        assertThat(new SubscriptionResult.Replayed(activated).created().map(SubscriptionResult.Created::subscription))
                .contains(SUBSCRIPTION);
        assertThat(new SubscriptionResult.Refused(Refusal.PAYMENT_FAILED, "card declined").created()).isEmpty();
    }
}
