package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.time.Interval;

/**
 * A customer holds a time-based offer at most once at a time unless the offer allows several: a
 * second subscription while the first is active is refused before anything is charged.
 */
public abstract class OfferHoldingContract extends StoreContractSupport {
    private CustomerId reader;
    private AccessRightId premium;

    @BeforeEach
    void createCatalog() {
        reader = customer("reader-1");
        premium = hardRight("premium");
    }

    @Test
    void aSecondSubscriptionToAHeldTimeBasedOfferIsRefusedAndChargesNothing() {
        OfferId offer = timeBasedOffer("monthly", Interval.months(1), premium);
        activate(reader, offer);

        assertRefused(() -> plenigo.subscriptions().subscribe(reader, offer, newKey()), ConflictException.class,
                ErrorCode.ALREADY_SUBSCRIBED, "reader-1", "monthly");

        assertThat(plenigo.subscriptions().findByCustomer(reader)).hasSize(1);
        assertThat(chargedAmounts(reader)).containsExactly(ACCESS_PRICE);
    }

    @Test
    void afterCancellingTheCustomerMaySubscribeAgain() {
        OfferId offer = timeBasedOffer("monthly", Interval.months(1), premium);
        Subscription first = activate(reader, offer).subscription();
        plenigo.subscriptions().cancel(first.id());

        activate(reader, offer);

        assertThat(plenigo.subscriptions().findByCustomer(reader)).hasSize(2);
    }

    @Test
    void anOfferThatAllowsSeveralIsSubscribedTwice() {
        ProductContractId contract = accessContract("gift-contract", Interval.months(1));
        OfferId offer = plenigo.catalog().createOffer(Offer.timeBased(OfferId.of("gift"), "Gift", contract,
                Set.of(premium)).allowingSeveral()).id();

        activate(reader, offer);
        activate(reader, offer);

        assertThat(plenigo.subscriptions().findByCustomer(reader)).hasSize(2);
        assertThat(chargedAmounts(reader)).containsExactly(ACCESS_PRICE, ACCESS_PRICE);
    }

    @Test
    void whetherAnOfferAllowsSeveralReadsBack() {
        ProductContractId contract = accessContract("c", Interval.months(1));
        Offer several = Offer.timeBased(OfferId.of("several"), "Several", contract, Set.of(premium)).allowingSeveral();
        Offer once = Offer.timeBased(OfferId.of("once"), "Once", contract, Set.of(premium));
        plenigo.catalog().createOffer(several);
        plenigo.catalog().createOffer(once);

        assertThat(tx(() -> store.offers().find(several.id()))).contains(several);
        assertThat(tx(() -> store.offers().find(once.id()))).hasValueSatisfying(o -> assertThat(o.allowsSeveral())
                .isFalse());
    }
}
