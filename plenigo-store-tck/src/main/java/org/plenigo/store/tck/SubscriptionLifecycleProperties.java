package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.Plenigo;
import org.plenigo.core.access.AccessCheck;
import org.plenigo.core.access.AccessDecision;
import org.plenigo.core.access.AccessReason;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.invoice.Invoice;
import org.plenigo.core.invoice.InvoiceKind;
import org.plenigo.core.invoice.InvoicePurpose;
import org.plenigo.core.invoice.InvoiceService;
import org.plenigo.core.money.Money;
import org.plenigo.core.payment.Payment;
import org.plenigo.core.payment.PaymentMethodDetails;
import org.plenigo.core.payment.PaymentMethodId;
import org.plenigo.core.payment.PaymentRequest;
import org.plenigo.core.payment.PaymentStatus;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.plenigo.core.store.Store;
import org.plenigo.core.subscription.Cancellation;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionId;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.subscription.SubscriptionStatus;
import org.plenigo.core.time.Interval;
import org.plenigo.core.topup.SchedulerRun;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * A model test of the lifecycle of time-based subscriptions on the store under test: a random
 * catalog (monthly, weekly, yearly and quarterly billing, with or without a term, a cancellation
 * period and the consumer notice rule) and a random run of subscriptions (sometimes paid by a second
 * card), scripted declines and failures of the next charges, clock moves of hours to months (across
 * month ends and daylight-saving switches), scheduler runs, regular cancellations and their
 * withdrawal, immediate cancellations, changes of the payment method and manual payments.
 *
 * <p>After every command the store is compared with a plain model that knows only the documented
 * rules (docs/access.md, time-based subscriptions) and computes the billing periods itself with
 * {@code java.time}: period {@code n} of a subscription starts on the day {@code n} billing
 * intervals after the day it started, at 00:00 in Europe/Berlin. It checks that every period the
 * scheduler reached was charged successfully exactly once, or is unpaid and in dunning with the
 * attempts the retry schedule makes (each kept as a payment with the method it was charged to);
 * that each paid period has exactly one invoice naming its days and no other invoice exists; that
 * the subscription's stored state (index, paid until, unpaid since, pending end, next due instant)
 * is the model's; and that the access check answers {@code SUBSCRIPTION} exactly while the moment
 * lies in a paid period or the dunning grace, {@code ACCESS_BLOCKED} after the last failed retry and
 * {@code NO_ACCESS_RIGHT} otherwise, with the cache limit of the item that decides.
 *
 * <p>A store's test class extends this and says how to create a fresh store; each example gets a
 * new one. QuickTheories prints the seed of a failing run; {@code -DQT_SEED=...} runs it again.
 */
public abstract class SubscriptionLifecycleProperties {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Money PRICE = Money.of("9.90", "EUR");
    /** The default dunning, written out: retries 1, 3 and 7 days after the unpaid period's first day, the end after 30. */
    private static final List<Integer> RETRY_DAYS = List.of(1, 3, 7);
    private static final int END_AFTER_DAYS = 30;
    private static final int RIGHTS = 3;
    /** Two consumers in Germany and a business with a VAT id, for whom the consumer notice rule never applies. */
    private static final List<CustomerSpec> CUSTOMERS = List.of(new CustomerSpec("anna", Optional.empty()),
            new CustomerSpec("ben", Optional.empty()), new CustomerSpec("firma", Optional.of("DE987654321")));
    private static final List<Interval> BILLING = List.of(Interval.months(1), Interval.weeks(1), Interval.years(1),
            Interval.weeks(2), Interval.months(3));
    private static final List<Optional<Interval>> TERMS = List.of(Optional.empty(), Optional.of(Interval.months(3)),
            Optional.of(Interval.years(1)), Optional.of(Interval.months(1)), Optional.of(Interval.weeks(6)));
    private static final List<Optional<Interval>> NOTICES = List.of(Optional.empty(), Optional.of(Interval.months(1)),
            Optional.of(Interval.weeks(2)), Optional.of(Interval.months(3)));
    /** Days a run may start on: month ends, leap days and the days of the clock changes. */
    private static final List<LocalDate> SPECIAL_DAYS = List.of(LocalDate.of(2025, 1, 31), LocalDate.of(2025, 3, 30),
            LocalDate.of(2025, 3, 29), LocalDate.of(2025, 10, 26), LocalDate.of(2025, 10, 25),
            LocalDate.of(2026, 3, 29), LocalDate.of(2026, 10, 25), LocalDate.of(2027, 2, 28),
            LocalDate.of(2028, 2, 29), LocalDate.of(2025, 8, 31), LocalDate.of(2025, 12, 31));

    /** A fresh, empty store for one example. */
    protected abstract Store newStore();

    /** How many random runs to try. */
    protected int examples() {
        return 200;
    }

    /** The most commands in one run. */
    protected int maxCommands() {
        return 30;
    }

    private record CustomerSpec(String id, Optional<String> vatId) {
    }

    /** @param rights a bit mask over the rights, at least one */
    private record OfferSpec(Interval billing, Optional<Interval> term, Optional<Interval> notice,
                             boolean consumerNotice, int rights) {
        @Override
        public String toString() {
            return "offer(billing " + billing + ", term " + term.map(Interval::toString).orElse("-") + ", notice "
                    + notice.map(Interval::toString).orElse("-") + (consumerNotice ? ", consumer notice" : "")
                    + ", rights " + rights + ")";
        }
    }

    private enum Kind {
        SUBSCRIBE, SCRIPT, ADVANCE, RUN_DUE, REQUEST_CANCELLATION, WITHDRAW_CANCELLATION, CANCEL_IMMEDIATELY,
        CHANGE_PAYMENT_METHOD, RETRY_PAYMENT
    }

    /** One command; {@code a}, {@code b} and {@code c} pick its arguments. */
    private record Command(Kind kind, int a, int b, int c) {
        @Override
        public String toString() {
            return kind + "(" + a + "," + b + "," + c + ")";
        }
    }

    private record Scenario(Instant start, List<OfferSpec> offers, List<Command> commands) {
    }

    /** What the simulated provider is scripted to answer next. */
    private enum Scripted { DECLINE, FAIL }

    @Test
    void everyPaidPeriodIsChargedOnceAndAccessFollowsWhatWasPaid() {
        qt().withExamples(examples()).withShrinkCycles(200)
                .forAll(scenarios(maxCommands()))
                .checkAssert(scenario -> new Run(scenario).execute());
    }

    // ----- generators -----

    private static Gen<Scenario> scenarios(int maxCommands) {
        return in -> new Scenario(start(in), list(in, 1, 4, SubscriptionLifecycleProperties::offer),
                list(in, Math.max(1, maxCommands / 2), maxCommands, SubscriptionLifecycleProperties::command));
    }

    private static Instant start(RandomnessSource in) {
        LocalDate day = between(in, 0, 2) == 0 ? SPECIAL_DAYS.get(between(in, 0, SPECIAL_DAYS.size() - 1))
                : LocalDate.of(2025, 1, 1).plusDays(between(in, 0, 3 * 365));
        return day.atTime(LocalTime.ofSecondOfDay(between(in, 0, 86_399))).atZone(ZONE).toInstant();
    }

    private static OfferSpec offer(RandomnessSource in) {
        return new OfferSpec(BILLING.get(between(in, 0, BILLING.size() - 1)), TERMS.get(between(in, 0, TERMS.size() - 1)),
                NOTICES.get(between(in, 0, NOTICES.size() - 1)), between(in, 0, 1) == 0,
                between(in, 1, (1 << RIGHTS) - 1));
    }

    private static Command command(RandomnessSource in) {
        Kind kind = switch (between(in, 0, 26)) {
            case 0, 1, 2 -> Kind.SUBSCRIBE;
            case 3, 4, 5, 6 -> Kind.SCRIPT;
            case 7, 8, 9, 10, 11, 12, 13 -> Kind.ADVANCE;
            case 14, 15, 16, 17, 18, 19 -> Kind.RUN_DUE;
            case 20, 21 -> Kind.REQUEST_CANCELLATION;
            case 22 -> Kind.WITHDRAW_CANCELLATION;
            case 23 -> Kind.CANCEL_IMMEDIATELY;
            case 24 -> Kind.CHANGE_PAYMENT_METHOD;
            default -> Kind.RETRY_PAYMENT;
        };
        return new Command(kind, between(in, 0, 999), between(in, 0, 999), between(in, 0, 999));
    }

    private static int between(RandomnessSource in, int min, int max) {
        return Generate.range(min, max).generate(in);
    }

    private static <T> List<T> list(RandomnessSource in, int min, int max, Gen<T> element) {
        int size = between(in, min, max);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.generate(in));
        }
        return list;
    }

    // ----- names -----

    private static AccessRightId right(int i) {
        return AccessRightId.of("right-" + i);
    }

    private static OfferId offerId(int i) {
        return OfferId.of("offer-" + i);
    }

    private static CustomerId customer(int i) {
        return CustomerId.of(CUSTOMERS.get(i).id());
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant();
    }

    private static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }

    /** {@code n} intervals after {@code day}, counted from {@code day} itself (the calendar does the month ends). */
    private static LocalDate plus(LocalDate day, Interval interval, long n) {
        long amount = n * interval.count();
        return switch (interval.unit()) {
            case DAY -> day.plusDays(amount);
            case WEEK -> day.plusWeeks(amount);
            case MONTH -> day.plusMonths(amount);
            case YEAR -> day.plusYears(amount);
        };
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** The model's subscription. */
    private static final class Sub {
        final SubscriptionId id;
        final CustomerId customer;
        final int offer;
        final OfferSpec spec;
        final Instant started;
        final LocalDate startDay;
        Optional<PaymentMethodId> method;
        boolean active = true;
        Optional<Instant> cancelledAt = Optional.empty();
        /** The next period to charge. */
        long next = 1;
        Instant paidUntil;
        boolean unpaid;
        /** While unpaid: when the next retry (or the end of dunning) is due. */
        Instant retryAt;
        Optional<Instant> endsAt = Optional.empty();
        Instant itemsEnd;
        boolean blocked;
        /** Per charge instant (the period's start), the attempts: status and method. */
        final Map<Instant, List<String>> attempts = new TreeMap<>();

        Sub(SubscriptionId id, CustomerId customer, int offer, OfferSpec spec, Instant started,
            Optional<PaymentMethodId> method) {
            this.id = id;
            this.customer = customer;
            this.offer = offer;
            this.spec = spec;
            this.started = started;
            this.startDay = dayOf(started);
            this.method = method;
            this.paidUntil = startOf(periodDay(1));
            this.itemsEnd = paidUntil;
        }

        LocalDate periodDay(long n) {
            return plus(startDay, spec.billing(), n);
        }

        Instant periodStart(long n) {
            return n == 0 ? started : startOf(periodDay(n));
        }

        Optional<Instant> due() {
            if (!active) {
                return Optional.empty();
            }
            Instant own = unpaid ? retryAt : periodStart(next);
            return Optional.of(endsAt.map(end -> min(end, own)).orElse(own));
        }

        ChargeReference paysFor() {
            return ChargeReference.subscription(id.value());
        }

        @Override
        public String toString() {
            return id + " of " + customer + " to offer-" + offer + " from " + started;
        }
    }

    private final class Run {
        private final Scenario scenario;
        private final Store store = newStore();
        private final MutableClock clock;
        private final SimulatedPaymentProvider provider = new SimulatedPaymentProvider();
        private final Plenigo plenigo;
        private final Map<SubscriptionId, Sub> subs = new LinkedHashMap<>();
        /** What the provider is scripted to answer next, per target: {@code sub:<id>} or {@code new:<customer>}. */
        private final Map<String, Deque<Scripted>> providerScripts = new HashMap<>();
        /** The same scripts as the model uses them up. */
        private final Map<String, Deque<Scripted>> modelScripts = new HashMap<>();
        /** The attempts of subscriptions that were refused, per customer. */
        private final Map<CustomerId, List<String>> refused = new HashMap<>();
        /** Each customer's cards: the default first, then a second one. */
        private final Map<CustomerId, List<PaymentMethodId>> cards = new HashMap<>();
        private final List<String> trace = new ArrayList<>();
        private int keys;

        Run(Scenario scenario) {
            this.scenario = scenario;
            this.clock = MutableClock.at(scenario.start(), ZONE);
            // the newest script is asked first: a failure, then a decline, else the charge succeeds
            provider.script(request -> take(request, Scripted.DECLINE), SimulatedPaymentProvider.decline("card declined"));
            provider.script(request -> take(request, Scripted.FAIL), SimulatedPaymentProvider.fail("provider timeout"));
            this.plenigo = Plenigo.builder().seller(StoreContractSupport.SELLER).store(store).clock(clock).zone(ZONE)
                    .paymentProvider(provider).build();
        }

        private boolean take(PaymentRequest request, Scripted answer) {
            Deque<Scripted> script = providerScripts.get(target(request));
            if (script != null && script.peekFirst() == answer) {
                script.removeFirst();
                return true;
            }
            return false;
        }

        /** Whom a charge is for: a subscription the model knows, or one being created. */
        private String target(PaymentRequest request) {
            return subs.values().stream().filter(s -> s.paysFor().equals(request.paysFor())).findFirst()
                    .map(s -> "sub:" + s.id.value()).orElse("new:" + request.customerId().value());
        }

        void execute() {
            setUp();
            trace.add("start at " + clock.instant() + " with " + scenario.offers());
            for (Command command : scenario.commands()) {
                trace.add(command + " at " + clock.instant());
                try {
                    step(command);
                    checkEverything();
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError("after " + String.join("; ", trace) + ": " + e.getMessage(), e);
                }
            }
        }

        private void setUp() {
            for (int i = 0; i < RIGHTS; i++) {
                plenigo.catalog().createAccessRight(new AccessRight(right(i), "Right " + i));
            }
            for (int i = 0; i < scenario.offers().size(); i++) {
                OfferSpec spec = scenario.offers().get(i);
                ProductContract contract = ProductContract.timeBased(ProductContractId.of("contract-" + i),
                        "Contract " + i, PRICE, TaxType.DIGITAL_NEWSPAPER, spec.billing())
                        .withConsumerNotice(spec.consumerNotice());
                contract = spec.term().map(contract::withTerm).orElse(contract);
                contract = spec.notice().map(contract::withCancellationPeriod).orElse(contract);
                plenigo.catalog().createProductContract(contract);
                plenigo.catalog().createOffer(Offer.timeBased(offerId(i), "Offer " + i, contract.id(), rights(spec)));
            }
            for (int i = 0; i < CUSTOMERS.size(); i++) {
                CustomerSpec spec = CUSTOMERS.get(i);
                Customer customer = Customer.of(customer(i), spec.id() + "@example.org", "Reader " + spec.id(), "DE");
                plenigo.customers().register(spec.vatId().map(customer::withVatId).orElse(customer));
                List<PaymentMethodId> methods = new ArrayList<>();
                for (int card = 0; card < 2; card++) {
                    methods.add(plenigo.paymentMethods().add(customer(i), new PaymentMethodDetails.CreditCard(
                            "tok-" + spec.id() + "-" + card, "VISA", "424" + card, 12, 2099), card == 0,
                            IdempotencyKey.of("card-" + spec.id() + "-" + card)).id());
                }
                cards.put(customer(i), methods);
            }
        }

        private Set<AccessRightId> rights(OfferSpec spec) {
            Set<AccessRightId> rights = new HashSet<>();
            for (int bit = 0; bit < RIGHTS; bit++) {
                if ((spec.rights() & 1 << bit) != 0) {
                    rights.add(right(bit));
                }
            }
            return rights;
        }

        private IdempotencyKey newKey() {
            return IdempotencyKey.of("cmd-" + ++keys);
        }

        private Optional<Sub> pick(int pick) {
            if (subs.isEmpty()) {
                trace.add("(no subscription)");
                return Optional.empty();
            }
            Sub sub = new ArrayList<>(subs.values()).get(pick % subs.size());
            trace.add("on " + sub.id);
            return Optional.of(sub);
        }

        private void step(Command command) {
            switch (command.kind()) {
                case SUBSCRIBE -> subscribe(command.a() % CUSTOMERS.size(), command.b() % scenario.offers().size(),
                        command.c() % 3 == 0);
                case SCRIPT -> script(command);
                case ADVANCE -> advance(command.a(), command.b());
                case RUN_DUE -> runDue();
                case REQUEST_CANCELLATION -> pick(command.a()).ifPresent(this::requestCancellation);
                case WITHDRAW_CANCELLATION -> pick(command.a()).ifPresent(this::withdrawCancellation);
                case CANCEL_IMMEDIATELY -> pick(command.a()).ifPresent(sub -> cancelImmediately(sub,
                        command.b() % 2 == 0));
                case CHANGE_PAYMENT_METHOD -> pick(command.a()).ifPresent(sub -> changePaymentMethod(sub,
                        cards.get(sub.customer).get(command.b() % 2)));
                case RETRY_PAYMENT -> pick(command.a()).ifPresent(this::retryPayment);
            }
        }

        // ----- commands, each done by the model and by the library -----

        private void subscribe(int customerIndex, int offer, boolean secondCard) {
            CustomerId customer = customer(customerIndex);
            Optional<PaymentMethodId> method = secondCard ? Optional.of(cards.get(customer).get(1)) : Optional.empty();
            trace.add(customer + " subscribes to offer-" + offer + (secondCard ? " with the second card" : ""));
            IdempotencyKey key = newKey();
            boolean held = subs.values().stream().anyMatch(s -> s.customer.equals(customer) && s.offer == offer
                    && s.active);
            if (held) {
                assertRefused(() -> plenigo.subscriptions().subscribe(customer, offerId(offer), method, key),
                        ErrorCode.ALREADY_SUBSCRIBED);
                return;
            }
            Optional<Scripted> answer = Optional.ofNullable(modelScripts.getOrDefault("new:" + customer.value(),
                    new ArrayDeque<>()).pollFirst());
            Instant now = clock.instant();
            SubscriptionResult result = plenigo.subscriptions().subscribe(customer, offerId(offer), method, key);
            PaymentMethodId charged = method.orElse(cards.get(customer).get(0));
            if (answer.isPresent()) {
                assertThat(result).isInstanceOfSatisfying(SubscriptionResult.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(Refusal.PAYMENT_FAILED));
                refused.computeIfAbsent(customer, c -> new ArrayList<>()).add(status(answer) + " " + charged.value());
                return;
            }
            assertThat(result).isInstanceOf(SubscriptionResult.Activated.class);
            SubscriptionResult.Activated activated = (SubscriptionResult.Activated) result;
            Sub sub = new Sub(activated.subscription().id(), customer, offer, scenario.offers().get(offer), now, method);
            sub.attempts.computeIfAbsent(now, at -> new ArrayList<>()).add(status(answer) + " " + charged.value());
            subs.put(sub.id, sub);
            trace.add("created " + sub.id);
            assertThat(activated.items()).hasSize(rights(sub.spec).size());
        }

        private void script(Command command) {
            boolean forNew = subs.isEmpty() || command.a() % 4 == 0;
            String target = forNew ? "new:" + customer(command.b() % CUSTOMERS.size()).value()
                    : "sub:" + new ArrayList<>(subs.keySet()).get(command.b() % subs.size()).value();
            int count = 1 + command.c() % 4;
            Scripted answer = (command.c() / 4) % 3 == 0 ? Scripted.FAIL : Scripted.DECLINE;
            trace.add(answer + " x" + count + " for " + target);
            for (int i = 0; i < count; i++) {
                providerScripts.computeIfAbsent(target, t -> new ArrayDeque<>()).addLast(answer);
                modelScripts.computeIfAbsent(target, t -> new ArrayDeque<>()).addLast(answer);
            }
        }

        private void advance(int how, int amount) {
            switch (how % 6) {
                case 0 -> clock.advance(Duration.ofMinutes(1 + amount % (24 * 60)));
                case 1 -> clock.advance(Period.ofDays(1 + amount % 12));
                case 2 -> clock.advance(Period.ofMonths(1 + amount % 3));
                case 3 -> clock.set(startOf(dayOf(clock.instant()).plusDays(1 + amount % 3)));
                case 4 -> clock.advance(Duration.ofHours(1 + amount % (40 * 24)));
                default -> clock.advance(Period.ofWeeks(1 + amount % 4));
            }
            trace.add("now " + clock.instant());
        }

        private void runDue() {
            Instant now = clock.instant();
            int[] counts = new int[3];
            for (Sub sub : subs.values()) {
                while (sub.due().filter(due -> !due.isAfter(now)).isPresent()) {
                    counts[dueStep(sub, sub.due().orElseThrow())]++;
                }
            }
            SchedulerRun run = plenigo.topUps().runDue();
            trace.add("ran " + run);
            assertThat(run).as("scheduler run").isEqualTo(new SchedulerRun(0, 0, 0, 0, counts[0], counts[1], counts[2]));
        }

        /** What the scheduler does when {@code sub} is due: 0 renewed, 1 failed, 2 ended. */
        private int dueStep(Sub sub, Instant due) {
            if (sub.endsAt.isPresent() && !sub.endsAt.get().isAfter(due)) {
                end(sub, sub.endsAt.get());
                return 2;
            }
            if (!sub.unpaid) {
                return attempt(sub, 0) ? 0 : 1;
            }
            long elapsed = ChronoUnit.DAYS.between(sub.periodDay(sub.next), dayOf(due));
            if (elapsed >= END_AFTER_DAYS) {
                end(sub, due);
                return 2;
            }
            return attempt(sub, elapsed) ? 0 : 1;
        }

        private void end(Sub sub, Instant at) {
            sub.active = false;
            sub.cancelledAt = Optional.of(at);
            sub.endsAt = Optional.empty();
            sub.itemsEnd = min(sub.itemsEnd, at);
        }

        /** Charges the next period, {@code elapsed} days after its first day; returns whether it paid. */
        private boolean attempt(Sub sub, long elapsed) {
            Optional<Scripted> answer = Optional.ofNullable(modelScripts.getOrDefault("sub:" + sub.id.value(),
                    new ArrayDeque<>()).pollFirst());
            Instant start = sub.periodStart(sub.next);
            PaymentMethodId method = sub.method.orElse(cards.get(sub.customer).get(0));
            sub.attempts.computeIfAbsent(start, at -> new ArrayList<>()).add(status(answer) + " " + method.value());
            LocalDate firstDay = sub.periodDay(sub.next);
            if (answer.isEmpty()) {
                sub.next++;
                sub.paidUntil = sub.periodStart(sub.next);
                sub.itemsEnd = sub.paidUntil;
                sub.unpaid = false;
                sub.blocked = false;
                return true;
            }
            Instant dunningEnd = startOf(firstDay.plusDays(END_AFTER_DAYS));
            Optional<Integer> nextRetry = RETRY_DAYS.stream().filter(days -> days > elapsed).findFirst();
            if (!sub.unpaid) {
                // access stays while the charge is retried
                sub.itemsEnd = dunningEnd;
            }
            sub.unpaid = true;
            sub.retryAt = nextRetry.map(days -> startOf(firstDay.plusDays(days))).orElse(dunningEnd);
            if (nextRetry.isEmpty()) {
                sub.blocked = true;
            }
            return false;
        }

        private void requestCancellation(Sub sub) {
            if (!sub.active) {
                assertRefused(() -> plenigo.subscriptions().requestCancellation(sub.id), ErrorCode.INVALID_STATE);
                return;
            }
            Instant expected = sub.endsAt.orElseGet(() -> startOf(takesEffect(sub, dayOf(clock.instant()))));
            Cancellation cancellation = plenigo.subscriptions().requestCancellation(sub.id);
            trace.add("ends at " + cancellation.takesEffectAt());
            assertThat(cancellation.takesEffectAt()).as("the day the cancellation takes effect").isEqualTo(expected);
            assertThat(cancellation.refund()).isEmpty();
            sub.endsAt = Optional.of(expected);
        }

        /**
         * The first day without the subscription for a regular cancellation given on {@code today}:
         * the end of the current term (the billing interval without a term) if given at least the
         * cancellation period before it, else the end of the next term; for a consumer in Germany
         * (the contract's flag, a term, no VAT id) the end of the initial term if the notice (the
         * cancellation period but at most a month; without one the end of the running billing
         * period, at most a month ahead) reaches it, else the day the notice runs out.
         */
        private LocalDate takesEffect(Sub sub, LocalDate today) {
            OfferSpec spec = sub.spec;
            Interval term = spec.term().orElse(spec.billing());
            boolean consumer = spec.consumerNotice() && spec.term().isPresent()
                    && CUSTOMERS.stream().filter(c -> c.id().equals(sub.customer.value())).findFirst().orElseThrow()
                    .vatId().isEmpty();
            if (consumer) {
                LocalDate initialEnd = plus(sub.startDay, term, 1);
                LocalDate monthOut = today.plusMonths(1);
                LocalDate noticed = spec.notice().map(p -> plus(today, p, 1))
                        .orElseGet(() -> firstBoundaryAfter(sub.startDay, spec.billing(), today));
                noticed = noticed.isBefore(monthOut) ? noticed : monthOut;
                return noticed.isAfter(initialEnd) ? noticed : initialEnd;
            }
            LocalDate termEnd = firstBoundaryAfter(sub.startDay, term, today);
            boolean inTime = spec.notice().map(p -> !plus(today, p, 1).isAfter(termEnd)).orElse(true);
            if (inTime) {
                return termEnd;
            }
            long k = 1;
            while (!plus(sub.startDay, term, k).equals(termEnd)) {
                k++;
            }
            return plus(sub.startDay, term, k + 1);
        }

        private LocalDate firstBoundaryAfter(LocalDate startDay, Interval interval, LocalDate day) {
            for (long k = 1; ; k++) {
                LocalDate boundary = plus(startDay, interval, k);
                if (boundary.isAfter(day)) {
                    return boundary;
                }
            }
        }

        private void withdrawCancellation(Sub sub) {
            if (!sub.active || sub.endsAt.filter(clock.instant()::isBefore).isEmpty()) {
                assertRefused(() -> plenigo.subscriptions().withdrawCancellation(sub.id), ErrorCode.INVALID_STATE);
                return;
            }
            Subscription withdrawn = plenigo.subscriptions().withdrawCancellation(sub.id);
            assertThat(withdrawn.endsAt()).isEmpty();
            sub.endsAt = Optional.empty();
        }

        private void cancelImmediately(Sub sub, boolean refund) {
            IdempotencyKey key = newKey();
            if (!sub.active) {
                assertRefused(() -> plenigo.subscriptions().cancelImmediately(sub.id, refund, key),
                        ErrorCode.INVALID_STATE);
                return;
            }
            Instant now = clock.instant();
            Optional<Cancellation.Refund> expected = refund ? unused(sub, now) : Optional.empty();
            end(sub, now);
            Cancellation cancellation = plenigo.subscriptions().cancelImmediately(sub.id, refund, key);
            assertThat(cancellation.takesEffectAt()).isEqualTo(now);
            assertThat(cancellation.refund()).as("the unused part of the paid period").isEqualTo(expected);
        }

        /** The paid days after today and their share of the price, rounded half up, if any are left. */
        private Optional<Cancellation.Refund> unused(Sub sub, Instant now) {
            if (!now.isBefore(sub.paidUntil)) {
                return Optional.empty();
            }
            LocalDate end = dayOf(sub.paidUntil);
            long periodDays = ChronoUnit.DAYS.between(sub.periodDay(sub.next - 1), end);
            long unusedDays = ChronoUnit.DAYS.between(dayOf(now).plusDays(1), end);
            if (unusedDays < 1) {
                return Optional.empty();
            }
            BigDecimal amount = PRICE.amount().multiply(BigDecimal.valueOf(unusedDays))
                    .divide(BigDecimal.valueOf(periodDays), 2, RoundingMode.HALF_UP);
            return Optional.of(new Cancellation.Refund(unusedDays, periodDays, Money.of(amount, "EUR")));
        }

        private void changePaymentMethod(Sub sub, PaymentMethodId method) {
            trace.add("to " + method);
            if (!sub.active) {
                assertRefused(() -> plenigo.subscriptions().changePaymentMethod(sub.id, method), ErrorCode.INVALID_STATE);
                return;
            }
            assertThat(plenigo.subscriptions().changePaymentMethod(sub.id, method).paymentMethodId()).contains(method);
            sub.method = Optional.of(method);
        }

        private void retryPayment(Sub sub) {
            IdempotencyKey key = newKey();
            if (!sub.active) {
                assertRefused(() -> plenigo.subscriptions().retryPayment(sub.id, key), ErrorCode.INVALID_STATE);
                return;
            }
            if (sub.unpaid) {
                attempt(sub, ChronoUnit.DAYS.between(sub.periodDay(sub.next), dayOf(clock.instant())));
            }
            Subscription after = plenigo.subscriptions().retryPayment(sub.id, key);
            assertThat(after.unpaidSince().isEmpty()).as("paid").isEqualTo(!sub.unpaid);
        }

        private static String status(Optional<Scripted> answer) {
            return answer.map(a -> a == Scripted.DECLINE ? PaymentStatus.DECLINED : PaymentStatus.FAILED)
                    .orElse(PaymentStatus.SUCCEEDED).name();
        }

        private void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
            assertThatThrownBy(call).isInstanceOfSatisfying(ConflictException.class,
                    e -> assertThat(e.code()).isEqualTo(code));
            trace.add("refused " + code);
        }

        // ----- the checks after every command -----

        private void checkEverything() {
            assertThat(providerScripts.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue()))))
                    .as("scripted answers not yet used (the charges the provider was asked for)")
                    .isEqualTo(modelScripts.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                            .collect(Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue()))));
            for (Sub sub : subs.values()) {
                checkSubscription(sub);
            }
            List<Long> counters = new ArrayList<>();
            for (int i = 0; i < CUSTOMERS.size(); i++) {
                checkPaymentsAndInvoices(customer(i));
                invoices(customer(i)).forEach(invoice -> counters.add(Long.parseLong(
                        invoice.number().substring(invoice.number().lastIndexOf('-') + 1))));
                for (int r = 0; r < RIGHTS; r++) {
                    checkAccess(customer(i), right(r));
                }
            }
            assertThat(counters.stream().sorted().toList()).as("invoice numbers without gaps")
                    .isEqualTo(LongStream.rangeClosed(1, counters.size()).boxed().toList());
        }

        private void checkSubscription(Sub sub) {
            Subscription stored = plenigo.subscriptions().find(sub.id).orElseThrow();
            assertThat(stored.status()).as("status of %s", sub)
                    .isEqualTo(sub.active ? SubscriptionStatus.ACTIVE : SubscriptionStatus.CANCELLED);
            assertThat(stored.cancelledAt()).as("end of %s", sub).isEqualTo(sub.cancelledAt);
            assertThat(stored.nextTopUpIndex()).as("next period of %s", sub).isEqualTo(sub.next);
            assertThat(stored.paidUntil()).as("paid until of %s", sub).contains(sub.paidUntil);
            assertThat(stored.unpaidSince()).as("unpaid since of %s", sub)
                    .isEqualTo(sub.unpaid ? Optional.of(sub.periodStart(sub.next)) : Optional.empty());
            assertThat(stored.endsAt()).as("pending end of %s", sub).isEqualTo(sub.endsAt);
            assertThat(stored.nextTopUpAt()).as("next due of %s", sub).isEqualTo(sub.due());
            assertThat(stored.paymentMethodId()).as("payment method of %s", sub).isEqualTo(sub.method);
        }

        private void checkPaymentsAndInvoices(CustomerId customer) {
            List<Payment> payments = tx(() -> store.payments().findByCustomer(customer));
            Map<ChargeReference, Map<Instant, List<String>>> byPeriod = new HashMap<>();
            List<String> refusedAttempts = new ArrayList<>();
            Set<ChargeReference> known = subs.values().stream().map(Sub::paysFor).collect(Collectors.toSet());
            for (Payment payment : payments) {
                String attempt = payment.status() + " " + payment.method().map(PaymentMethodId::value).orElse("-");
                if (known.contains(payment.request().paysFor())) {
                    byPeriod.computeIfAbsent(payment.request().paysFor(), p -> new TreeMap<>())
                            .computeIfAbsent(payment.request().at(), at -> new ArrayList<>()).add(attempt);
                } else {
                    refusedAttempts.add(attempt);
                }
            }
            assertThat(sorted(refusedAttempts)).as("the attempts of refused subscriptions of %s", customer)
                    .isEqualTo(sorted(refused.getOrDefault(customer, List.of())));
            List<Invoice> invoices = invoices(customer);
            Map<ChargeReference, List<Invoice>> invoicesBySub = invoices.stream()
                    .collect(Collectors.groupingBy(Invoice::paysFor));
            assertThat(known).as("every invoice of %s pays for a subscription", customer)
                    .containsAll(invoicesBySub.keySet());
            Money invoiced = Money.zero(PRICE.currency());
            Money paid = Money.zero(PRICE.currency());
            for (Sub sub : subs.values()) {
                if (!sub.customer.equals(customer)) {
                    continue;
                }
                Map<Instant, List<String>> actual = byPeriod.getOrDefault(sub.paysFor(), Map.of());
                Map<Instant, List<String>> expected = new TreeMap<>();
                sub.attempts.forEach((at, list) -> expected.put(at, sorted(list)));
                Map<Instant, List<String>> actualSorted = new TreeMap<>();
                actual.forEach((at, list) -> actualSorted.put(at, sorted(list)));
                assertThat(actualSorted).as("attempts per period of %s", sub).isEqualTo(expected);
                // the property itself: periods 0 to next - 1 paid exactly once each, none after them
                List<Payment> succeeded = payments.stream().filter(p -> p.request().paysFor().equals(sub.paysFor())
                        && p.status() == PaymentStatus.SUCCEEDED).toList();
                List<Instant> paidStarts = new ArrayList<>();
                for (long n = 0; n < sub.next; n++) {
                    paidStarts.add(sub.periodStart(n));
                }
                assertThat(succeeded).extracting(p -> p.request().at()).as("periods paid of %s", sub)
                        .containsExactlyInAnyOrderElementsOf(paidStarts);
                List<Invoice> ofSub = invoicesBySub.getOrDefault(sub.paysFor(), List.of());
                List<String> expectedLines = new ArrayList<>();
                for (long n = 0; n < sub.next; n++) {
                    expectedLines.add(sub.periodDay(n) + ".." + sub.periodDay(n + 1).minusDays(1));
                }
                assertThat(ofSub).as("invoices of %s", sub).allSatisfy(invoice -> {
                    assertThat(invoice.kind()).isEqualTo(InvoiceKind.INVOICE);
                    assertThat(invoice.purpose()).isEqualTo(InvoicePurpose.SUBSCRIPTION_PERIOD);
                    assertThat(invoice.gross()).isEqualTo(PRICE);
                    assertThat(invoice.lines()).hasSize(1);
                });
                assertThat(ofSub.stream().map(invoice -> invoice.lines().get(0))
                        .map(line -> line.supplyFrom() + ".." + line.supplyUntil()).sorted().toList())
                        .as("one invoice per paid period of %s, naming its days", sub)
                        .isEqualTo(expectedLines.stream().sorted().toList());
                Set<ChargeId> succeededIds = succeeded.stream().map(Payment::id).collect(Collectors.toSet());
                assertThat(ofSub.stream().map(invoice -> invoice.charge().orElseThrow()).collect(Collectors.toSet()))
                        .as("the invoices of %s bill its successful payments", sub).isEqualTo(succeededIds);
                for (Invoice invoice : ofSub) {
                    invoiced = invoiced.plus(invoice.gross());
                }
                for (Payment payment : succeeded) {
                    paid = paid.plus(payment.amount());
                }
            }
            assertThat(invoiced).as("invoiced and paid by %s", customer).isEqualTo(paid);
            assertThat(invoices.stream().map(Invoice::number).distinct().count()).isEqualTo(invoices.size());
        }

        private List<Invoice> invoices(CustomerId customer) {
            List<Invoice> all = new ArrayList<>();
            for (int page = 0; ; page++) {
                List<Invoice> invoices = plenigo.invoices().list(customer, page, InvoiceService.MAX_PAGE_SIZE);
                all.addAll(invoices);
                if (invoices.size() < InvoiceService.MAX_PAGE_SIZE) {
                    return all;
                }
            }
        }

        /**
         * The access check of content that requires {@code right}: the customer's subscriptions to
         * offers granting it hold items from their start to the end the model gave them; an item
         * active and not blocked grants (the one that ends last decides the cache limit), only
         * blocked ones answer ACCESS_BLOCKED, none NO_ACCESS_RIGHT with the offers granting it.
         */
        private void checkAccess(CustomerId customer, AccessRightId right) {
            Instant now = clock.instant();
            List<Sub> holding = subs.values().stream().filter(s -> s.customer.equals(customer)
                    && rights(s.spec).contains(right) && !s.started.isAfter(now) && now.isBefore(s.itemsEnd)).toList();
            List<OfferId> offers = new ArrayList<>();
            for (int i = 0; i < scenario.offers().size(); i++) {
                if (rights(scenario.offers().get(i)).contains(right)) {
                    offers.add(offerId(i));
                }
            }
            offers.sort(Comparator.comparing(OfferId::value));
            AccessDecision expected;
            Optional<Instant> grantedUntil = holding.stream().filter(s -> !s.blocked).map(s -> s.itemsEnd)
                    .max(Comparator.naturalOrder());
            Optional<Instant> blockedUntil = holding.stream().filter(s -> s.blocked).map(s -> s.itemsEnd)
                    .min(Comparator.naturalOrder());
            if (grantedUntil.isPresent()) {
                expected = new AccessDecision(true, AccessReason.SUBSCRIPTION, OptionalInt.empty(), List.of(),
                        grantedUntil);
            } else if (blockedUntil.isPresent()) {
                expected = new AccessDecision(false, AccessReason.ACCESS_BLOCKED, OptionalInt.empty(), offers,
                        blockedUntil);
            } else {
                expected = new AccessDecision(false, AccessReason.NO_ACCESS_RIGHT, OptionalInt.empty(), offers,
                        Optional.empty());
            }
            AccessDecision actual = plenigo.access().check(AccessCheck.of(ContentId.of("article"), right)
                    .withCustomer(customer));
            assertThat(actual).as("access of %s to %s at %s", customer, right, now).isEqualTo(expected);
        }

        private <T> T tx(Supplier<T> work) {
            return store.transactions().inTransaction(work);
        }

        private List<String> sorted(List<String> list) {
            return list.stream().sorted().toList();
        }
    }
}
