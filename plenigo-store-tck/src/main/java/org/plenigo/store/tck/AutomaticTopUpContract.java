package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenigo.core.Plenigo;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.payment.Payment;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.event.EventPublisher;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.wallet.AutomaticTopUpLimit;
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryType;
import org.plenigo.core.wallet.WalletEvent;

/**
 * The automatic top-up of usage-based subscriptions on the store under test: consumptions that need
 * one or several top-ups, charge failures that roll back everything of the consumption, the limit
 * of top-ups in a window, and cancellation.
 */
public abstract class AutomaticTopUpContract extends WalletScenarioFixtures {
    @Test
    void automaticConsumptionNeedingMoreThanTheBalanceTopsUpAsOftenAsNeededThenConsumes() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));

        ConsumptionResult.Consumed consumed = consumed(consume(reader, articles, 12));

        assertThat(consumed.credits()).isEqualTo(12);
        assertThat(consumed.balance()).isEqualTo(3);
        assertThat(consumed.topUps()).hasSize(2);
        assertThat(ledger(reader, articles)).extracting(LedgerEntry::type, LedgerEntry::credits).containsExactly(
                tuple(LedgerEntryType.TOP_UP, 5L), tuple(LedgerEntryType.TOP_UP, 5L),
                tuple(LedgerEntryType.TOP_UP, 5L), tuple(LedgerEntryType.CONSUMPTION, -12L));
        assertThat(charges(reader)).hasSize(3);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void automaticConsumptionThatLeavesZeroAfterItsTopUpsIsRefilledOnceMore() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));

        ConsumptionResult.Consumed consumed = consumed(consume(reader, articles, 15));

        assertThat(consumed.topUps()).as("two to cover it, one refill after it").hasSize(3);
        assertThat(consumed.balance()).isEqualTo(5);
        assertThat(ledgerTypes(reader, articles)).containsExactly(LedgerEntryType.TOP_UP, LedgerEntryType.TOP_UP,
                LedgerEntryType.TOP_UP, LedgerEntryType.CONSUMPTION, LedgerEntryType.TOP_UP);
        assertThat(charges(reader)).hasSize(4);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void automaticTopUpWhoseChargeFailsRefusesWithPaymentFailedAndChangesNothing() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        consumed(consume(reader, articles, 3));
        List<LedgerEntry> ledgerBefore = ledger(reader, articles);
        List<Payment> chargesBefore = charges(reader);
        EventPublisher publisher = mock(EventPublisher.class);
        Plenigo declining = plenigoBuilderFailingCharges("card declined").eventPublisher(publisher).build();

        ConsumptionResult result = declining.wallets().consume(
                ConsumeCredits.of(reader, articles, 4, "article-2", newKey()));

        ConsumptionResult.Refused refused = refused(result);
        assertThat(refused.reason()).isEqualTo(Refusal.PAYMENT_FAILED);
        assertThat(refused.balance()).isEqualTo(2);
        assertThat(refused.detail()).contains("card declined");
        assertThat(balance(reader, articles)).isEqualTo(2);
        assertThat(ledger(reader, articles)).isEqualTo(ledgerBefore);
        assertThat(charges(reader)).isEqualTo(chargesBefore);
        verify(publisher).publish(any(WalletEvent.TopUpFailed.class));
        verify(publisher, never()).publish(any(WalletEvent.CreditsConsumed.class));
        verify(publisher, never()).publish(any(WalletEvent.CreditsToppedUp.class));
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aFailingSecondTopUpRollsBackTheFirstTopUpAndItsCharge() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        List<LedgerEntry> ledgerBefore = ledger(reader, articles);
        int chargedBefore = provider.charges().size();
        provider.always(SimulatedPaymentProvider.succeed(), SimulatedPaymentProvider.decline("card declined"));
        Plenigo secondFails = plenigo;
        events.clear();

        ConsumptionResult result = secondFails.wallets().consume(
                ConsumeCredits.of(reader, articles, 12, "issue-7", newKey()));

        assertThat(refused(result).reason()).isEqualTo(Refusal.PAYMENT_FAILED);
        assertThat(provider.charges()).hasSize(chargedBefore + 2);
        assertThat(ledger(reader, articles)).isEqualTo(ledgerBefore);
        assertThat(charges(reader)).as("the first charge was rolled back with its top-up").hasSize(1);
        assertThat(events.ofType(WalletEvent.CreditsToppedUp.class)).isEmpty();
        assertThat(events.ofType(WalletEvent.CreditsConsumed.class)).isEmpty();
        assertThat(events.ofType(WalletEvent.TopUpFailed.class)).hasSize(1);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aFailedRefillLeavesTheConsumptionStandingAndTheWalletEmpty() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        Plenigo declining = plenigoBuilderFailingCharges("card declined").build();
        events.clear();

        ConsumptionResult.Consumed consumed = consumed(declining.wallets().consume(
                ConsumeCredits.of(reader, articles, 5, "article-3", newKey())));

        assertThat(consumed.balance()).isZero();
        assertThat(consumed.topUps()).isEmpty();
        assertThat(ledgerTypes(reader, articles)).containsExactly(LedgerEntryType.TOP_UP, LedgerEntryType.CONSUMPTION);
        assertThat(charges(reader)).hasSize(1);
        assertThat(events.events()).hasExactlyElementsOfTypes(WalletEvent.CreditsConsumed.class,
                WalletEvent.TopUpFailed.class, WalletEvent.WalletDepleted.class);
        assertThat(events.ofType(WalletEvent.TopUpFailed.class).get(0).reason()).isEqualTo(Refusal.PAYMENT_FAILED);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void automaticTopUpsAreLimitedTo3PerSubscriptionWithin10Minutes() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        for (int i = 1; i <= 3; i++) {
            assertThat(consumed(consume(reader, articles, 5)).topUps()).as("refill %d", i).hasSize(1);
        }
        events.clear();

        ConsumptionResult.Consumed fourth = consumed(consume(reader, articles, 5));
        assertThat(fourth.topUps()).as("the fourth refill is over the limit").isEmpty();
        assertThat(fourth.balance()).isZero();
        assertThat(events.ofType(WalletEvent.TopUpFailed.class)).singleElement()
                .satisfies(failed -> assertThat(failed.reason()).isEqualTo(Refusal.TOP_UP_LIMIT_REACHED));

        clock.advance(Duration.ofMinutes(9));
        List<LedgerEntry> ledgerBefore = ledger(reader, articles);
        ConsumptionResult.Refused refused = refused(consume(reader, articles, 1));
        assertThat(refused.reason()).isEqualTo(Refusal.TOP_UP_LIMIT_REACHED);
        assertThat(refused.balance()).isZero();
        assertThat(ledger(reader, articles)).isEqualTo(ledgerBefore);
        assertThat(charges(reader)).hasSize(4);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        ConsumptionResult.Consumed afterTheWindow = consumed(consume(reader, articles, 1));
        assertThat(afterTheWindow.topUps()).hasSize(1);
        assertThat(afterTheWindow.balance()).isEqualTo(4);
        assertThat(charges(reader)).hasSize(5);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aConsumptionNeedingMoreTopUpsThanTheLimitAllowsIsRefusedAndChangesNothing() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        List<LedgerEntry> ledgerBefore = ledger(reader, articles);

        ConsumptionResult.Refused refused = refused(consume(reader, articles, 25));

        assertThat(refused.reason()).isEqualTo(Refusal.TOP_UP_LIMIT_REACHED);
        assertThat(refused.balance()).isEqualTo(5);
        assertThat(ledger(reader, articles)).isEqualTo(ledgerBefore);
        assertThat(charges(reader)).hasSize(1);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void cancellingAnAutomaticSubscriptionStopsItsRefillsWhileItsCreditsStayUsable() {
        Subscription subscription = subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        plenigo.subscriptions().cancel(subscription.id());

        ConsumptionResult.Consumed consumed = consumed(consume(reader, articles, 5));

        assertThat(consumed.topUps()).isEmpty();
        assertThat(consumed.balance()).isZero();
        assertThat(refused(consume(reader, articles, 1)).reason()).isEqualTo(Refusal.INSUFFICIENT_CREDITS);
        assertThat(charges(reader)).hasSize(1);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aConsumptionNeedingManyTopUpsUnderARaisedLimitIsAppliedAndReplayed() {
        Plenigo raised = plenigoBuilder().automaticTopUpLimit(new AutomaticTopUpLimit(100, Duration.ofMinutes(10)))
                .build();
        subscribe(reader, usageOffer("automatic-1", articles, 1, TopUpPlan.automatic()));
        ConsumeCredits request = ConsumeCredits.of(reader, articles, 60, "webinar-series", key("book-series"));

        ConsumptionResult.Consumed consumed = consumed(raised.wallets().consume(request));

        assertThat(consumed.topUps()).as("59 to cover it, one refill after it").hasSize(60);
        assertThat(consumed.balance()).isEqualTo(1);
        assertThat(raised.wallets().consume(request)).isEqualTo(new ConsumptionResult.Replayed(consumed));
        assertThat(charges(reader)).hasSize(61);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void subscribingSucceedsForAnOfferWithTheLongestAllowedTitle() {
        String title = "Premium-Digitalabo mit allen Artikeln, E-Paper und Archiv ".repeat(4).substring(0, 200);
        OfferId offer = plenigo.catalog().createOffer(Offer.usageBased(OfferId.of("long-title"), title,
                creditContract("long-title-contract", 5), articles, TopUpPlan.automatic())).id();

        SubscriptionResult result = plenigo.subscriptions().subscribe(reader, offer, newKey());

        assertThat(result).isInstanceOf(SubscriptionResult.Subscribed.class);
        assertThat(consumed(consume(reader, articles, 5)).topUps()).hasSize(1);
        assertThat(charges(reader)).hasSize(2).allSatisfy(charge ->
                assertThat(charge.request().description()).startsWith("5 credits: Premium-Digitalabo"));
        assertWalletConsistent(reader, articles);
    }
}
