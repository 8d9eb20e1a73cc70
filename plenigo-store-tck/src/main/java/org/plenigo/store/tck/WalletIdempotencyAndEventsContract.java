package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.Plenigo;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.event.DomainEvent;
import org.plenigo.core.event.EventPublisher;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.invoice.InvoiceEvent;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.core.wallet.CreditsAdded;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryId;
import org.plenigo.core.wallet.TopUpResult;
import org.plenigo.core.wallet.WalletEvent;

/**
 * Replays and events of the wallet operations on the store under test: a replayed request returns
 * its first result and changes nothing, a key reused with other content is refused, a refused
 * consumption is not recorded; events are published only after their change is stored, and a
 * failing publisher undoes nothing.
 */
public abstract class WalletIdempotencyAndEventsContract extends WalletScenarioFixtures {
    // ----- idempotency -----

    @Test
    void aReplayedConsumptionReturnsTheFirstResultAndChangesNothing() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        ConsumeCredits request = ConsumeCredits.of(reader, articles, 5, "article-9", key("read-article-9"));
        ConsumptionResult.Consumed first = consumed(plenigo.wallets().consume(request));
        List<LedgerEntry> ledgerAfterFirst = ledger(reader, articles);
        events.clear();

        clock.advance(Duration.ofMinutes(1));
        ConsumptionResult again = plenigo.wallets().consume(request);

        assertThat(again).isEqualTo(new ConsumptionResult.Replayed(first));
        assertThat(ledger(reader, articles)).isEqualTo(ledgerAfterFirst);
        assertThat(charges(reader)).hasSize(2);
        assertThat(events.events()).isEmpty();
        assertWalletConsistent(reader, articles);
    }

    @Test
    void replayedSubscribeTopUpAndGrantReturnTheFirstResultAndChangeNothing() {
        OfferId offer = usageOffer("external-5", articles, 5, TopUpPlan.external());
        SubscriptionResult first = plenigo.subscriptions().subscribe(reader, offer, key("order-1"));
        assertThat(first).isInstanceOf(SubscriptionResult.Subscribed.class);
        Subscription subscription = ((SubscriptionResult.Subscribed) first).subscription();
        TopUpResult topUp = plenigo.subscriptions().topUp(subscription.id(), key("event-1"));
        CreditsAdded grant = plenigo.wallets().grant(reader, articles, 2, "apology", key("grant-1"));
        List<LedgerEntry> ledgerBefore = ledger(reader, articles);
        events.clear();

        assertThat(plenigo.subscriptions().subscribe(reader, offer, key("order-1")))
                .isEqualTo(new SubscriptionResult.Replayed((SubscriptionResult.Subscribed) first));
        assertThat(plenigo.subscriptions().topUp(subscription.id(), key("event-1")))
                .isEqualTo(new TopUpResult.Replayed((TopUpResult.ToppedUp) topUp));
        assertThat(plenigo.wallets().grant(reader, articles, 2, "apology", key("grant-1")))
                .isEqualTo(new CreditsAdded(grant.entryId(), 2, grant.balance(), true));

        assertThat(plenigo.subscriptions().findByCustomer(reader)).containsExactly(subscription);
        assertThat(ledger(reader, articles)).isEqualTo(ledgerBefore);
        assertThat(balance(reader, articles)).isEqualTo(12);
        assertThat(charges(reader)).hasSize(2);
        assertThat(events.events()).isEmpty();
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aKeyReusedWithOtherContentIsRefusedAndChangesNothing() {
        OfferId offer = usageOffer("external-5", articles, 5, TopUpPlan.external());
        subscribe(reader, offer);
        IdempotencyKey key = key("reused-key");
        consumed(plenigo.wallets().consume(ConsumeCredits.of(reader, articles, 3, "article-1", key)));
        List<LedgerEntry> ledgerBefore = ledger(reader, articles);

        List<Runnable> reuses = List.of(
                () -> plenigo.wallets().consume(ConsumeCredits.of(reader, articles, 2, "article-1", key)),
                () -> plenigo.wallets().consume(ConsumeCredits.of(reader, articles, 3, "article-2", key)),
                () -> plenigo.wallets().grant(reader, articles, 3, "goodwill", key),
                () -> plenigo.subscriptions().subscribe(reader, offer, key));
        for (Runnable reuse : reuses) {
            assertThatThrownBy(reuse::run).isInstanceOfSatisfying(ConflictException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED))
                    .hasMessageContaining("reused-key");
        }

        assertThat(ledger(reader, articles)).isEqualTo(ledgerBefore);
        assertThat(balance(reader, articles)).isEqualTo(2);
        assertThat(plenigo.subscriptions().findByCustomer(reader)).hasSize(1);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aRefusedConsumptionIsNotRecordedUnderItsKey() {
        Subscription subscription = subscribe(reader, usageOffer("external-5", articles, 5, TopUpPlan.external()));
        ConsumeCredits request = ConsumeCredits.of(reader, articles, 8, "webinar-3", key("book-webinar-3"));
        assertThat(refused(plenigo.wallets().consume(request)).reason()).isEqualTo(Refusal.INSUFFICIENT_CREDITS);

        plenigo.subscriptions().topUp(subscription.id(), newKey());

        assertThat(plenigo.wallets().consume(request)).isInstanceOfSatisfying(ConsumptionResult.Consumed.class,
                c -> assertThat(c.balance()).isEqualTo(2));
        assertWalletConsistent(reader, articles);
    }

    // ----- events -----

    @Test
    void eventsArePublishedOnlyAfterTheirChangeIsStored() throws Exception {
        ExecutorService observer = Executors.newSingleThreadExecutor();
        List<String> problems = new CopyOnWriteArrayList<>();
        List<DomainEvent> published = new CopyOnWriteArrayList<>();
        try {
            EventPublisher checking = event -> {
                published.add(event);
                entryOf(event).ifPresent(entryId -> {
                    Future<Optional<LedgerEntry>> seen = observer.submit(() -> tx(() -> store.ledger().find(entryId)));
                    try {
                        if (seen.get(5, TimeUnit.SECONDS).isEmpty()) {
                            problems.add(event + " published before its ledger entry was committed");
                        }
                    } catch (Exception e) {
                        problems.add(event + " published while its unit of work was still open: " + e);
                    }
                });
            };
            Plenigo observed = plenigoBuilder().eventPublisher(checking).build();
            OfferId offer = usageOffer("automatic-5", articles, 5, TopUpPlan.automatic());

            observed.subscriptions().subscribe(reader, offer, newKey());
            observed.wallets().consume(ConsumeCredits.of(reader, articles, 5, "article-1", newKey()));
            observed.wallets().grant(reader, articles, 2, "goodwill", newKey());
        } finally {
            observer.shutdownNow();
        }

        assertThat(problems).isEmpty();
        // each charged top-up issues its invoice first, in the same unit of work
        assertThat(published).hasExactlyElementsOfTypes(InvoiceEvent.Issued.class, WalletEvent.CreditsToppedUp.class,
                WalletEvent.CreditsConsumed.class, InvoiceEvent.Issued.class, WalletEvent.CreditsToppedUp.class,
                WalletEvent.CreditsGranted.class);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aFailingEventPublisherDoesNotUndoTheChange() {
        Plenigo throwing = plenigoBuilder().eventPublisher(event -> {
            throw new IllegalStateException("subscriber down");
        }).build();
        plenigo.wallets().grant(reader, articles, 3, "goodwill", newKey());

        ConsumptionResult result = throwing.wallets().consume(
                ConsumeCredits.of(reader, articles, 2, "article-1", newKey()));

        assertThat(consumed(result).balance()).isEqualTo(1);
        assertThat(balance(reader, articles)).isEqualTo(1);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aRefusedConsumptionPublishesNoCreditsConsumed() {
        EventPublisher publisher = mock(EventPublisher.class);
        Plenigo observed = plenigoBuilder().eventPublisher(publisher).build();
        plenigo.wallets().grant(reader, articles, 3, "goodwill", newKey());

        ConsumptionResult result = observed.wallets().consume(
                ConsumeCredits.of(reader, articles, 4, "article-1", newKey()));

        assertThat(refused(result).reason()).isEqualTo(Refusal.INSUFFICIENT_CREDITS);
        verify(publisher, never()).publish(any(WalletEvent.CreditsConsumed.class));
        assertThat(balance(reader, articles)).isEqualTo(3);
        assertWalletConsistent(reader, articles);
    }

    // ----- helpers -----

    private static Optional<LedgerEntryId> entryOf(DomainEvent event) {
        if (event instanceof WalletEvent.CreditsToppedUp e) {
            return Optional.of(e.entryId());
        } else if (event instanceof WalletEvent.CreditsConsumed e) {
            return Optional.of(e.entryId());
        } else if (event instanceof WalletEvent.CreditsGranted e) {
            return Optional.of(e.entryId());
        } else if (event instanceof WalletEvent.CreditsReversed e) {
            return Optional.of(e.entryId());
        } else if (event instanceof WalletEvent.CreditsExpired e) {
            return Optional.of(e.entryId());
        }
        return Optional.empty();
    }
}
