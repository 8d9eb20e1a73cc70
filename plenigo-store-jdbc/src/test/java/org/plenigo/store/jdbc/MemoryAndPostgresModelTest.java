package org.plenigo.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenigo.store.tck.StoreContractSupport.SELLER;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.Plenigo;
import org.plenigo.core.PlenigoException;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.TopUpType;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;
import org.plenigo.core.store.Store;
import org.plenigo.core.store.Transactions;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionId;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.time.Interval;
import org.plenigo.core.wallet.AutomaticTopUpLimit;
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.core.wallet.CreditLot;
import org.plenigo.core.wallet.CreditsAdded;
import org.plenigo.core.wallet.CustomerWallet;
import org.plenigo.core.wallet.CustomerWalletId;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryId;
import org.plenigo.core.payment.PaymentRequest;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.plenigo.store.memory.MemoryStore;
import org.plenigo.store.tck.MutableClock;
import org.plenigo.store.tck.RecordingEventPublisher;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The in-memory store as the model of the PostgreSQL store: random sequences of operations are
 * applied to one {@link Plenigo} on each, driven identically (same catalog, same settings, two
 * separate clocks moved in step, charges declined for the same keys), and after every step both
 * must have answered alike (equal results, or exceptions of the same type and code) and must hold
 * the same state: customers, balances, ledgers, open credit lots, subscriptions, recorded and
 * declined charges, published events, and at the end every idempotency record. Ids are derived from
 * keys, so equal behaviour means equal values, field by field.
 *
 * <p>The run is reproducible: the seed is fixed unless {@code -Dplenigo.model.seed} names another,
 * and {@code -Dplenigo.model.examples} runs more samples.
 */
class MemoryAndPostgresModelTest {
    private static final long SEED = Long.getLong("plenigo.model.seed", 20_240_229L);
    private static final int EXAMPLES = Integer.getInteger("plenigo.model.examples", 50);
    private static final int UNITS_OF_WORK_PER_CALL = 1_000;
    private static final Instant FAR_FUTURE = Instant.parse("2200-01-01T00:00:00Z");

    private static final List<CustomerId> CUSTOMERS =
            List.of(CustomerId.of("anna"), CustomerId.of("Ben.B"), CustomerId.of("carla@example.org"));
    /** The first two customers exist from the start; the last one only once a step registers her. */
    private static final int REGISTERED_AT_START = 2;
    private static final WalletId PLAIN = WalletId.of("plain");
    private static final WalletId EXPIRING = WalletId.of("expiring");
    private static final List<WalletId> WALLETS = List.of(PLAIN, EXPIRING);
    private static final WalletId NO_WALLET = WalletId.of("no-such-wallet");
    private static final OfferId PREMIUM = OfferId.of("premium-monthly");
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"), ZoneId.of("Australia/Lord_Howe"));
    private static final List<Interval> VALIDITIES = List.of(Interval.days(10), Interval.weeks(2), Interval.months(1),
            Interval.days(1));

    private record OfferSpec(OfferId id, WalletId wallet, TopUpPlan plan, long credits, String price) {
    }

    private static final List<OfferSpec> OFFERS = List.of(
            new OfferSpec(OfferId.of("auto-plain"), PLAIN, TopUpPlan.automatic(), 3, "2.99"),
            new OfferSpec(OfferId.of("external-plain"), PLAIN, TopUpPlan.external(), 5, "4.50"),
            new OfferSpec(OfferId.of("monthly-plain"), PLAIN, TopUpPlan.every(Interval.months(1)), 5, "4.99"),
            new OfferSpec(OfferId.of("three-daily-plain"), PLAIN, TopUpPlan.every(Interval.days(3)), 2, "0.00"),
            new OfferSpec(OfferId.of("auto-expiring"), EXPIRING, TopUpPlan.automatic(), 2, "1.80"),
            new OfferSpec(OfferId.of("external-expiring"), EXPIRING, TopUpPlan.external(), 4, "3.60"),
            new OfferSpec(OfferId.of("weekly-expiring"), EXPIRING, TopUpPlan.every(Interval.weeks(1)), 5, "4.49"));

    private enum Kind {
        REGISTER, SUBSCRIBE, CONSUME, EXTERNAL_TOP_UP, GRANT, REVERSE, CANCEL, ADVANCE, RUN_DUE_AT, REPLAY, REUSE_KEY
    }

    /** One step; {@code a}, {@code b}, {@code c} pick its arguments. */
    private record Op(Kind kind, int a, int b, int c) {
        @Override
        public String toString() {
            return kind + "(" + a + "," + b + "," + c + ")";
        }
    }

    /**
     * What both instances are set up with.
     *
     * @param declineOneIn a charge key is declined with a chance of one in this many, decided by {@code declineSeed}
     */
    private record Setting(Instant start, ZoneId zone, Interval validity, AutomaticTopUpLimit limit, long declineSeed,
                           int declineOneIn) {
        static Setting of(Instant start, int pickA, int pickB, long declineSeed) {
            return new Setting(start, ZONES.get(pickA % ZONES.size()), VALIDITIES.get(pickB % VALIDITIES.size()),
                    new AutomaticTopUpLimit(1 + pickA / 10 % 4, Duration.ofMinutes(5 + pickB / 10 % 56)), declineSeed,
                    3 + pickA / 100 % 5);
        }

        boolean declines(IdempotencyKey chargeKey) {
            return new SplittableRandom(declineSeed ^ chargeKey.value().hashCode()).nextInt(declineOneIn) == 0;
        }
    }

    @Test
    void postgresBehavesLikeTheInMemoryModel() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(60)
                .forAll(settings(), operations())
                .checkAssert((setting, ops) -> new Run(setting).execute(ops));
    }

    private static Gen<Setting> settings() {
        Gen<Integer> pick = integers().between(0, 999);
        return starts().zip(pick, pick, longs().all(), Setting::of);
    }

    /** Start instants at any nanosecond of a day, half of them on the 28th to 31st, where months are uneven. */
    private static Gen<Instant> starts() {
        Gen<LocalDate> months = integers().between(0, 35).map(m -> LocalDate.of(2024, 1, 1).plusMonths(m));
        Gen<Integer> days = Generate.oneOf(integers().between(1, 31), integers().between(28, 31));
        Gen<LocalDate> dates = months.zip(days, (month, day) -> month.withDayOfMonth(Math.min(day, month.lengthOfMonth())));
        Gen<Long> nanoOfDay = longs().between(0, Duration.ofDays(1).toNanos() - 1);
        return dates.zip(nanoOfDay, (date, nanos) -> date.atTime(LocalTime.ofNanoOfDay(nanos))
                .atZone(ZoneId.of("Europe/Berlin")).toInstant());
    }

    private static Gen<List<Op>> operations() {
        Gen<Kind> kinds = Generate.frequency(List.of(
                Pair.of(1, Generate.constant(Kind.REGISTER)),
                Pair.of(4, Generate.constant(Kind.SUBSCRIBE)),
                Pair.of(9, Generate.constant(Kind.CONSUME)),
                Pair.of(2, Generate.constant(Kind.EXTERNAL_TOP_UP)),
                Pair.of(2, Generate.constant(Kind.GRANT)),
                Pair.of(2, Generate.constant(Kind.REVERSE)),
                Pair.of(1, Generate.constant(Kind.CANCEL)),
                Pair.of(4, Generate.constant(Kind.ADVANCE)),
                Pair.of(2, Generate.constant(Kind.RUN_DUE_AT)),
                Pair.of(3, Generate.constant(Kind.REPLAY)),
                Pair.of(1, Generate.constant(Kind.REUSE_KEY))));
        Gen<Integer> pick = integers().between(0, 9_999);
        return lists().of(kinds.zip(pick, pick, pick, Op::new)).ofSizeBetween(1, 50);
    }

    /** An exception as the two instances must agree on it: its type and code; the message is only shown. */
    private record Failure(Class<?> type, ErrorCode code, String message) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Failure f && f.type.equals(type) && f.code == code;
        }

        @Override
        public int hashCode() {
            return Objects.hash(type, code);
        }
    }

    /** What a call answered: a value (possibly null), or a failure. */
    private record Outcome(Object value, Failure failure) {
        static Outcome of(Function<Plenigo, Object> call, Plenigo plenigo) {
            try {
                return new Outcome(call.apply(plenigo), null);
            } catch (PlenigoException e) {
                return new Outcome(null, new Failure(e.getClass(), e.code(), e.getMessage()));
            } catch (RuntimeException e) {
                return new Outcome(null, new Failure(e.getClass(), null, String.valueOf(e)));
            }
        }
    }

    /** A request sent under an idempotency key, kept so that it can be sent again. */
    private record Keyed(IdempotencyKey key, String what, Function<Plenigo, Object> call) {
    }

    /** One {@link Plenigo} with its store, clock and recorders. */
    private static final class Side {
        final Store store;
        /** Units of work a single call or state read may still run: a call that does not end fails instead of hanging. */
        final AtomicInteger budget = new AtomicInteger(UNITS_OF_WORK_PER_CALL);
        final MutableClock clock;
        final RecordingEventPublisher events = new RecordingEventPublisher();
        final List<PaymentRequest> declined = new ArrayList<>();
        final Plenigo plenigo;

        Side(Store store, Setting setting) {
            this.store = bounded(store, budget);
            this.clock = MutableClock.at(setting.start(), setting.zone());
            SimulatedPaymentProvider charges = new SimulatedPaymentProvider().script(request -> {
                if (setting.declines(request.key())) {
                    declined.add(request);
                    return true;
                }
                return false;
            }, SimulatedPaymentProvider.decline("declined by the card issuer"));
            this.plenigo = Plenigo.builder().seller(SELLER)
                    .store(this.store).clock(clock).paymentProvider(charges).eventPublisher(events)
                    .zone(setting.zone()).automaticTopUpLimit(setting.limit()).build();
            setUpCatalog(setting);
        }

        Outcome call(Function<Plenigo, Object> call) {
            budget.set(UNITS_OF_WORK_PER_CALL);
            return Outcome.of(call, plenigo);
        }

        /** The store, counting its units of work down from {@code budget}; below zero they are refused. */
        private static Store bounded(Store store, AtomicInteger budget) {
            Transactions transactions = new Transactions() {
                @Override
                public <T> T inTransaction(Supplier<T> work) {
                    if (budget.decrementAndGet() < 0) {
                        throw new IllegalStateException("more than " + UNITS_OF_WORK_PER_CALL
                                + " units of work in one call: it would not end");
                    }
                    return store.transactions().inTransaction(work);
                }

                @Override
                public void afterCommit(Runnable action) {
                    store.transactions().afterCommit(action);
                }
            };
            InvocationHandler handler = (proxy, method, args) -> {
                if (method.getName().equals("transactions")) {
                    return transactions;
                }
                try {
                    return method.invoke(store, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[]{Store.class}, handler);
        }

        private void setUpCatalog(Setting setting) {
            var catalog = plenigo.catalog();
            catalog.createWallet(Wallet.of(PLAIN, "Article credits", Money.of("1.00", "EUR")));
            catalog.createWallet(Wallet.of(EXPIRING, "Webinar credits", Money.of("0.90", "EUR"))
                    .withCreditValidity(setting.validity()));
            for (OfferSpec offer : OFFERS) {
                ProductContractId contract = ProductContractId.of("contract-" + offer.id());
                catalog.createProductContract(ProductContract.creditBased(contract, offer.credits() + " credits",
                        Money.of(offer.price(), "EUR"), TaxType.DIGITAL_PRODUCT, offer.credits()));
                catalog.createOffer(Offer.usageBased(offer.id(), "Offer " + offer.id(), contract, offer.wallet(),
                        offer.plan()));
            }
            AccessRightId premium = AccessRightId.of("premium");
            catalog.createAccessRight(new AccessRight(premium, "Premium articles"));
            ProductContractId monthly = ProductContractId.of("contract-premium");
            catalog.createProductContract(ProductContract.timeBased(monthly, "Premium monthly", Money.of("9.99", "EUR"),
                    TaxType.DIGITAL_NEWSPAPER, Interval.months(1)));
            catalog.createOffer(Offer.timeBased(PREMIUM, "Premium", monthly, Set.of(premium)));
            for (CustomerId customer : CUSTOMERS.subList(0, REGISTERED_AT_START)) {
                register(plenigo, newCustomer(customer, 0));
            }
        }

        /** Everything the operations can change, as the ports show it, by name; read in one transaction. */
        Map<String, Object> state() {
            budget.set(UNITS_OF_WORK_PER_CALL);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            return store.transactions().inTransaction(() -> {
                Map<String, Object> state = new LinkedHashMap<>();
                for (CustomerId customer : CUSTOMERS) {
                    state.put("customer " + customer, store.customers().find(customer));
                    state.put("subscriptions of " + customer, plenigo.subscriptions().findByCustomer(customer));
                    state.put("payments of " + customer, store.payments().findByCustomer(customer));
                    for (WalletId walletId : WALLETS) {
                        String slot = customer + "/" + walletId;
                        Optional<CustomerWallet> wallet = store.customerWallets().find(customer, walletId);
                        state.put("wallet " + slot, wallet);
                        if (wallet.isPresent()) {
                            CustomerWalletId id = wallet.get().id();
                            state.put("ledger " + slot, store.ledger().findByCustomerWallet(id));
                            state.put("open lots " + slot, store.creditLots().findOpen(id));
                            state.put("subscriptions feeding " + slot, store.subscriptions().findByCustomerWallet(id));
                        }
                    }
                }
                state.put("lots expired now", store.creditLots().findExpired(now, 1_000));
                state.put("lots that expire", store.creditLots().findExpired(FAR_FUTURE, 1_000));
                state.put("top-ups due now", store.subscriptions().findDueTopUps(now, 1_000));
                state.put("top-ups scheduled", store.subscriptions().findDueTopUps(FAR_FUTURE, 1_000));
                state.put("events", events.events());
                state.put("declined charges", List.copyOf(declined));
                return state;
            });
        }
    }

    /** Registers the customer with a default card, so that its charges reach the provider. */
    private static Customer register(Plenigo plenigo, Customer customer) {
        Customer registered = plenigo.customers().register(customer);
        plenigo.paymentMethods().add(customer.id(), SimulatedPaymentProvider.testCard(), true,
                IdempotencyKey.of("card-" + customer.id()));
        return registered;
    }

    private static Customer newCustomer(CustomerId id, int pick) {
        Customer customer = Customer.of(id, id.value().replace("@", ".") + "@example.org", "Customer " + id,
                pick % 3 == 0 ? "AT" : "DE");
        return pick % 2 == 0 ? customer : customer.withVatId("DE" + (100_000_000 + pick));
    }

    private static final class Run {
        private final Setting setting;
        private final Side memory;
        private final Side postgres;
        private final List<String> trace = new ArrayList<>();
        private final List<SubscriptionId> subscriptions = new ArrayList<>();
        private final List<LedgerEntryId> consumptions = new ArrayList<>();
        private final List<LedgerEntryId> additions = new ArrayList<>();
        private final List<Keyed> sent = new ArrayList<>();
        private Map<String, Object> state;
        private int keys;

        Run(Setting setting) {
            this.setting = setting;
            this.memory = new Side(new MemoryStore(), setting);
            this.postgres = new Side(TestStores.postgres(), setting);
            trace.add("setting " + setting);
        }

        void execute(List<Op> ops) {
            try {
                compareState();
                for (Op op : ops) {
                    trace.add(op + " at " + memory.clock.instant());
                    step(op);
                    compareState();
                }
                compareIdempotencyRecords();
            } catch (AssertionError e) {
                throw new AssertionError("the stores diverged after:\n  " + String.join("\n  ", trace) + "\n"
                        + e.getMessage(), e);
            }
        }

        private void step(Op op) {
            switch (op.kind()) {
                case REGISTER -> {
                    CustomerId customer = CUSTOMERS.get(op.a() % CUSTOMERS.size());
                    call("register " + customer, p -> register(p, newCustomer(customer, op.b())));
                }
                case SUBSCRIBE -> subscribe(customer(op.a()), offer(op.b()), newKey());
                case CONSUME -> consume(op);
                case EXTERNAL_TOP_UP -> {
                    SubscriptionId subscription = subscription(op.a());
                    keyed("top-up " + subscription, newKey(), key -> p -> p.subscriptions().topUp(subscription, key));
                }
                case GRANT -> grant(customer(op.a()), WALLETS.get(op.b() % WALLETS.size()), 1 + op.c() % 10,
                        op.c() % 4 == 0 ? "Kulanz für Störung" : "goodwill", newKey());
                case REVERSE -> reverse(op);
                case CANCEL -> {
                    SubscriptionId subscription = subscription(op.a());
                    call("cancel " + subscription, p -> p.subscriptions().cancel(subscription));
                }
                case ADVANCE -> advance(op);
                case RUN_DUE_AT -> runDueNear(op);
                case REPLAY -> {
                    if (!sent.isEmpty()) {
                        Keyed earlier = sent.get(op.a() % sent.size());
                        trace.add("  replay of " + earlier.what() + " under " + earlier.key());
                        record(earlier.key(), earlier.what(), earlier.call());
                    }
                }
                case REUSE_KEY -> {
                    // refused with IDEMPOTENCY_KEY_REUSED, unless the first request under the key was refused itself
                    if (!sent.isEmpty()) {
                        IdempotencyKey key = sent.get(op.a() % sent.size()).key();
                        switch (op.b() % 3) {
                            case 0 -> grant(CUSTOMERS.get(0), PLAIN, 7 + op.c() % 5, "other content", key);
                            case 1 -> consume(CUSTOMERS.get(1), EXPIRING, 1 + op.c() % 3, null, key);
                            default -> subscribe(CUSTOMERS.get(0), offer(op.c()), key);
                        }
                    }
                }
            }
        }

        private void subscribe(CustomerId customer, OfferId offer, IdempotencyKey key) {
            Object result = keyed("subscribe " + customer + " to " + offer, key,
                    k -> p -> p.subscriptions().subscribe(customer, offer, k));
            if (result instanceof SubscriptionResult.Subscribed subscribed) {
                subscriptions.add(subscribed.subscription().id());
                additions.add(subscribed.firstTopUp());
            }
        }

        /**
         * Mostly spends from a wallet that holds credits, often just more than it holds, sometimes from
         * any wallet, from one that does not exist, or as a customer who does not exist.
         */
        private void consume(Op op) {
            List<CustomerWallet> funded = state.values().stream()
                    .filter(v -> v instanceof Optional<?> o && o.orElse(null) instanceof CustomerWallet w && w.balance() > 0)
                    .map(v -> (CustomerWallet) ((Optional<?>) v).orElseThrow()).toList();
            long credits = 1 + op.c() % 8;
            String reference = switch (op.c() % 5) {
                case 0, 1 -> null;
                case 2 -> "Ausgabe " + op.c() % 31 + "/2025 – Ä";
                default -> "article-" + op.c() % 50;
            };
            CustomerId customer = customer(op.a());
            WalletId wallet = op.b() % 29 == 0 ? NO_WALLET : WALLETS.get(op.b() % WALLETS.size());
            if (op.b() % 5 != 0 && !funded.isEmpty()) {
                CustomerWallet pick = funded.get(op.a() % funded.size());
                customer = pick.customerId();
                wallet = pick.walletId();
                if (op.b() % 3 == 0) {
                    // just more than the balance: one or two automatic top-ups, if the wallet has them
                    credits = pick.balance() + 1 + op.c() % 4;
                }
            }
            consume(customer, wallet, credits, reference, newKey());
        }

        private void consume(CustomerId customer, WalletId wallet, long credits, String reference, IdempotencyKey key) {
            Object result = keyed("consume " + credits + " of " + customer + "/" + wallet, key,
                    k -> p -> p.wallets().consume(ConsumeCredits.of(customer, wallet, credits, reference, k)));
            if (result instanceof ConsumptionResult.Consumed consumed) {
                consumptions.add(consumed.entryId());
                additions.addAll(consumed.topUps());
            }
        }

        private void grant(CustomerId customer, WalletId wallet, long credits, String reason, IdempotencyKey key) {
            Object result = keyed("grant " + credits + " to " + customer + "/" + wallet, key,
                    k -> p -> p.wallets().grant(customer, wallet, credits, reason, k));
            if (result instanceof CreditsAdded added && !added.replayed()) {
                additions.add(added.entryId());
            }
        }

        /** Mostly a consumption (perhaps one reversed before), sometimes an entry of another kind or none at all. */
        private void reverse(Op op) {
            LedgerEntryId entry;
            if (op.b() % 13 == 0) {
                entry = LedgerEntryId.of("le-missing");
            } else if ((op.b() % 6 == 0 || consumptions.isEmpty()) && !additions.isEmpty()) {
                entry = additions.get(op.a() % additions.size());
            } else if (!consumptions.isEmpty()) {
                entry = consumptions.get(op.a() % consumptions.size());
            } else {
                return;
            }
            Object result = keyed("reverse " + entry, newKey(), k -> p -> p.wallets().reverse(entry, k));
            if (result instanceof CreditsAdded added && !added.replayed()) {
                additions.add(added.entryId());
            }
        }

        private void advance(Op op) {
            int amount = op.b();
            switch (op.a() % 10) {
                case 0 -> advanceClocks(Duration.ofSeconds(1 + amount % 600));
                case 1 -> advanceClocks(Duration.ofMinutes(1 + amount % 120));
                case 2 -> advanceClocks(Duration.ofHours(1 + amount % 48));
                case 3, 4, 5 -> advanceClocks(Duration.ofDays(1 + amount % 20));
                case 6 -> advanceClocks(Duration.ofNanos(1 + amount % 1_000));
                // to the edge of the sliding window of automatic top-ups
                case 7, 8 -> advanceClocks(setting.limit().window().plusSeconds(amount % 4 == 0 ? amount % 3 - 1 : 0));
                default -> {
                    Period period = Period.ofMonths(1 + amount % 2);
                    trace.add("  advance " + period);
                    memory.clock.advance(period);
                    postgres.clock.advance(period);
                }
            }
            if (op.c() % 3 != 0) {
                call("run due", p -> p.topUps().runDue());
            }
        }

        /**
         * Moves the clocks to within a microsecond or so of the next instant something falls due (a
         * scheduled top-up or the end of a lot's validity), at nanosecond precision, and runs the
         * scheduler at the clock's own instant.
         */
        private void runDueNear(Op op) {
            Instant now = memory.clock.instant();
            Optional<Instant> next = nextDue(now);
            if (next.isPresent()) {
                // either side of the half microsecond, where rounding and truncating to microseconds differ
                long[] offsets = {-1_001, -501, -499, -300, -1, 0, 1, 499, 501, 1_000};
                Instant target = next.get().plusNanos(offsets[op.b() % offsets.length]);
                if (target.isAfter(now)) {
                    trace.add("  set clocks to " + target);
                    memory.clock.set(target);
                    postgres.clock.set(target);
                }
            }
            Instant at = memory.clock.instant(); // both clocks show it
            call("run due at " + at, p -> p.topUps().runDue(at));
        }

        private Optional<Instant> nextDue(Instant now) {
            List<Instant> due = new ArrayList<>();
            ((List<?>) state.get("top-ups scheduled")).stream().map(Subscription.class::cast)
                    .forEach(s -> s.nextTopUpAt().ifPresent(due::add));
            ((List<?>) state.get("lots that expire")).stream().map(CreditLot.class::cast)
                    .forEach(l -> l.expiresAt().ifPresent(due::add));
            return due.stream().filter(at -> at.isAfter(now.minusNanos(1_500))).min(Instant::compareTo);
        }

        private void advanceClocks(Duration duration) {
            trace.add("  advance " + duration);
            memory.clock.advance(duration);
            postgres.clock.advance(duration);
        }

        private IdempotencyKey newKey() {
            return IdempotencyKey.of("key-" + ++keys);
        }

        /** Mostly a customer registered from the start. */
        private static CustomerId customer(int pick) {
            return pick % 8 == 7 ? CUSTOMERS.get(REGISTERED_AT_START) : CUSTOMERS.get(pick % REGISTERED_AT_START);
        }

        /** Mostly an offer with automatic top-ups, whose limits and declined charges are the most intricate. */
        private static OfferId offer(int pick) {
            if (pick % 17 == 0) {
                return PREMIUM;
            }
            if (pick % 19 == 0) {
                return OfferId.of("no-such-offer");
            }
            List<OfferSpec> automatic = OFFERS.stream().filter(o -> o.plan().type() == TopUpType.AUTOMATIC).toList();
            return pick % 3 == 0 ? automatic.get(pick / 3 % automatic.size()).id() : OFFERS.get(pick % OFFERS.size()).id();
        }

        private SubscriptionId subscription(int pick) {
            return subscriptions.isEmpty() || pick % 11 == 0 ? SubscriptionId.of("sub-missing")
                    : subscriptions.get(pick % subscriptions.size());
        }

        /** Sends a request under {@code key} to both, remembers it for replays, and compares what its key recorded. */
        private Object keyed(String what, IdempotencyKey key, Function<IdempotencyKey, Function<Plenigo, Object>> request) {
            Function<Plenigo, Object> call = request.apply(key);
            sent.add(new Keyed(key, what, call));
            return record(key, what, call);
        }

        private Object record(IdempotencyKey key, String what, Function<Plenigo, Object> call) {
            Object result = call(what + " under " + key, call);
            assertThat(idempotencyRecord(postgres, key)).as("idempotency record of %s", key)
                    .isEqualTo(idempotencyRecord(memory, key));
            return result;
        }

        /** Makes the same call on both; they must answer alike. Returns the answer, null if it was an exception. */
        private Object call(String what, Function<Plenigo, Object> call) {
            Outcome expected = memory.call(call);
            Outcome actual = postgres.call(call);
            trace.add("  " + what + " -> " + (expected.failure() != null ? expected.failure() : expected.value()));
            assertThat(actual).as("answer to %s", what).isEqualTo(expected);
            return expected.value();
        }

        private void compareState() {
            assertThat(postgres.clock.instant()).isEqualTo(memory.clock.instant());
            Map<String, Object> expected = memory.state();
            Map<String, Object> actual = postgres.state();
            assertThat(actual.keySet()).as("what exists").containsExactlyElementsOf(expected.keySet());
            expected.forEach((part, value) -> assertThat(actual.get(part)).as(part).isEqualTo(value));
            state = expected;
        }

        /** The records of every key a request was sent under, and of the keys the operations derived themselves. */
        private void compareIdempotencyRecords() {
            Set<IdempotencyKey> keys = new LinkedHashSet<>();
            sent.forEach(k -> keys.add(k.key()));
            state.values().stream().filter(List.class::isInstance).flatMap(v -> ((List<?>) v).stream())
                    .filter(LedgerEntry.class::isInstance).map(LedgerEntry.class::cast).forEach(entry -> {
                        keys.add(entry.key());
                        keys.add(IdempotencyKey.of("reversal-of-" + entry.id()));
                    });
            for (IdempotencyKey key : keys) {
                assertThat(idempotencyRecord(postgres, key)).as("idempotency record of %s", key)
                        .isEqualTo(idempotencyRecord(memory, key));
            }
        }

        private static Object idempotencyRecord(Side side, IdempotencyKey key) {
            side.budget.set(UNITS_OF_WORK_PER_CALL);
            return side.store.transactions().inTransaction(() -> side.store.idempotency().find(key));
        }
    }
}
