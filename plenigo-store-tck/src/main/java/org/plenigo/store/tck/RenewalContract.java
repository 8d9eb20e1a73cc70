package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.plenigo.core.access.AccessReason.NO_ACCESS_RIGHT;
import static org.plenigo.core.access.AccessReason.SUBSCRIPTION;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plenigo.core.Plenigo;
import org.plenigo.core.access.AccessCheck;
import org.plenigo.core.access.AccessReason;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.invoice.Invoice;
import org.plenigo.core.invoice.InvoiceLine;
import org.plenigo.core.invoice.InvoicePurpose;
import org.plenigo.core.money.Money;
import org.plenigo.core.payment.CreditorId;
import org.plenigo.core.payment.Payment;
import org.plenigo.core.payment.PaymentMethod;
import org.plenigo.core.payment.PaymentMethodDetails;
import org.plenigo.core.payment.PaymentMethodType;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.plenigo.core.subscription.Dunning;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionEvent;
import org.plenigo.core.tax.TaxRate;
import org.plenigo.core.tax.TaxRule;
import org.plenigo.core.tax.TaxRuleId;
import org.plenigo.core.time.Interval;
import org.plenigo.core.topup.SchedulerRun;

/**
 * The renewals of time-based subscriptions by {@code topUps().runDue()} on the store under test:
 * each billing period charged when its first day starts (00:00 in Europe/Berlin), taxed and
 * invoiced with its days, the access right items extended to its end; across month ends, daylight
 * saving and a tax rate change; missed periods caught up in order; one charge per period however
 * many schedulers run; a failed charge leaves the period unpaid and is retried (dunning): access
 * stays during the retries, is blocked after the last and the subscription ends after 30 days; a
 * retry or a manual payment that pays unblocks at once and goes on from the paid period.
 */
public abstract class RenewalContract extends AccessPurchaseFixtures {
    private Subscription subscribe(LocalDateTime at, OfferId offer) {
        clock.set(at);
        return activate(reader, offer).subscription();
    }

    private Subscription reread(Subscription subscription) {
        return plenigo.subscriptions().find(subscription.id()).orElseThrow();
    }

    private List<InvoiceLine> periodLines() {
        return plenigo.invoices().list(reader, 0, 100).stream()
                .filter(invoice -> invoice.purpose() == InvoicePurpose.SUBSCRIPTION_PERIOD)
                .flatMap(invoice -> invoice.lines().stream())
                .sorted(Comparator.comparing(InvoiceLine::supplyFrom)).toList();
    }

    private AccessRightItem item() {
        return plenigo.access().items(reader).stream().filter(i -> i.accessRightId().equals(Optional.of(premium)))
                .findFirst().orElseThrow();
    }

    private AccessCheck read() {
        return content("article-1", premium).withCustomer(reader);
    }

    @ParameterizedTest(name = "bought 31 January {0}")
    @CsvSource({"2024, 29", "2025, 28"})
    void monthlyRenewalsFrom31JanuaryFollowTheMonthEndsAndStartAtTheStartOfTheirDay(int year, int lastOfFebruary) {
        OfferId offer = timeBasedOffer("digital", Interval.months(1), premium);
        Subscription subscription = subscribe(LocalDateTime.of(year, 1, 31, 10, 0), offer);
        Instant february = local(year + "-02-" + lastOfFebruary + "T00:00");
        Instant march = local(year + "-03-31T00:00");
        Instant april = local(year + "-04-30T00:00");
        assertThat(subscription.nextTopUpAt()).contains(february);

        for (Instant start : List.of(february, march)) {
            clock.set(start.minusSeconds(1));
            assertThat(plenigo.topUps().runDue().renewed()).as("just before %s", start).isZero();
            assertGranted(check(read()), SUBSCRIPTION, Optional.of(start));
            clock.set(start);
            assertThat(plenigo.topUps().runDue().renewed()).as("at %s", start).isEqualTo(1);
        }

        assertThat(chargedAmounts(reader)).containsExactly(ACCESS_PRICE, ACCESS_PRICE, ACCESS_PRICE);
        assertThat(periodLines()).extracting(InvoiceLine::supplyFrom, InvoiceLine::supplyUntil).containsExactly(
                tuple(LocalDate.of(year, 1, 31), LocalDate.of(year, 2, lastOfFebruary - 1)),
                tuple(LocalDate.of(year, 2, lastOfFebruary), LocalDate.of(year, 3, 30)),
                tuple(LocalDate.of(year, 3, 31), LocalDate.of(year, 4, 29)));
        assertThat(item().endsAt()).contains(april);
        Subscription now = reread(subscription);
        assertThat(now.nextTopUpIndex()).isEqualTo(3);
        assertThat(now.nextTopUpAt()).contains(april);
        assertThat(now.paidUntil()).contains(april);
        assertGranted(check(read()), SUBSCRIPTION, Optional.of(april));
        assertThat(events.ofType(SubscriptionEvent.Renewed.class)).extracting(SubscriptionEvent.Renewed::period,
                SubscriptionEvent.Renewed::paidUntil).containsExactly(tuple(1L, march), tuple(2L, april));
    }

    @ParameterizedTest(name = "bought {0} Europe/Berlin, renewed at {1}")
    @CsvSource({"2025-03-01T10:00, 2025-03-31T22:00:00Z", "2025-10-01T10:00, 2025-10-31T23:00:00Z"})
    void aRenewalAcrossADaylightSavingSwitchStartsAtLocalMidnight(LocalDateTime bought, Instant next) {
        OfferId offer = timeBasedOffer("digital", Interval.months(1), premium);
        Subscription subscription = subscribe(bought, offer);
        assertThat(subscription.nextTopUpAt()).contains(next);
        assertThat(item().endsAt()).contains(next);

        clock.set(next.minusSeconds(1));
        assertThat(plenigo.topUps().runDue().renewed()).isZero();
        clock.set(next);
        assertThat(plenigo.topUps().runDue().renewed()).isEqualTo(1);

        Instant following = LocalDate.ofInstant(next, ZONE).plusMonths(1).atStartOfDay(ZONE).toInstant();
        assertThat(item().endsAt()).contains(following);
        assertThat(following.atZone(ZONE).toLocalTime()).isEqualTo(java.time.LocalTime.MIDNIGHT);
        assertThat(chargedAmounts(reader)).hasSize(2);
    }

    @Test
    void eachPeriodIsTaxedByItsLastDaySoARateChangeCountsFromThePeriodThatEndsAfterIt() {
        // from 1 July 2025 (a rate change made up for the test) digital newspapers pay 19 % in Germany
        TaxRule current = plenigo.taxes().rules("DE", TaxType.DIGITAL_NEWSPAPER).stream()
                .filter(rule -> rule.validUntil().isEmpty()).findFirst().orElseThrow();
        plenigo.taxes().endRule(current.id(), LocalDate.of(2025, 6, 30));
        plenigo.taxes().addRule(new TaxRule(new TaxRuleId("de-news-19"), "DE", TaxType.DIGITAL_NEWSPAPER,
                TaxRate.of("19"), LocalDate.of(2025, 7, 1), Optional.empty(), "a rate change for the test"));
        OfferId offer = timeBasedOffer("digital", Interval.months(1), premium);
        subscribe(LocalDateTime.of(2025, 5, 15, 10, 0), offer);

        clock.set(LocalDateTime.of(2025, 7, 20, 8, 0));
        assertThat(plenigo.topUps().runDue().renewed()).isEqualTo(2);

        // 15 June to 14 July is charged on 15 June, before the change, and still taxed at 19 %
        assertThat(periodLines()).extracting(InvoiceLine::supplyFrom, InvoiceLine::supplyUntil, InvoiceLine::rate)
                .containsExactly(
                        tuple(LocalDate.of(2025, 5, 15), LocalDate.of(2025, 6, 14), current.rate()),
                        tuple(LocalDate.of(2025, 6, 15), LocalDate.of(2025, 7, 14), TaxRate.of("19")),
                        tuple(LocalDate.of(2025, 7, 15), LocalDate.of(2025, 8, 14), TaxRate.of("19")));
        assertThat(periodLines()).extracting(InvoiceLine::gross).containsOnly(ACCESS_PRICE);
    }

    @Test
    void threeMissedPeriodsAreCaughtUpInOrderEachChargedAndInvoicedAtItsOwnStartOnce() {
        OfferId offer = timeBasedOffer("digital", Interval.months(1), premium);
        Subscription subscription = subscribe(LocalDateTime.of(2025, 5, 1, 10, 0), offer);
        clock.set(LocalDateTime.of(2025, 8, 15, 12, 0));
        events.clear();

        SchedulerRun run = plenigo.topUps().runDue();

        assertThat(run).isEqualTo(new SchedulerRun(0, 0, 0, 0, 3, 0, 0));
        assertThat(plenigo.topUps().runDue()).isEqualTo(new SchedulerRun(0, 0, 0, 0));
        assertThat(chargedAmounts(reader)).hasSize(4);
        assertThat(events.ofType(SubscriptionEvent.Renewed.class)).extracting(SubscriptionEvent.Renewed::firstDay)
                .containsExactly(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 7, 1), LocalDate.of(2025, 8, 1));
        assertThat(periodLines()).extracting(InvoiceLine::supplyFrom).containsExactly(LocalDate.of(2025, 5, 1),
                LocalDate.of(2025, 6, 1), LocalDate.of(2025, 7, 1), LocalDate.of(2025, 8, 1));
        assertThat(item().endsAt()).contains(local("2025-09-01T00:00"));
        assertThat(reread(subscription).nextTopUpAt()).contains(local("2025-09-01T00:00"));
    }

    @Test
    void twoSchedulersRacingOnOneDuePeriodChargeItOnce() throws Exception {
        OfferId offer = timeBasedOffer("digital", Interval.months(1), premium);
        subscribe(LocalDateTime.of(2025, 5, 1, 10, 0), offer);
        clock.set(LocalDateTime.of(2025, 6, 1, 0, 30));
        Plenigo second = plenigoBuilder().build();

        List<SchedulerRun> runs = inParallel(2, i -> () -> (i == 0 ? plenigo : second).topUps().runDue());

        assertThat(runs.stream().mapToInt(SchedulerRun::renewed).sum()).isEqualTo(1);
        assertThat(runs.stream().mapToInt(SchedulerRun::faulty).sum()).isZero();
        assertThat(chargedAmounts(reader)).hasSize(2);
        assertThat(periodLines()).hasSize(2);
        assertThat(item().endsAt()).contains(local("2025-07-01T00:00"));
    }

    @Test
    void aFailedRenewalLeavesThePeriodUnpaidAndKeepsAccessWhileItIsRetried() {
        OfferId offer = timeBasedOffer("digital", Interval.months(1), premium);
        Subscription subscription = subscribe(LocalDateTime.of(2025, 5, 1, 10, 0), offer);
        Plenigo declining = plenigoBuilderFailingCharges("card declined").build();
        clock.set(LocalDateTime.of(2025, 6, 1, 8, 0));

        assertThat(declining.topUps().runDue()).isEqualTo(new SchedulerRun(0, 0, 0, 0, 0, 1, 0));

        Subscription unpaid = reread(subscription);
        assertThat(unpaid.unpaidSince()).contains(local("2025-06-01T00:00"));
        assertThat(unpaid.nextTopUpIndex()).as("the unpaid period").isEqualTo(1);
        assertThat(unpaid.nextTopUpAt()).as("the first retry").contains(local("2025-06-02T00:00"));
        assertThat(unpaid.paidUntil()).as("not extended").contains(local("2025-06-01T00:00"));
        assertThat(unpaid.isActive()).isTrue();
        assertThat(check(read()).reason()).as("access stays during the retries").isEqualTo(SUBSCRIPTION);
        assertThat(events.ofType(SubscriptionEvent.RenewalFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.reason()).contains("card declined");
            assertThat(failed.firstDay()).isEqualTo(LocalDate.of(2025, 6, 1));
        });
        assertThat(chargedAmounts(reader)).containsExactly(ACCESS_PRICE);
        assertThat(periodLines()).hasSize(1);
    }

    @Test
    void afterTheLastFailedRetryAccessIsBlockedAndAfterThirtyDaysTheSubscriptionEnds() {
        OfferId offer = timeBasedOffer("digital", Interval.months(1), premium);
        Subscription subscription = subscribe(LocalDateTime.of(2025, 5, 1, 10, 0), offer);
        Plenigo declining = plenigoBuilderFailingCharges("card declined").build();

        for (String day : List.of("2025-06-01", "2025-06-02", "2025-06-04")) {
            clock.set(local(day + "T00:00"));
            assertThat(declining.topUps().runDue().renewalsFailed()).as("on %s", day).isEqualTo(1);
            assertThat(check(read()).reason()).as("on %s", day).isEqualTo(SUBSCRIPTION);
        }
        clock.set(local("2025-06-07T23:59"));
        assertThat(declining.topUps().runDue()).isEqualTo(new SchedulerRun(0, 0, 0, 0));
        clock.set(local("2025-06-08T00:00"));
        assertThat(declining.topUps().runDue().renewalsFailed()).isEqualTo(1);

        assertThat(check(read()).reason()).isEqualTo(AccessReason.ACCESS_BLOCKED);
        assertThat(events.ofType(SubscriptionEvent.AccessBlocked.class)).singleElement().satisfies(blocked -> {
            assertThat(blocked.reason()).contains("card declined");
            assertThat(blocked.endsAt()).isEqualTo(local("2025-07-01T00:00"));
        });
        assertThat(reread(subscription).nextTopUpAt()).contains(local("2025-07-01T00:00"));
        clock.set(local("2025-07-01T00:00"));
        assertThat(declining.topUps().runDue()).isEqualTo(new SchedulerRun(0, 0, 0, 0, 0, 0, 1));
        assertThat(reread(subscription).status()).isEqualTo(org.plenigo.core.subscription.SubscriptionStatus.CANCELLED);
        assertThat(events.ofType(SubscriptionEvent.Ended.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(SubscriptionEvent.EndReason.NOT_PAID));
        assertDenied(check(read()), NO_ACCESS_RIGHT, List.of(offer), Optional.empty());
        assertThat(chargedAmounts(reader)).containsExactly(ACCESS_PRICE);
    }

    @Test
    void aRetryThatPaysGoesOnFromThePaidPeriodSoNoneIsFreeAndNoneChargedTwice() {
        OfferId offer = timeBasedOffer("digital", Interval.months(1), premium);
        Subscription subscription = subscribe(LocalDateTime.of(2025, 5, 1, 10, 0), offer);
        Plenigo declining = plenigoBuilderFailingCharges("card declined").build();
        clock.set(local("2025-06-02T09:00"));
        assertThat(declining.topUps().runDue()).as("the renewal and the first retry")
                .isEqualTo(new SchedulerRun(0, 0, 0, 0, 0, 2, 0));
        clock.set(local("2025-06-04T09:00"));

        assertThat(plenigo.topUps().runDue()).isEqualTo(new SchedulerRun(0, 0, 0, 0, 1, 0, 0));

        Subscription paid = reread(subscription);
        assertThat(paid.unpaidSince()).isEmpty();
        assertThat(paid.paidUntil()).contains(local("2025-07-01T00:00"));
        assertThat(paid.nextTopUpAt()).contains(local("2025-07-01T00:00"));
        assertThat(item().endsAt()).contains(local("2025-07-01T00:00"));
        assertThat(periodLines()).extracting(InvoiceLine::supplyFrom, InvoiceLine::supplyUntil).containsExactly(
                tuple(LocalDate.of(2025, 5, 1), LocalDate.of(2025, 5, 31)),
                tuple(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 30)));
        clock.set(local("2025-07-01T00:00"));
        assertThat(plenigo.topUps().runDue().renewed()).isEqualTo(1);
        assertThat(chargedAmounts(reader)).hasSize(3);
    }

    @Test
    void aManualPaymentAfterTheBlockUnblocksAtOnce() {
        OfferId offer = timeBasedOffer("digital", Interval.months(1), premium);
        Subscription subscription = subscribe(LocalDateTime.of(2025, 5, 1, 10, 0), offer);
        Plenigo declining = plenigoBuilderFailingCharges("card declined").build();
        clock.set(local("2025-06-09T09:00"));
        declining.topUps().runDue();
        assertThat(check(read()).reason()).isEqualTo(AccessReason.ACCESS_BLOCKED);
        assertThat(declining.subscriptions().retryPayment(subscription.id(), key("pay-1")).unpaidSince())
                .as("a manual payment that fails").isPresent();
        clock.set(local("2025-06-10T09:00"));

        Subscription paid = plenigo.subscriptions().retryPayment(subscription.id(), key("pay-2"));

        assertThat(paid.unpaidSince()).isEmpty();
        assertThat(paid.nextTopUpAt()).contains(local("2025-07-01T00:00"));
        assertGranted(check(read()), SUBSCRIPTION, Optional.of(local("2025-07-01T00:00")));
        assertThat(events.ofType(SubscriptionEvent.AccessUnblocked.class)).hasSize(1);
        assertThat(plenigo.subscriptions().retryPayment(subscription.id(), key("pay-2"))).as("nothing unpaid")
                .isEqualTo(paid);
        assertThat(chargedAmounts(reader)).hasSize(2);
    }

    @Test
    void theRetryScheduleAndTheEndAreConfigurable() {
        OfferId offer = timeBasedOffer("digital", Interval.months(1), premium);
        Subscription subscription = subscribe(LocalDateTime.of(2025, 5, 1, 10, 0), offer);
        Plenigo declining = plenigoBuilderFailingCharges("card declined").dunning(new Dunning(List.of(2), 10))
                .build();
        clock.set(local("2025-06-01T09:00"));
        declining.topUps().runDue();
        assertThat(reread(subscription).nextTopUpAt()).contains(local("2025-06-03T00:00"));
        clock.set(local("2025-06-03T00:00"));
        declining.topUps().runDue();
        assertThat(check(read()).reason()).isEqualTo(AccessReason.ACCESS_BLOCKED);

        clock.set(local("2025-06-11T00:00"));
        assertThat(declining.topUps().runDue().ended()).isEqualTo(1);
        assertThat(reread(subscription).cancelledAt()).contains(local("2025-06-11T00:00"));
    }

    @Test
    void theRenewalKeepsThePriceOfTheContractAndItsInvoiceNamesThePeriod() {
        OfferId offer = timeBasedOffer("digital", Interval.weeks(1), premium);
        subscribe(LocalDateTime.of(2025, 1, 15, 10, 0), offer);
        clock.set(LocalDateTime.of(2025, 1, 22, 0, 0));

        plenigo.topUps().runDue();

        Invoice renewal = plenigo.invoices().list(reader, 0, 10).stream()
                .filter(invoice -> invoice.lines().get(0).supplyFrom().equals(LocalDate.of(2025, 1, 22)))
                .findFirst().orElseThrow();
        assertThat(renewal.gross()).isEqualTo(ACCESS_PRICE);
        assertThat(renewal.lines()).singleElement().satisfies(line -> {
            assertThat(line.supplyUntil()).isEqualTo(LocalDate.of(2025, 1, 28));
            assertThat(line.description()).contains("2025-01-22", "2025-01-28");
        });
        assertThat(chargedAmounts(reader)).containsExactly(ACCESS_PRICE, Money.of("9.90", "EUR"));
    }

    @Test
    void theSubscriptionsOwnPaymentMethodPaysItsPeriodsAndAChangeCountsFromTheNextCharge() {
        PaymentMethod defaultCard = plenigo.paymentMethods().list(reader).stream().filter(PaymentMethod::isDefault)
                .findFirst().orElseThrow();
        PaymentMethod chosen = plenigo.paymentMethods().add(reader, new PaymentMethodDetails.CreditCard("sim-card-2",
                "MASTERCARD", "5555", 12, 2099), false, IdempotencyKey.of("second-card"));
        OfferId offer = timeBasedOffer("digital", Interval.months(1), premium);
        clock.set(LocalDateTime.of(2025, 5, 1, 10, 0));
        Subscription subscription = plenigo.subscriptions().subscribe(reader, offer, Optional.of(chosen.id()),
                IdempotencyKey.of("subscribe")).created().orElseThrow().subscription();
        clock.set(LocalDateTime.of(2025, 6, 1, 0, 0));
        plenigo.topUps().runDue();

        plenigo.subscriptions().changePaymentMethod(subscription.id(), defaultCard.id());
        clock.set(LocalDateTime.of(2025, 7, 1, 0, 0));
        plenigo.topUps().runDue();

        assertThat(tx(() -> store.payments().findByCustomer(reader))).extracting(Payment::method)
                .containsExactly(Optional.of(chosen.id()), Optional.of(chosen.id()), Optional.of(defaultCard.id()));
    }

    @Test
    void theRenewalsOfASubscriptionFirstPaidByIdealAreCollectedOnTheSepaMandateItYielded() {
        CustomerId noor = plenigo.customers().register(Customer.of(CustomerId.of("noor"), "noor@example.org",
                "Noor Jansen", "NL")).id();
        PaymentMethodDetails.SepaDirectDebit mandate = PaymentMethodDetails.SepaDirectDebit.of("NL91ABNA0417164300",
                "tok-mandate", "IDEAL-NOOR-1", LocalDate.of(2025, 5, 1), CreditorId.of("DE98ZZZ09999999999"));
        PaymentMethod ideal = plenigo.paymentMethods().add(noor, PaymentMethodDetails.Ideal.of(Optional.empty()),
                true, IdempotencyKey.of("ideal-noor"));
        provider.forMethod(ideal.id(), SimulatedPaymentProvider.succeedWithMandate(mandate));
        OfferId offer = timeBasedOffer("digital", Interval.months(1), premium);
        clock.set(LocalDateTime.of(2025, 5, 1, 10, 0));
        plenigo.subscriptions().subscribe(noor, offer, Optional.of(ideal.id()), IdempotencyKey.of("subscribe"));

        clock.set(LocalDateTime.of(2025, 6, 1, 0, 0));
        assertThat(plenigo.topUps().runDue().renewed()).isEqualTo(1);

        assertThat(provider.charges()).extracting(r -> r.method().type())
                .containsExactly(PaymentMethodType.IDEAL, PaymentMethodType.SEPA_DIRECT_DEBIT);
        assertThat(provider.charges().get(1).method().details()).isEqualTo(mandate);
    }
}
