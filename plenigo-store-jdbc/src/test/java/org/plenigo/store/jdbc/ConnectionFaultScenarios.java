package org.plenigo.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenigo.core.StorageException;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.time.Interval;
import org.plenigo.core.topup.SchedulerRun;
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryType;
import org.plenigo.core.wallet.TopUpResult;
import org.plenigo.core.payment.Payment;
import org.plenigo.core.payment.PaymentProvider;
import org.plenigo.core.payment.PaymentRequest;
import org.plenigo.core.payment.PaymentResult;
import org.plenigo.core.payment.RefundRequest;
import org.plenigo.core.payment.RefundResult;

/**
 * The database connection is lost in the middle of an operation that moves credits: a
 * consumption, an external top-up, a scheduler run. It is lost two ways: the test data source
 * breaks it at a chosen statement, or the database ends the session from a second connection
 * (PostgreSQL's {@code pg_terminate_backend}, H2's {@code abort_session}) so that the next statement
 * fails for real. Either way nothing of the operation is stored, and sending it again with the same
 * idempotency key applies it exactly once: the balance is the sum of the ledger, and there is one
 * recorded charge per TOP_UP entry. A commit whose answer is lost is answered by a replay of what it
 * stored.
 */
abstract class ConnectionFaultScenarios extends ObservedStoreSupport {
    protected CustomerId reader;
    protected WalletId credits;
    protected FaultyCharges charges;
    private final AtomicInteger sessionsEnded = new AtomicInteger();

    ConnectionFaultScenarios(FaultDatabase database) {
        super(database);
    }

    @BeforeEach
    void createReader() {
        charges = new FaultyCharges(provider);
        plenigo = plenigoBuilder().paymentProvider(charges).build();
        reader = customer("reader");
        // credits that expire, so that every statement a consumption can issue (lots too) is hit
        credits = plenigo.catalog().createWallet(Wallet.of(WalletId.of("credits"), "Credits", Money.of("0.50", "EUR"))
                .withCreditValidity(Interval.years(1))).id();
    }

    /** Statements of the store, told apart by their SQL. */
    enum At {
        DEBIT("update ", "set balance = balance -"),
        CREDIT("update ", "set balance = balance +"),
        LOT_TAKE("update ", "set remaining = remaining -"),
        LOT_INSERT("insert into ", "plenigo_credit_lot ("),
        LEDGER_INSERT("insert into ", "plenigo_ledger_entry ("),
        CHARGE_INSERT("insert into ", "plenigo_payment ("),
        IDEMPOTENCY_INSERT("insert into ", "plenigo_idempotency_record ("),
        SCHEDULE_ADVANCE("update ", "set next_top_up_index = ");

        private final String[] fragments;

        At(String... fragments) {
            this.fragments = fragments;
        }

        boolean matches(String sql) {
            String lower = sql.toLowerCase(Locale.ROOT);
            return Arrays.stream(fragments).allMatch(lower::contains);
        }

        /** The {@code n}-th matching statement from now on. */
        Predicate<String> nth(int n) {
            AtomicInteger seen = new AtomicInteger();
            return sql -> matches(sql) && seen.incrementAndGet() == n;
        }
    }

    // ----- the connection breaks at a chosen statement -----

    @ParameterizedTest(name = "connection broken at {0}")
    @EnumSource(value = At.class, names = {"DEBIT", "LOT_TAKE", "LEDGER_INSERT", "IDEMPOTENCY_INSERT"})
    void aConsumptionCutOffMidwayStoresNothingAndItsRetryAppliesItOnce(At at) {
        externalSubscription();
        ConsumeCredits request = spend(2, "consume-1");
        connections.breakConnectionAt(at::matches);

        assertThatThrownBy(() -> plenigo.wallets().consume(request)).isInstanceOf(StorageException.class)
                .hasCauseInstanceOf(SQLException.class);
        assertBooks(5, 1);
        assertThat(ledgerTypes(reader, credits)).containsExactly(LedgerEntryType.TOP_UP);
        assertThat(tx(() -> store.idempotency().find(request.key()))).as("idempotency record").isEmpty();

        assertConsumedOnceThenReplayed(request, 3);
        assertThat(ledgerTypes(reader, credits)).containsExactly(LedgerEntryType.TOP_UP, LedgerEntryType.CONSUMPTION);
    }

    @ParameterizedTest(name = "connection broken at {0}")
    @EnumSource(value = At.class, names = {"CHARGE_INSERT", "CREDIT", "LOT_INSERT", "LEDGER_INSERT",
            "IDEMPOTENCY_INSERT"})
    void anExternalTopUpCutOffMidwayStoresNothingAndItsRetryAppliesItOnce(At at) {
        Subscription subscription = externalSubscription();
        IdempotencyKey key = key("top-up-1");
        connections.breakConnectionAt(at::matches);

        assertThatThrownBy(() -> plenigo.subscriptions().topUp(subscription.id(), key))
                .isInstanceOf(StorageException.class).hasCauseInstanceOf(SQLException.class);
        assertBooks(5, 1);

        assertToppedUpOnceThenReplayed(subscription, key, 10);
    }

    @ParameterizedTest(name = "connection broken at {0}")
    @EnumSource(value = At.class, names = {"SCHEDULE_ADVANCE", "CHARGE_INSERT", "CREDIT", "LEDGER_INSERT",
            "IDEMPOTENCY_INSERT"})
    void aSchedulerRunCutOffInItsSecondIntervalLeavesThatIntervalDueAndTheNextRunTopsItUpOnce(At at) {
        monthlySubscription();
        clock.set(local("2025-03-20T12:00")); // 15 February and 15 March are due
        connections.breakConnectionAt(at.nth(2));

        assertThat(plenigo.topUps().runDue()).as("first run").isEqualTo(new SchedulerRun(1, 0, 1, 0));
        assertBooks(10, 2);
        assertThat(onlySubscription().nextTopUpIndex()).as("next interval").isEqualTo(2);

        assertSecondRunCompletesTheScheduleOnce();
    }

    // ----- the database ends the session from a second connection -----

    @Test
    void aConsumptionWhoseSessionIsEndedAtTheDebitStoresNothingAndItsRetryAppliesItOnce() {
        externalSubscription();
        ConsumeCredits request = spend(2, "consume-1");
        observed.beforeStatement(At.DEBIT::matches, this::endSession);

        assertThatThrownBy(() -> plenigo.wallets().consume(request)).isInstanceOf(StorageException.class)
                .hasCauseInstanceOf(SQLException.class);
        assertOneSessionEnded();
        assertBooks(5, 1);

        assertConsumedOnceThenReplayed(request, 3);
    }

    @Test
    void aConsumptionWhoseSessionIsEndedRightAfterItsAutomaticTopUpWasChargedStoresNothingAndItsRetryAppliesItOnce() {
        subscribe(reader, usageOffer("automatic-5", credits, 5, TopUpPlan.automatic()));
        ConsumeCredits request = spend(7, "consume-1"); // needs one top-up first
        charges.afterCharge(1, () -> endSession(currentConnection()));

        assertThatThrownBy(() -> plenigo.wallets().consume(request)).isInstanceOf(StorageException.class)
                .hasCauseInstanceOf(SQLException.class);
        assertOneSessionEnded();
        assertBooks(5, 1);

        ConsumptionResult retried = plenigo.wallets().consume(request);
        assertThat(retried).isInstanceOf(ConsumptionResult.Consumed.class);
        ConsumptionResult.Consumed consumed = (ConsumptionResult.Consumed) retried;
        assertThat(consumed.credits()).isEqualTo(7);
        assertThat(consumed.balance()).isEqualTo(3);
        assertThat(consumed.topUps()).hasSize(1);
        assertThat(plenigo.wallets().consume(request)).isEqualTo(new ConsumptionResult.Replayed(consumed));
        assertBooks(3, 2);
    }

    @Test
    void anExternalTopUpWhoseSessionIsEndedRightAfterTheChargeStoresNothingAndItsRetryAppliesItOnce() {
        Subscription subscription = externalSubscription();
        IdempotencyKey key = key("top-up-1");
        charges.afterCharge(1, () -> endSession(currentConnection()));

        assertThatThrownBy(() -> plenigo.subscriptions().topUp(subscription.id(), key))
                .isInstanceOf(StorageException.class).hasCauseInstanceOf(SQLException.class);
        assertBooks(5, 1); // the charge recorded in the ended session went with it

        assertToppedUpOnceThenReplayed(subscription, key, 10);
    }

    @Test
    void aSchedulerRunWhoseSessionIsEndedInItsSecondIntervalLeavesThatIntervalDueAndTheNextRunTopsItUpOnce() {
        monthlySubscription();
        clock.set(local("2025-03-20T12:00"));
        charges.afterCharge(2, () -> endSession(currentConnection()));

        assertThat(plenigo.topUps().runDue()).as("first run").isEqualTo(new SchedulerRun(1, 0, 1, 0));
        assertOneSessionEnded();
        assertBooks(10, 2);

        assertSecondRunCompletesTheScheduleOnce();
    }

    // ----- the commit's answer is lost, or the connection breaks before the commit -----

    @Test
    void aConsumptionWhoseCommitAnswerIsLostIsReplayedWithTheStoredEntryOnRetry() {
        externalSubscription();
        ConsumeCredits request = spend(2, "consume-1");
        connections.breakConnectionAfterNextCommit();

        assertThatThrownBy(() -> plenigo.wallets().consume(request)).isInstanceOf(StorageException.class)
                .hasMessageContaining("outcome is unknown");
        List<LedgerEntry> entries = ledger(reader, credits);
        assertThat(entries).extracting(LedgerEntry::type)
                .as("the commit landed").containsExactly(LedgerEntryType.TOP_UP, LedgerEntryType.CONSUMPTION);
        LedgerEntry consumption = entries.get(1);

        ConsumptionResult retried = plenigo.wallets().consume(request);

        assertThat(retried).isEqualTo(new ConsumptionResult.Replayed(
                new ConsumptionResult.Consumed(consumption.id(), 2, 3, List.of())));
        assertThat(ledger(reader, credits)).isEqualTo(entries);
        assertBooks(3, 1);
    }

    @Test
    void anExternalTopUpWhoseCommitAnswerIsLostIsReplayedWithTheStoredEntryOnRetry() {
        Subscription subscription = externalSubscription();
        IdempotencyKey key = key("top-up-1");
        connections.breakConnectionAfterNextCommit();

        assertThatThrownBy(() -> plenigo.subscriptions().topUp(subscription.id(), key))
                .isInstanceOf(StorageException.class).hasMessageContaining("outcome is unknown");
        LedgerEntry stored = topUps().get(1);

        TopUpResult retried = plenigo.subscriptions().topUp(subscription.id(), key);

        assertThat(retried).isEqualTo(new TopUpResult.Replayed(new TopUpResult.ToppedUp(stored.id(), 5, 10)));
        assertBooks(10, 2);
    }

    @Test
    void aSubscriptionWhoseCommitAnswerIsLostIsReplayedOnRetry() {
        OfferId offer = usageOffer("external-5", credits, 5, TopUpPlan.external());
        IdempotencyKey key = key("subscribe-1");
        connections.breakConnectionAfterNextCommit();

        assertThatThrownBy(() -> plenigo.subscriptions().subscribe(reader, offer, key))
                .isInstanceOf(StorageException.class).hasMessageContaining("outcome is unknown");
        Subscription stored = onlySubscription();

        SubscriptionResult retried = plenigo.subscriptions().subscribe(reader, offer, key);

        assertThat(retried).isEqualTo(new SubscriptionResult.Replayed(
                new SubscriptionResult.Subscribed(stored, topUps().get(0).id(), 5)));
        assertThat(plenigo.subscriptions().findByCustomer(reader)).containsExactly(stored);
        assertBooks(5, 1);
    }

    @Test
    void aSchedulerRunWhoseCommitAnswerIsLostCountsTheIntervalAsFaultyAndTheNextRunDoesNotRepeatIt() {
        monthlySubscription();
        clock.set(local("2025-02-20T12:00"));
        charges.afterCharge(1, connections::breakConnectionAfterNextCommit);

        assertThat(plenigo.topUps().runDue()).as("first run").isEqualTo(new SchedulerRun(0, 0, 1, 0));
        assertBooks(10, 2);

        assertThat(plenigo.topUps().runDue()).as("second run").isEqualTo(new SchedulerRun(0, 0, 0, 0));
        assertBooks(10, 2);
        assertThat(onlySubscription().nextTopUpIndex()).isEqualTo(2);
        assertThat(topUps()).extracting(LedgerEntry::at)
                .containsExactly(local("2025-01-15T10:00"), local("2025-02-15T00:00"));
    }

    @Test
    void aConsumptionCutOffJustBeforeItsCommitIsAppliedOnRetryNotReplayed() {
        externalSubscription();
        ConsumeCredits request = spend(2, "consume-1");
        // the idempotency record is the last statement of the unit of work
        connections.breakConnectionAt(At.IDEMPOTENCY_INSERT::matches);

        assertThatThrownBy(() -> plenigo.wallets().consume(request)).isInstanceOf(StorageException.class)
                .hasMessageNotContaining("outcome is unknown");
        assertBooks(5, 1);

        assertConsumedOnceThenReplayed(request, 3);
    }

    // ----- helpers -----

    /** Ends the session of {@code victim} from a second connection. */
    private void endSession(Connection victim) {
        database.endSessionOf(raw, victim);
        sessionsEnded.incrementAndGet();
    }

    private void assertOneSessionEnded() {
        assertThat(sessionsEnded).as("sessions ended by the database").hasValue(1);
    }

    private Subscription externalSubscription() {
        return subscribe(reader, usageOffer("external-5", credits, 5, TopUpPlan.external()));
    }

    /** Bought at the start, 15 January 10:00 in Berlin: 5 credits, and 5 more on the 15th of each month. */
    private Subscription monthlySubscription() {
        return subscribe(reader, usageOffer("monthly-5", credits, 5, TopUpPlan.every(Interval.months(1))));
    }

    private ConsumeCredits spend(long n, String key) {
        return ConsumeCredits.of(reader, credits, n, "article-1", key(key));
    }

    private Subscription onlySubscription() {
        List<Subscription> subscriptions = plenigo.subscriptions().findByCustomer(reader);
        assertThat(subscriptions).hasSize(1);
        return subscriptions.get(0);
    }

    private List<LedgerEntry> topUps() {
        return ledger(reader, credits).stream().filter(e -> e.type() == LedgerEntryType.TOP_UP).toList();
    }

    private void assertConsumedOnceThenReplayed(ConsumeCredits request, long balanceAfter) {
        ConsumptionResult retried = plenigo.wallets().consume(request);
        assertThat(retried).as("retry").isInstanceOf(ConsumptionResult.Consumed.class);
        ConsumptionResult.Consumed consumed = (ConsumptionResult.Consumed) retried;
        assertThat(consumed.credits()).isEqualTo(request.credits());
        assertThat(consumed.balance()).isEqualTo(balanceAfter);
        assertThat(plenigo.wallets().consume(request)).as("second retry")
                .isEqualTo(new ConsumptionResult.Replayed(consumed));
        assertBooks(balanceAfter, 1);
        assertThat(ledger(reader, credits)).filteredOn(e -> e.type() == LedgerEntryType.CONSUMPTION)
                .singleElement().satisfies(e -> assertThat(e.id()).isEqualTo(consumed.entryId()));
    }

    private void assertToppedUpOnceThenReplayed(Subscription subscription, IdempotencyKey key, long balanceAfter) {
        TopUpResult retried = plenigo.subscriptions().topUp(subscription.id(), key);
        assertThat(retried).as("retry").isInstanceOf(TopUpResult.ToppedUp.class);
        TopUpResult.ToppedUp toppedUp = (TopUpResult.ToppedUp) retried;
        assertThat(toppedUp.credits()).isEqualTo(5);
        assertThat(toppedUp.balance()).isEqualTo(balanceAfter);
        assertThat(plenigo.subscriptions().topUp(subscription.id(), key)).as("second retry")
                .isEqualTo(new TopUpResult.Replayed(toppedUp));
        assertBooks(balanceAfter, 2);
        assertThat(topUps().get(1).id()).isEqualTo(toppedUp.entryId());
    }

    /** After a first run that topped up 15 February only: the next run tops up 15 March once, the one after nothing. */
    private void assertSecondRunCompletesTheScheduleOnce() {
        assertThat(plenigo.topUps().runDue()).as("second run").isEqualTo(new SchedulerRun(1, 0, 0, 0));
        assertThat(plenigo.topUps().runDue()).as("third run").isEqualTo(new SchedulerRun(0, 0, 0, 0));
        assertBooks(15, 3);
        assertThat(topUps()).extracting(LedgerEntry::at).containsExactly(local("2025-01-15T10:00"),
                local("2025-02-15T00:00"), local("2025-03-15T00:00"));
        Subscription subscription = onlySubscription();
        assertThat(subscription.nextTopUpIndex()).isEqualTo(3);
        assertThat(subscription.nextTopUpAt()).contains(local("2025-04-15T00:00"));
    }

    /**
     * The reader's wallet is consistent (balance = sum of the ledger = credits in open lots), holds
     * {@code balance} credits and {@code topUps} TOP_UP entries, and there is exactly one recorded
     * charge per TOP_UP entry, for the same subscription and date, each under its own key.
     */
    private void assertBooks(long balance, int topUps) {
        assertWalletConsistent(reader, credits);
        assertThat(balance(reader, credits)).as("balance").isEqualTo(balance);
        List<LedgerEntry> entries = topUps();
        assertThat(entries).as("TOP_UP entries").hasSize(topUps);
        List<Payment> charged = charges(reader);
        assertThat(charged).as("recorded charges").hasSize(topUps);
        assertThat(charged).extracting(c -> c.request().paysFor() + "@" + c.request().at())
                .as("charges match TOP_UP entries")
                .containsExactlyInAnyOrderElementsOf(entries.stream()
                        .map(e -> e.paidBy().orElseThrow() + "@" + e.at()).toList());
        assertThat(charged).extracting(c -> c.request().key()).doesNotHaveDuplicates();
    }

    /** Charges through the simulated provider, and runs an action right after a chosen charge. */
    static final class FaultyCharges implements PaymentProvider {
        private final PaymentProvider delegate;
        private final AtomicInteger countdown = new AtomicInteger();
        private volatile Runnable action;

        FaultyCharges(PaymentProvider delegate) {
            this.delegate = delegate;
        }

        /** Runs {@code action} right after the {@code n}-th charge from now on, inside the unit of work that asked for it. */
        void afterCharge(int n, Runnable action) {
            countdown.set(n);
            this.action = action;
        }

        @Override
        public PaymentResult charge(PaymentRequest request) {
            PaymentResult outcome = delegate.charge(request);
            Runnable todo = action;
            if (todo != null && countdown.decrementAndGet() == 0) {
                action = null;
                todo.run();
            }
            return outcome;
        }

        @Override
        public RefundResult refund(RefundRequest request) {
            return delegate.refund(request);
        }
    }
}
