package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenigo.core.Plenigo;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.payment.Payment;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.event.DomainEvent;
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryType;
import org.plenigo.core.wallet.WalletEvent;

/**
 * A service called inside a transaction its caller opened ({@code store.transactions().inTransaction}
 * around the call, with writes of the caller's own before and after it): the service's unit of work
 * is nested and rolls back alone. A refused operation and the aborted attempt of a lost race leave
 * nothing of themselves in the caller's transaction, which stays usable; the caller's own writes
 * are committed or rolled back as the caller decides; events are published only for what the
 * outermost transaction committed, and only once it has.
 */
public abstract class NestedUnitOfWorkContract extends StoreContractSupport {
    private static final CustomerId OWN_BEFORE = CustomerId.of("callers-own-before");
    private static final CustomerId OWN_AFTER = CustomerId.of("callers-own-after");

    private CustomerId reader;
    private WalletId articles;

    @BeforeEach
    void createReaderAndWallet() {
        reader = customer("reader-1");
        articles = wallet("article-credits");
    }

    @Test
    void aConsumptionRefusedForADeclinedSecondTopUpLeavesNothingOfItselfInTheCallersTransaction() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        List<LedgerEntry> ledgerBefore = ledger(reader, articles);
        List<Payment> chargesBefore = charges(reader);
        Plenigo secondChargeDeclined = secondChargeDeclined();
        events.clear();
        List<DomainEvent> publishedInside = new ArrayList<>();

        ConsumptionResult result = tx(() -> {
            store.customers().insert(callersOwn(OWN_BEFORE));
            ConsumptionResult refused = secondChargeDeclined.wallets().consume(
                    ConsumeCredits.of(reader, articles, 12, "issue-7", newKey()));
            store.customers().insert(callersOwn(OWN_AFTER));
            publishedInside.addAll(events.events());
            return refused;
        });

        assertThat(result).isInstanceOf(ConsumptionResult.Refused.class);
        assertThat(((ConsumptionResult.Refused) result).reason()).isEqualTo(Refusal.PAYMENT_FAILED);
        assertThat(ledger(reader, articles)).as("the first top-up was rolled back with the refusal")
                .isEqualTo(ledgerBefore);
        assertThat(charges(reader)).as("the first top-up's charge was rolled back with it").isEqualTo(chargesBefore);
        assertThat(balance(reader, articles)).isEqualTo(5);
        assertCallersOwnWritesStored(true);
        assertThat(publishedInside).as("published before the caller committed").isEmpty();
        assertThat(events.ofType(WalletEvent.TopUpFailed.class)).hasSize(1);
        assertThat(events.ofType(WalletEvent.CreditsToppedUp.class)).isEmpty();
        assertThat(events.ofType(WalletEvent.CreditsConsumed.class)).isEmpty();
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aRefusedConsumptionInACallersTransactionThatRollsBackPublishesNothing() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        List<LedgerEntry> ledgerBefore = ledger(reader, articles);
        Plenigo secondChargeDeclined = secondChargeDeclined();
        events.clear();
        RuntimeException callerFails = new RuntimeException("the caller rolls back");

        assertThatThrownBy(() -> txRun(() -> {
            store.customers().insert(callersOwn(OWN_BEFORE));
            assertThat(secondChargeDeclined.wallets().consume(ConsumeCredits.of(reader, articles, 12, "issue-7",
                    newKey()))).isInstanceOf(ConsumptionResult.Refused.class);
            store.customers().insert(callersOwn(OWN_AFTER));
            throw callerFails;
        })).isSameAs(callerFails);

        assertThat(ledger(reader, articles)).isEqualTo(ledgerBefore);
        assertCallersOwnWritesStored(false);
        assertThat(events.events()).isEmpty();
        assertWalletConsistent(reader, articles);
    }

    /**
     * The same consumption again, inside the caller's transaction: its first attempt does not look
     * the key up, debits and writes its ledger entry, then loses the race for the key to the first
     * consumption. The attempt is rolled back to its savepoint and the retry answers with a replay.
     */
    @Test
    void aLostRaceInsideTheCallersTransactionLeavesNothingOfTheAbortedAttempt() {
        plenigo.wallets().grant(reader, articles, 10, "welcome", newKey());
        ConsumeCredits request = ConsumeCredits.of(reader, articles, 2, "article-1", key("consume-once"));
        ConsumptionResult first = plenigo.wallets().consume(request);
        assertThat(first).isInstanceOf(ConsumptionResult.Consumed.class);
        events.clear();

        ConsumptionResult again = tx(() -> {
            store.customers().insert(callersOwn(OWN_BEFORE));
            ConsumptionResult replay = plenigo.wallets().consume(request);
            store.customers().insert(callersOwn(OWN_AFTER));
            return replay;
        });

        assertThat(again).isEqualTo(new ConsumptionResult.Replayed((ConsumptionResult.Consumed) first));
        assertThat(balance(reader, articles)).as("debited once").isEqualTo(8);
        assertThat(ledgerTypes(reader, articles)).containsExactly(LedgerEntryType.GRANT, LedgerEntryType.CONSUMPTION);
        assertCallersOwnWritesStored(true);
        assertThat(events.events()).as("the aborted attempt's events").isEmpty();
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aConsumptionInsideTheCallersTransactionIsPublishedOnceItCommitsAndNeverIfItRollsBack() {
        plenigo.wallets().grant(reader, articles, 10, "welcome", newKey());
        events.clear();
        List<DomainEvent> publishedInside = new ArrayList<>();

        txRun(() -> {
            store.customers().insert(callersOwn(OWN_BEFORE));
            assertThat(consume(reader, articles, 3)).isInstanceOf(ConsumptionResult.Consumed.class);
            publishedInside.addAll(events.events());
        });
        RuntimeException callerFails = new RuntimeException("the caller rolls back");
        assertThatThrownBy(() -> txRun(() -> {
            assertThat(consume(reader, articles, 4)).isInstanceOf(ConsumptionResult.Consumed.class);
            store.customers().insert(callersOwn(OWN_AFTER));
            throw callerFails;
        })).isSameAs(callerFails);

        assertThat(publishedInside).isEmpty();
        assertThat(events.ofType(WalletEvent.CreditsConsumed.class)).extracting(WalletEvent.CreditsConsumed::credits)
                .containsExactly(3L);
        assertThat(balance(reader, articles)).isEqualTo(7);
        assertThat(tx(() -> store.customers().find(OWN_BEFORE))).isPresent();
        assertThat(tx(() -> store.customers().find(OWN_AFTER))).isEmpty();
        assertWalletConsistent(reader, articles);
    }

    // ----- fixtures -----

    /** A Plenigo on this test's store whose first charge is recorded and whose second is declined. */
    private Plenigo secondChargeDeclined() {
        provider.always(SimulatedPaymentProvider.succeed(), SimulatedPaymentProvider.decline("card declined"));
        return plenigo;
    }

    private static Customer callersOwn(CustomerId id) {
        return Customer.of(id, id.value() + "@example.org", "Caller's own", "DE");
    }

    private void assertCallersOwnWritesStored(boolean stored) {
        assertThat(tx(() -> store.customers().find(OWN_BEFORE).isPresent())).as("caller's write before the call")
                .isEqualTo(stored);
        assertThat(tx(() -> store.customers().find(OWN_AFTER).isPresent())).as("caller's write after the call")
                .isEqualTo(stored);
    }
}
