package org.plenigo.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenigo.store.tck.StoreContractSupport.SELLER;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.Plenigo;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.TopUpType;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionId;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.subscription.SubscriptionStatus;
import org.plenigo.core.time.Interval;
import org.plenigo.core.topup.SchedulerRun;
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.core.wallet.CreditLot;
import org.plenigo.core.wallet.CreditsAdded;
import org.plenigo.core.wallet.CustomerWallet;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryId;
import org.plenigo.core.wallet.LedgerEntryType;
import org.plenigo.core.wallet.TopUpResult;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.plenigo.core.payment.Payment;
import org.plenigo.core.payment.PaymentStatus;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Random sequences of wallet operations against a fresh in-memory store, checking the bookkeeping
 * rules after every step: balances equal the sum of their ledger and (for credits that expire) of their open credit lots,
 * never go negative, ledgers are numbered without gaps, every key is applied once, a replay changes
 * nothing, and time-based top-ups happen exactly once per elapsed interval.
 */
class WalletPropertiesTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final List<CustomerId> CUSTOMERS = List.of(CustomerId.of("anna"), CustomerId.of("ben"));
    private static final WalletId PLAIN = WalletId.of("plain");
    private static final WalletId EXPIRING = WalletId.of("expiring");
    private static final List<WalletId> WALLETS = List.of(PLAIN, EXPIRING);
    private static final Interval VALIDITY = Interval.days(10);

    private record OfferSpec(OfferId id, WalletId wallet, TopUpPlan plan, long credits) {
    }

    private static final List<OfferSpec> OFFERS = List.of(
            new OfferSpec(OfferId.of("auto-plain"), PLAIN, TopUpPlan.automatic(), 3),
            new OfferSpec(OfferId.of("external-plain"), PLAIN, TopUpPlan.external(), 5),
            new OfferSpec(OfferId.of("monthly-plain"), PLAIN, TopUpPlan.every(Interval.months(1)), 5),
            new OfferSpec(OfferId.of("auto-expiring"), EXPIRING, TopUpPlan.automatic(), 3),
            new OfferSpec(OfferId.of("external-expiring"), EXPIRING, TopUpPlan.external(), 3),
            new OfferSpec(OfferId.of("weekly-expiring"), EXPIRING, TopUpPlan.every(Interval.weeks(1)), 5),
            new OfferSpec(OfferId.of("three-daily-plain"), PLAIN, TopUpPlan.every(Interval.days(3)), 3));

    private enum Kind { SUBSCRIBE, CONSUME, EXTERNAL_TOP_UP, GRANT, ADVANCE, REPLAY, REUSE_KEY, CANCEL, REVERSE }

    /** One step; {@code a}, {@code b}, {@code c} pick its arguments. */
    private record Op(Kind kind, int a, int b, int c) {
        @Override
        public String toString() {
            return kind + "(" + a + "," + b + "," + c + ")";
        }
    }

    @Test
    void bookkeepingHoldsAfterEveryStepOfRandomOperations() {
        qt().withExamples(300).withShrinkCycles(200)
                .forAll(starts(), longs().all(), operations())
                .checkAssert((start, seed, ops) -> new Run(start, seed).execute(ops));
    }

    /** Start instants in Berlin, half of them on the 28th to 31st, where calendar months are uneven. */
    private static Gen<Instant> starts() {
        Gen<LocalDate> months = integers().between(0, 35).map(m -> LocalDate.of(2024, 1, 1).plusMonths(m));
        Gen<Integer> days = Generate.oneOf(integers().between(1, 31), integers().between(28, 31));
        Gen<LocalDate> dates = months.zip(days, (month, day) -> month.withDayOfMonth(Math.min(day, month.lengthOfMonth())));
        Gen<Long> nanoOfDay = longs().between(0, Duration.ofDays(1).toNanos() - 1);
        return dates.zip(nanoOfDay, (date, nanos) -> date.atTime(LocalTime.ofNanoOfDay(nanos)).atZone(BERLIN).toInstant());
    }

    private static Gen<List<Op>> operations() {
        Gen<Kind> kinds = Generate.frequency(List.of(
                Pair.of(4, Generate.constant(Kind.SUBSCRIBE)),
                Pair.of(10, Generate.constant(Kind.CONSUME)),
                Pair.of(2, Generate.constant(Kind.EXTERNAL_TOP_UP)),
                Pair.of(2, Generate.constant(Kind.GRANT)),
                Pair.of(4, Generate.constant(Kind.ADVANCE)),
                Pair.of(3, Generate.constant(Kind.REPLAY)),
                Pair.of(1, Generate.constant(Kind.REUSE_KEY)),
                Pair.of(1, Generate.constant(Kind.CANCEL)),
                Pair.of(2, Generate.constant(Kind.REVERSE))));
        Gen<Integer> pick = integers().between(0, 999);
        return lists().of(kinds.zip(pick, pick, pick, Op::new)).ofSizeBetween(1, 50);
    }

    /** A clock the test moves forward. */
    private static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return BERLIN;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the test clock stays in " + BERLIN);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /**
     * A simulated provider that declines a random fifth of the charge keys it sees (it answers a
     * key it has seen as it did the first time) and lets the others succeed.
     */
    private static SimulatedPaymentProvider flakyProvider(long seed) {
        Random random = new Random(seed);
        return new SimulatedPaymentProvider().script(request -> random.nextInt(5) == 0,
                SimulatedPaymentProvider.decline("card declined"));
    }

    /** An operation that was applied under a key, so it can be sent again. */
    private record Applied(IdempotencyKey key, String what, Runnable replay) {
    }

    /** Everything an operation can change, as the public API and the store's ports show it. */
    private record Snapshot(Map<String, Optional<CustomerWallet>> wallets, Map<String, List<LedgerEntry>> ledgers,
                            Map<String, List<CreditLot>> lots, List<Payment> charges,
                            List<Subscription> subscriptions) {
    }

    private static final class Run {
        private final TestClock clock;
        private final MemoryStore store = new MemoryStore();
        private final SimulatedPaymentProvider charges;
        private final Plenigo plenigo;
        private final Random random;
        private final List<SubscriptionId> subscriptions = new ArrayList<>();
        private final List<Applied> applied = new ArrayList<>();
        private final Map<IdempotencyKey, Integer> entriesPerKey = new HashMap<>();
        private final List<LedgerEntry> consumptions = new ArrayList<>();
        private final Set<LedgerEntryId> reversed = new HashSet<>();
        private final List<String> trace = new ArrayList<>();
        private int keys;

        Run(Instant start, long seed) {
            this.clock = new TestClock(start);
            this.random = new Random(seed);
            this.charges = flakyProvider(seed);
            this.plenigo = Plenigo.builder().seller(SELLER)
                    .store(store).clock(clock).paymentProvider(charges).zone(BERLIN).build();
            var catalog = plenigo.catalog();
            catalog.createWallet(Wallet.of(PLAIN, "Article credits", Money.of("1.00", "EUR")));
            catalog.createWallet(Wallet.of(EXPIRING, "Webinar credits", Money.of("0.90", "EUR"))
                    .withCreditValidity(VALIDITY));
            for (OfferSpec offer : OFFERS) {
                ProductContractId contract = ProductContractId.of("contract-" + offer.id());
                catalog.createProductContract(ProductContract.creditBased(contract, offer.credits() + " credits",
                        Money.of("2.99", "EUR").times(offer.credits()), TaxType.DIGITAL_PRODUCT, offer.credits()));
                catalog.createOffer(Offer.usageBased(offer.id(), "Offer " + offer.id(), contract, offer.wallet(),
                        offer.plan()));
            }
            for (CustomerId customer : CUSTOMERS) {
                plenigo.customers().register(Customer.of(customer, customer + "@example.org", customer.value(), "DE"));
                plenigo.paymentMethods().add(customer, SimulatedPaymentProvider.testCard(), true,
                        IdempotencyKey.of("card-" + customer));
            }
        }

        void execute(List<Op> ops) {
            checkInvariants();
            for (Op op : ops) {
                trace.add(op + " at " + clock.instant());
                try {
                    step(op);
                    checkInvariants();
                } catch (AssertionError e) {
                    throw new AssertionError("after " + String.join(", ", trace) + ": " + e.getMessage(), e);
                }
            }
        }

        private void step(Op op) {
            switch (op.kind()) {
                case SUBSCRIBE -> subscribe(CUSTOMERS.get(op.a() % CUSTOMERS.size()), OFFERS.get(op.b() % OFFERS.size()));
                case CONSUME -> consume(op.a(), op.b(), 1 + op.c() % 8);
                case EXTERNAL_TOP_UP -> externalTopUp(op.a());
                case GRANT -> grant(CUSTOMERS.get(op.a() % CUSTOMERS.size()), WALLETS.get(op.b() % WALLETS.size()),
                        1 + op.c() % 10);
                case ADVANCE -> advance(op.a(), op.b(), op.c() % 3 != 0);
                case REPLAY -> replay(op.a());
                case REUSE_KEY -> reuseKey(op.a());
                case CANCEL -> cancel(op.a());
                case REVERSE -> reverse(op.a());
            }
        }

        private IdempotencyKey newKey() {
            return IdempotencyKey.of("op-" + ++keys);
        }

        private void subscribe(CustomerId customer, OfferSpec offer) {
            IdempotencyKey key = newKey();
            Snapshot before = snapshot();
            long balanceBefore = balance(customer, offer.wallet());
            int chargesBefore = before.charges().size();
            SubscriptionResult result = plenigo.subscriptions().subscribe(customer, offer.id(), key);
            if (result instanceof SubscriptionResult.Subscribed subscribed) {
                Subscription subscription = subscribed.subscription();
                assertThat(subscription.status()).isEqualTo(SubscriptionStatus.ACTIVE);
                assertThat(subscription.startedAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS));
                assertThat(subscription.topUpType()).contains(offer.plan().type());
                assertThat(subscribed.balance()).isEqualTo(balanceBefore + offer.credits())
                        .isEqualTo(balance(customer, offer.wallet()));
                assertThat(newEntries(before, customer, offer.wallet())).singleElement().satisfies(entry -> {
                    assertThat(entry.id()).isEqualTo(subscribed.firstTopUp());
                    assertThat(entry.type()).isEqualTo(LedgerEntryType.TOP_UP);
                    assertThat(entry.credits()).isEqualTo(offer.credits());
                    assertThat(entry.paidBy()).contains(ChargeReference.subscription(subscription.id().value()));
                });
                assertThat(chargeCount()).isEqualTo(chargesBefore + 1);
                subscriptions.add(subscription.id());
                entriesPerKey.put(key, 1);
                applied.add(new Applied(key, "subscribe", () -> {
                    SubscriptionResult again = plenigo.subscriptions().subscribe(customer, offer.id(), key);
                    assertThat(again).isInstanceOfSatisfying(SubscriptionResult.Replayed.class, replayed -> {
                        assertThat(replayed.original().subscription().id()).isEqualTo(subscription.id());
                        SubscriptionResult.Subscribed original = (SubscriptionResult.Subscribed) replayed.original();
                        assertThat(original.firstTopUp()).isEqualTo(subscribed.firstTopUp());
                        assertThat(original.balance()).isEqualTo(subscribed.balance());
                    });
                }));
            } else {
                assertThat(result).isInstanceOfSatisfying(SubscriptionResult.Refused.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Refusal.PAYMENT_FAILED));
                assertThat(snapshot()).isEqualTo(before);
            }
        }

        /** Mostly spends from a wallet that has credits, sometimes from any wallet. */
        private void consume(int customerPick, int walletPick, long credits) {
            List<CustomerWallet> funded = snapshot().wallets().values().stream().flatMap(Optional::stream)
                    .filter(w -> w.balance() > 0).toList();
            if (walletPick % 4 != 0 && !funded.isEmpty()) {
                CustomerWallet wallet = funded.get(customerPick % funded.size());
                consume(wallet.customerId(), wallet.walletId(), credits);
            } else {
                consume(CUSTOMERS.get(customerPick % CUSTOMERS.size()), WALLETS.get(walletPick % WALLETS.size()),
                        credits);
            }
        }

        private void consume(CustomerId customer, WalletId wallet, long credits) {
            IdempotencyKey key = newKey();
            Snapshot before = snapshot();
            Instant now = clock.instant();
            // credits that never expire are kept without lots: the balance is all of them
            long available = !wallet.equals(EXPIRING)
                    ? before.wallets().get(slot(customer, wallet)).map(CustomerWallet::balance).orElse(0L)
                    : before.lots().get(slot(customer, wallet)).stream()
                            .filter(lot -> lot.expiresAt().map(at -> at.isAfter(now)).orElse(true))
                            .mapToLong(CreditLot::remaining).sum();
            boolean automatic = activeSubscriptions(customer, wallet).stream()
                    .anyMatch(s -> s.topUpType().orElseThrow() == TopUpType.AUTOMATIC);
            String reference = random.nextBoolean() ? null : "article-" + random.nextInt(100);
            ConsumeCredits request = ConsumeCredits.of(customer, wallet, credits, reference, key);
            int chargesBefore = before.charges().size();

            ConsumptionResult result = plenigo.wallets().consume(request);

            if (available >= credits) {
                assertThat(result).as("enough credits: must be consumed").isInstanceOf(ConsumptionResult.Consumed.class);
            }
            if (result instanceof ConsumptionResult.Consumed consumed) {
                assertThat(consumed.credits()).isEqualTo(credits);
                assertThat(consumed.balance()).isEqualTo(balance(customer, wallet));
                List<LedgerEntry> added = newEntries(before, customer, wallet);
                List<LedgerEntry> ofThisKey = added.stream().filter(e -> e.key().equals(key)).toList();
                assertThat(added).allSatisfy(e -> assertThat(e.key().equals(key) || e.type() == LedgerEntryType.EXPIRY)
                        .isTrue());
                assertThat(ofThisKey).hasSize(1 + consumed.topUps().size());
                assertThat(ofThisKey).filteredOn(e -> e.type() == LedgerEntryType.CONSUMPTION).singleElement()
                        .satisfies(e -> {
                            assertThat(e.id()).isEqualTo(consumed.entryId());
                            assertThat(e.credits()).isEqualTo(-credits);
                            assertThat(e.reference()).isEqualTo(Optional.ofNullable(reference));
                            consumptions.add(e);
                        });
                assertThat(ofThisKey).filteredOn(e -> e.type() == LedgerEntryType.TOP_UP)
                        .extracting(LedgerEntry::id).containsExactlyInAnyOrderElementsOf(consumed.topUps());
                assertThat(chargeCount()).isEqualTo(chargesBefore + consumed.topUps().size());
                if (!automatic) {
                    assertThat(consumed.topUps()).isEmpty();
                    assertThat(consumed.balance()).isEqualTo(available - credits);
                } else if (available < credits) {
                    assertThat(consumed.topUps()).isNotEmpty();
                }
                entriesPerKey.put(key, 1 + consumed.topUps().size());
                applied.add(new Applied(key, "consume", () -> assertThat(plenigo.wallets().consume(request))
                        .isEqualTo(new ConsumptionResult.Replayed(consumed))));
            } else {
                ConsumptionResult.Refused refused = (ConsumptionResult.Refused) result;
                if (refused.reason() == Refusal.INSUFFICIENT_CREDITS) {
                    assertThat(automatic).as("an automatic subscription would have topped up").isFalse();
                } else {
                    assertThat(refused.reason()).isIn(Refusal.PAYMENT_FAILED, Refusal.TOP_UP_LIMIT_REACHED);
                    assertThat(automatic).isTrue();
                }
                assertThat(refused.balance()).isEqualTo(available);
                // a refusal changes nothing, not even the write-off of credits found expired on the way
                assertThat(snapshot()).isEqualTo(before);
            }
        }

        private void externalTopUp(int pick) {
            IdempotencyKey key = newKey();
            Snapshot before = snapshot();
            if (subscriptions.isEmpty()) {
                assertThatThrownBy(() -> plenigo.subscriptions().topUp(SubscriptionId.of("missing"), key))
                        .isInstanceOf(NotFoundException.class);
                assertThat(snapshot()).isEqualTo(before);
                return;
            }
            Subscription subscription = subscription(subscriptions.get(pick % subscriptions.size()));
            OfferSpec offer = offer(subscription);
            if (offer.plan().type() != TopUpType.EXTERNAL || !subscription.isActive()) {
                assertThatThrownBy(() -> plenigo.subscriptions().topUp(subscription.id(), key))
                        .isInstanceOfSatisfying(ConflictException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
                assertThat(snapshot()).isEqualTo(before);
                return;
            }
            long balanceBefore = balance(subscription.customerId(), offer.wallet());
            TopUpResult result = plenigo.subscriptions().topUp(subscription.id(), key);
            if (result instanceof TopUpResult.ToppedUp toppedUp) {
                assertThat(toppedUp.credits()).isEqualTo(offer.credits());
                assertThat(toppedUp.balance()).isEqualTo(balanceBefore + offer.credits())
                        .isEqualTo(balance(subscription.customerId(), offer.wallet()));
                assertThat(newEntries(before, subscription.customerId(), offer.wallet())).singleElement()
                        .satisfies(e -> {
                            assertThat(e.id()).isEqualTo(toppedUp.entryId());
                            assertThat(e.type()).isEqualTo(LedgerEntryType.TOP_UP);
                            assertThat(e.paidBy()).contains(ChargeReference.subscription(subscription.id().value()));
                        });
                assertThat(chargeCount()).isEqualTo(before.charges().size() + 1);
                entriesPerKey.put(key, 1);
                applied.add(new Applied(key, "top-up",
                        () -> assertThat(plenigo.subscriptions().topUp(subscription.id(), key))
                                .isEqualTo(new TopUpResult.Replayed(toppedUp))));
            } else {
                assertThat(result).isInstanceOfSatisfying(TopUpResult.Refused.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Refusal.PAYMENT_FAILED));
                assertThat(snapshot()).isEqualTo(before);
            }
        }

        private void grant(CustomerId customer, WalletId wallet, long credits) {
            IdempotencyKey key = newKey();
            Snapshot before = snapshot();
            long balanceBefore = balance(customer, wallet);
            CreditsAdded added = plenigo.wallets().grant(customer, wallet, credits, "goodwill", key);
            assertThat(added.replayed()).isFalse();
            assertThat(added.credits()).isEqualTo(credits);
            assertThat(added.balance()).isEqualTo(balanceBefore + credits).isEqualTo(balance(customer, wallet));
            assertThat(newEntries(before, customer, wallet)).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo(added.entryId());
                assertThat(e.type()).isEqualTo(LedgerEntryType.GRANT);
                assertThat(e.key()).isEqualTo(key);
            });
            assertThat(snapshot().charges()).isEqualTo(before.charges());
            entriesPerKey.put(key, 1);
            applied.add(new Applied(key, "grant", () -> assertThat(
                    plenigo.wallets().grant(customer, wallet, credits, "goodwill", key))
                    .isEqualTo(new CreditsAdded(added.entryId(), added.credits(), added.balance(), true))));
        }

        private void advance(int unit, int amount, boolean runScheduler) {
            Duration step = switch (unit % 4) {
                case 0 -> Duration.ofMinutes(1 + amount % 120);
                case 1 -> Duration.ofHours(1 + amount % 48);
                case 2 -> Duration.ofDays(1 + amount % 20);
                default -> Duration.ofDays(20 + amount % 50);
            };
            clock.advance(step);
            if (!runScheduler) {
                return;
            }
            Snapshot before = snapshot();
            long declinedBefore = declinedCount();
            SchedulerRun run = plenigo.topUps().runDue();
            Snapshot after = snapshot();
            Instant now = clock.instant();
            List<LedgerEntry> added = new ArrayList<>();
            after.ledgers().forEach((slot, entries) ->
                    added.addAll(entries.subList(before.ledgers().get(slot).size(), entries.size())));
            assertThat(added).allSatisfy(e -> assertThat(e.type()).isIn(LedgerEntryType.TOP_UP, LedgerEntryType.EXPIRY));
            assertThat(run.toppedUp()).isEqualTo(added.stream().filter(e -> e.type() == LedgerEntryType.TOP_UP).count());
            assertThat(run.expiredLots()).isEqualTo(added.stream().filter(e -> e.type() == LedgerEntryType.EXPIRY).count());
            assertThat(run.failed()).isEqualTo(declinedCount() - declinedBefore);
            assertThat(run.faulty()).isZero();
            assertThat(after.charges().size()).isEqualTo(before.charges().size() + run.toppedUp());
            store.transactions().inTransaction(() -> {
                assertThat(store.subscriptions().findDueTopUps(now, 10)).as("top-ups still due").isEmpty();
                assertThat(store.creditLots().findExpired(now, 10)).as("lots still to expire").isEmpty();
                return null;
            });
        }

        private void replay(int pick) {
            if (applied.isEmpty()) {
                return;
            }
            Applied earlier = applied.get(pick % applied.size());
            trace.add("replay of " + earlier.what() + " " + earlier.key());
            Snapshot before = snapshot();
            earlier.replay().run();
            assertThat(snapshot()).as("state after a replay").isEqualTo(before);
        }

        private void reuseKey(int pick) {
            if (applied.isEmpty()) {
                return;
            }
            IdempotencyKey key = applied.get(pick % applied.size()).key();
            Snapshot before = snapshot();
            assertThatThrownBy(() -> plenigo.wallets().grant(CUSTOMERS.get(0), PLAIN, 999, "other content", key))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED));
            assertThat(snapshot()).isEqualTo(before);
        }

        private void cancel(int pick) {
            if (subscriptions.isEmpty()) {
                return;
            }
            SubscriptionId id = subscriptions.get(pick % subscriptions.size());
            boolean wasActive = subscription(id).isActive();
            Snapshot before = snapshot();
            Subscription cancelled = plenigo.subscriptions().cancel(id);
            assertThat(cancelled.status()).isEqualTo(SubscriptionStatus.CANCELLED);
            assertThat(cancelled.nextTopUpAt()).isEmpty();
            Snapshot after = snapshot();
            assertThat(after.ledgers()).isEqualTo(before.ledgers());
            assertThat(after.charges()).isEqualTo(before.charges());
            if (!wasActive) {
                assertThat(after).isEqualTo(before);
            }
        }

        private void reverse(int pick) {
            if (consumptions.isEmpty()) {
                return;
            }
            LedgerEntry consumption = consumptions.get(pick % consumptions.size());
            IdempotencyKey key = newKey();
            Snapshot before = snapshot();
            if (reversed.contains(consumption.id())) {
                assertThatThrownBy(() -> plenigo.wallets().reverse(consumption.id(), key))
                        .isInstanceOfSatisfying(ConflictException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
                assertThat(snapshot()).isEqualTo(before);
                return;
            }
            CustomerWallet wallet = before.wallets().values().stream().flatMap(Optional::stream)
                    .filter(w -> w.id().equals(consumption.customerWalletId())).findFirst().orElseThrow();
            long balanceBefore = wallet.balance();
            CreditsAdded added = plenigo.wallets().reverse(consumption.id(), key);
            assertThat(added.replayed()).isFalse();
            assertThat(added.credits()).isEqualTo(-consumption.credits());
            assertThat(added.balance()).isEqualTo(balanceBefore - consumption.credits())
                    .isEqualTo(balance(wallet.customerId(), wallet.walletId()));
            assertThat(newEntries(before, wallet.customerId(), wallet.walletId())).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo(added.entryId());
                assertThat(e.type()).isEqualTo(LedgerEntryType.REVERSAL);
                assertThat(e.reference()).contains(consumption.id().value());
            });
            reversed.add(consumption.id());
            entriesPerKey.put(key, 1);
            applied.add(new Applied(key, "reverse", () -> assertThat(plenigo.wallets().reverse(consumption.id(), key))
                    .isEqualTo(new CreditsAdded(added.entryId(), added.credits(), added.balance(), true))));
        }

        private void checkInvariants() {
            Snapshot now = snapshot();
            List<LedgerEntry> all = new ArrayList<>();
            for (CustomerId customer : CUSTOMERS) {
                for (WalletId walletId : WALLETS) {
                    String slot = slot(customer, walletId);
                    List<LedgerEntry> ledger = now.ledgers().get(slot);
                    Optional<CustomerWallet> wallet = now.wallets().get(slot);
                    if (wallet.isEmpty()) {
                        assertThat(ledger).isEmpty();
                        assertThat(plenigo.wallets().balance(customer, walletId)).isZero();
                        continue;
                    }
                    long balance = wallet.get().balance();
                    assertThat(balance).as("balance of %s", slot).isNotNegative()
                            .isEqualTo(plenigo.wallets().balance(customer, walletId))
                            .isEqualTo(ledger.stream().mapToLong(LedgerEntry::credits).sum());
                    assertThat(now.lots().get(slot).stream().mapToLong(CreditLot::remaining).sum())
                            .as("credits in open lots of %s (kept only for credits that expire)", slot)
                            .isEqualTo(walletId.equals(EXPIRING) ? balance : 0);
                    assertThat(wallet.get().version()).isEqualTo(ledger.size());
                    long running = 0;
                    for (int i = 0; i < ledger.size(); i++) {
                        LedgerEntry entry = ledger.get(i);
                        running += entry.credits();
                        assertThat(entry.sequence()).as("sequence in %s", slot).isEqualTo(i + 1);
                        assertThat(entry.balanceAfter()).isEqualTo(running).isNotNegative();
                        assertThat(entry.customerWalletId()).isEqualTo(wallet.get().id());
                    }
                    assertThat(now.lots().get(slot)).allSatisfy(lot -> {
                        assertThat(lot.remaining()).isPositive();
                        assertThat(lot.customerWalletId()).isEqualTo(wallet.get().id());
                        assertThat(lot.expiresAt().isPresent()).isEqualTo(walletId.equals(EXPIRING));
                    });
                    all.addAll(ledger);
                }
            }
            // every key an operation was applied under has exactly that operation's entries
            Map<IdempotencyKey, Long> byKey = all.stream()
                    .collect(Collectors.groupingBy(LedgerEntry::key, Collectors.counting()));
            entriesPerKey.forEach((key, expected) ->
                    assertThat(byKey.getOrDefault(key, 0L)).as("entries under key %s", key).isEqualTo((long) expected));
            // entries that are not top-ups are written once per key (expiry and reversal guards included)
            assertThat(all.stream().filter(e -> e.type() != LedgerEntryType.TOP_UP)
                    .map(e -> e.type() + " " + e.key()).collect(Collectors.groupingBy(s -> s, Collectors.counting())))
                    .allSatisfy((k, count) -> assertThat(count).as(k).isEqualTo(1L));
            // every top-up was charged once, by the subscription that paid for it, and every charge bought a top-up
            Map<ChargeReference, Long> topUpsBySubscription = all.stream()
                    .filter(e -> e.type() == LedgerEntryType.TOP_UP)
                    .collect(Collectors.groupingBy(e -> e.paidBy().orElseThrow(), Collectors.counting()));
            Map<ChargeReference, Long> chargesBySubscription = now.charges().stream()
                    .collect(Collectors.groupingBy(c -> c.request().paysFor(), Collectors.counting()));
            assertThat(chargesBySubscription).isEqualTo(topUpsBySubscription);
            assertThat(now.charges().stream().map(c -> c.request().key()).distinct().count())
                    .isEqualTo(now.charges().size());
            for (Subscription subscription : now.subscriptions()) {
                checkSchedule(subscription, all);
            }
        }

        /**
         * A time-based subscription has one top-up (or one declined charge) per interval reached: the
         * purchase, then the start of each interval's first day.
         */
        private void checkSchedule(Subscription subscription, List<LedgerEntry> all) {
            OfferSpec offer = offer(subscription);
            if (offer.plan().type() != TopUpType.TIME_BASED) {
                assertThat(subscription.nextTopUpAt()).isEmpty();
                return;
            }
            Interval interval = offer.plan().interval().orElseThrow();
            long next = subscription.nextTopUpIndex();
            assertThat(next).isPositive();
            ChargeReference paidBy = ChargeReference.subscription(subscription.id().value());
            List<Instant> toppedUp = all.stream()
                    .filter(e -> e.type() == LedgerEntryType.TOP_UP && e.paidBy().orElseThrow().equals(paidBy))
                    .map(LedgerEntry::at).toList();
            // a declined charge is kept as a declined payment
            List<Instant> declined = store.transactions().inTransaction(() -> store.payments()
                    .findByCustomer(subscription.customerId())).stream()
                    .filter(p -> p.status() == PaymentStatus.DECLINED && p.request().paysFor().equals(paidBy))
                    .map(p -> p.request().at()).toList();
            assertThat(new HashSet<>(toppedUp)).as("one top-up per interval").hasSameSizeAs(toppedUp);
            assertThat(new HashSet<>(declined)).hasSameSizeAs(declined);
            TreeSet<Instant> seen = new TreeSet<>(toppedUp);
            assertThat(Collections.disjoint(seen, declined)).as("declined intervals were not topped up").isTrue();
            seen.addAll(declined);
            List<Instant> boundaries = new ArrayList<>();
            for (long n = 0; n < next; n++) {
                boundaries.add(n == 0 ? subscription.startedAt()
                        : interval.periodStart(subscription.startedAt(), BERLIN, n));
            }
            assertThat(seen).as("top-ups and declined charges of %s", subscription.id())
                    .containsExactlyElementsOf(boundaries);
            assertThat(toppedUp).contains(subscription.startedAt());
            if (subscription.isActive()) {
                assertThat(subscription.nextTopUpAt()).contains(interval.periodStart(subscription.startedAt(), BERLIN,
                        next));
            } else {
                assertThat(subscription.nextTopUpAt()).isEmpty();
                assertThat(seen.last()).isBeforeOrEqualTo(subscription.cancelledAt().orElseThrow());
            }
        }

        private Snapshot snapshot() {
            return store.transactions().inTransaction(() -> {
                Map<String, Optional<CustomerWallet>> wallets = new LinkedHashMap<>();
                Map<String, List<LedgerEntry>> ledgers = new LinkedHashMap<>();
                Map<String, List<CreditLot>> lots = new LinkedHashMap<>();
                List<Payment> allCharges = new ArrayList<>();
                List<Subscription> allSubscriptions = new ArrayList<>();
                for (CustomerId customer : CUSTOMERS) {
                    for (WalletId walletId : WALLETS) {
                        Optional<CustomerWallet> wallet = store.customerWallets().find(customer, walletId);
                        wallets.put(slot(customer, walletId), wallet);
                        ledgers.put(slot(customer, walletId), plenigo.wallets().ledger(customer, walletId));
                        lots.put(slot(customer, walletId), wallet.map(w -> store.creditLots().findOpen(w.id()))
                                .orElse(List.of()));
                    }
                    // what was charged: the payments that paid, not the declined attempts
                    store.payments().findByCustomer(customer).stream().filter(p -> p.status().paid())
                            .forEach(allCharges::add);
                    allSubscriptions.addAll(plenigo.subscriptions().findByCustomer(customer));
                }
                return new Snapshot(wallets, ledgers, lots, allCharges, allSubscriptions);
            });
        }

        private List<LedgerEntry> newEntries(Snapshot before, CustomerId customer, WalletId wallet) {
            List<LedgerEntry> now = plenigo.wallets().ledger(customer, wallet);
            List<LedgerEntry> earlier = before.ledgers().get(slot(customer, wallet));
            assertThat(now.subList(0, earlier.size())).as("ledger entries are never changed").isEqualTo(earlier);
            return now.subList(earlier.size(), now.size());
        }

        private long balance(CustomerId customer, WalletId wallet) {
            return plenigo.wallets().balance(customer, wallet);
        }

        /** How many charges were declined: each is kept as a declined payment. */
        private long declinedCount() {
            return store.transactions().inTransaction(() -> CUSTOMERS.stream()
                    .flatMap(c -> store.payments().findByCustomer(c).stream())
                    .filter(p -> p.status() == PaymentStatus.DECLINED).count());
        }

        private int chargeCount() {
            return snapshot().charges().size();
        }

        private List<Subscription> activeSubscriptions(CustomerId customer, WalletId wallet) {
            return plenigo.subscriptions().findByCustomer(customer).stream()
                    .filter(s -> s.isActive() && offer(s).wallet().equals(wallet)).toList();
        }

        private Subscription subscription(SubscriptionId id) {
            return plenigo.subscriptions().find(id).orElseThrow();
        }

        private static OfferSpec offer(Subscription subscription) {
            return OFFERS.stream().filter(o -> o.id().equals(subscription.offerId())).findFirst().orElseThrow();
        }

        private static String slot(CustomerId customer, WalletId wallet) {
            return customer + "/" + wallet;
        }
    }
}
