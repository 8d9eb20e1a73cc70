package org.plenigo.core.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessRightItemId;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.wallet.Refusal;

/** The items a purchase granted are read the same way whether it was bought now or replayed. */
class PurchaseResultTest {
    @Test
    void theGrantedItemsOfAPurchaseOrItsReplayAndNoneOfARefusal() {
        List<AccessRightItem> items = List.of(AccessRightItem.forRight(AccessRightItemId.of("i-1"),
                CustomerId.of("erik"), AccessRightId.of("premium"), AccessSource.SINGLE_PURCHASE,
                Instant.parse("2025-05-09T08:00:00Z"), Optional.empty(), Optional.of("p-1")));
        PurchaseResult.Purchased purchased = new PurchaseResult.Purchased(new PurchaseId("p-1"), ChargeId.of("ch-1"),
                items);

        assertThat(((PurchaseResult) purchased).grantedItems()).contains(items);
        assertThat(new PurchaseResult.Replayed(purchased).grantedItems()).contains(items);
        assertThat(new PurchaseResult.Refused(Refusal.PAYMENT_FAILED, "card declined").grantedItems()).isEmpty();
    }
}
