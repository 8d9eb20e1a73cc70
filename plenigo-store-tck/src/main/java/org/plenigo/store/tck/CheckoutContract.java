package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.Plenigo;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.OfferType;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.checkout.CheckoutResult;
import org.plenigo.core.checkout.Order;
import org.plenigo.core.checkout.OrderLine;
import org.plenigo.core.checkout.OrderStatus;
import org.plenigo.core.consent.Consent;
import org.plenigo.core.consent.ConsentQuestion;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.money.Money;
import org.plenigo.core.payment.PaymentMethod;
import org.plenigo.core.payment.PaymentMethodDetails.CreditCard;
import org.plenigo.core.payment.PaymentMethodId;
import org.plenigo.core.tax.TaxRate;
import org.plenigo.core.tax.TaxTreatment;
import org.plenigo.core.time.Interval;
import org.plenigo.core.wallet.LedgerEntryType;

/**
 * The checkout on the store under test: an order prepared with its price breakdown for the
 * customer, completed once (paid, then the subscription or purchase, its items, credits, invoice,
 * consent answers and the order's completed state stored together), replayed by its key, refused
 * once expired, and leaving nothing half-done when the payment fails.
 */
public abstract class CheckoutContract extends StoreContractSupport {
    private static final ConsentQuestion OPT_IN = ConsentQuestion.marketing(
            "Ja, ich möchte Angebote per E-Mail erhalten.", "2025-01");
    private static final Money PACK_PRICE = Money.of("4.99", "EUR");

    private CustomerId reader;
    private AccessRightId premium;
    private OfferId monthly;
    private WalletId credits;
    private OfferId pack;

    @BeforeEach
    void createCatalog() {
        reader = customer("reader-1");
        premium = hardRight("premium");
        monthly = timeBasedOffer("monthly", Interval.months(1), premium);
        credits = wallet("article-credits");
        ProductContractId ten = creditContract("ten-credits", 10);
        pack = plenigo.catalog().createOffer(new Offer(OfferId.of("pack-10"), "Ten article credits",
                OfferType.SINGLE_PURCHASE, ten, Optional.of(credits), Optional.empty(), Set.of())).id();
    }

    private Order prepare(OfferId offer) {
        return plenigo.checkout().prepare(reader, offer, 1, Optional.empty(), List.of(OPT_IN));
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    // ----- prepare -----

    @Test
    void aGermanConsumerIsPricedAtTheGermanRateOfTheLastDayOfThePeriod() {
        Instant now = clock.instant();

        Order order = prepare(monthly);

        // digital newspapers in Germany: 7 %; 9.90 * 7 / 107 = 0.65
        assertThat(order.lines()).containsExactly(new OrderLine("First period: Offer monthly",
                TaxType.DIGITAL_NEWSPAPER, 1, TaxRate.of("7"), eur("9.25"), eur("0.65"), eur("9.90")));
        assertThat(order.net()).isEqualTo(eur("9.25"));
        assertThat(order.tax()).isEqualTo(eur("0.65"));
        assertThat(order.gross()).isEqualTo(ACCESS_PRICE);
        assertThat(order.treatment()).isEqualTo(TaxTreatment.TAXED);
        assertThat(order.customerId()).isEqualTo(reader);
        assertThat(order.offerId()).isEqualTo(monthly);
        assertThat(order.quantity()).isEqualTo(1);
        assertThat(order.paymentMethod()).isEmpty();
        assertThat(order.consentQuestions()).containsExactly(OPT_IN);
        assertThat(order.createdAt()).isEqualTo(now);
        assertThat(order.validUntil()).isEqualTo(now.plus(Duration.ofMinutes(30)));
        assertThat(order.status()).isEqualTo(OrderStatus.OPEN);
        assertThat(plenigo.checkout().find(order.id())).contains(order);
        assertThat(chargedAmounts(reader)).isEmpty();
        assertThat(plenigo.subscriptions().findByCustomer(reader)).isEmpty();
    }

    @Test
    void anEuBusinessWithAVatIdIsPricedWithoutTaxByReverseCharge() {
        CustomerId business = plenigo.customers().register(Customer.of(CustomerId.of("firma"), "office@firma.at",
                "Firma GmbH", "AT").withVatId("ATU12345678")).id();

        Order order = plenigo.checkout().prepare(business, monthly, 1, Optional.empty(), List.of());

        assertThat(order.lines()).singleElement().satisfies(line -> {
            assertThat(line.rate()).isEqualTo(TaxRate.ZERO);
            assertThat(line.tax()).isEqualTo(eur("0.00"));
            assertThat(line.net()).isEqualTo(ACCESS_PRICE);
        });
        assertThat(order.treatment()).isEqualTo(TaxTreatment.REVERSE_CHARGE);
        assertThat(order.gross()).isEqualTo(ACCESS_PRICE);
        assertThat(plenigo.checkout().find(order.id())).contains(order);
    }

    @Test
    void aQuantityIsPricedForAllOfItAndTheBuilderSetsTheValidity() {
        Plenigo quick = plenigoBuilder().orderValidity(Duration.ofMinutes(5)).build();

        Order order = quick.checkout().prepare(reader, pack, 3, Optional.empty(), List.of());

        // 4.99 at 7 %: 4.66 net, 0.33 tax each
        assertThat(order.lines()).containsExactly(new OrderLine("10 credits: Ten article credits",
                TaxType.DIGITAL_NEWSPAPER, 3, TaxRate.of("7"), eur("13.98"), eur("0.99"), eur("14.97")));
        assertThat(order.validUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void theChosenPaymentMethodIsKeptWithTheOrderAndAnotherCustomersIsRefused() {
        PaymentMethod card = plenigo.paymentMethods().add(reader, new CreditCard("tok", "VISA", "4242", 2, 2030), true,
                key("card"));
        CustomerId other = customer("reader-2");

        Order order = plenigo.checkout().prepare(reader, monthly, 1, Optional.of(card.id()), List.of());

        assertThat(order.paymentMethod()).contains(card.id());
        assertThat(plenigo.checkout().find(order.id()).orElseThrow().paymentMethod()).contains(card.id());
        assertNotFound(() -> plenigo.checkout().prepare(other, monthly, 1, Optional.of(card.id()), List.of()),
                card.id().value());
        assertNotFound(() -> plenigo.checkout().prepare(reader, monthly, 1,
                Optional.of(PaymentMethodId.of("pm-nope")), List.of()), "pm-nope");
    }

    @Test
    void theOrdersPaymentMethodPaysTheOrderAndTheSubscriptionsLaterPeriods() {
        PaymentMethod chosen = plenigo.paymentMethods().add(reader, new CreditCard("tok-2", "MASTERCARD", "5555", 2,
                2099), false, key("second-card"));
        Order order = plenigo.checkout().prepare(reader, monthly, 1, Optional.of(chosen.id()), List.of(OPT_IN));

        plenigo.checkout().complete(order.id(), Map.of("marketing", true), key("pay-1"));
        clock.advance(Duration.ofDays(40));
        plenigo.topUps().runDue();

        assertThat(tx(() -> store.payments().findByCustomer(reader))).hasSize(2)
                .allSatisfy(payment -> assertThat(payment.method()).contains(chosen.id()));
    }

    // ----- complete -----

    @Test
    void completingChargesAndStoresTheSubscriptionItsItemsInvoiceConsentAndCompletedOrder() {
        Order order = prepare(monthly);
        clock.advance(Duration.ofMinutes(10));
        Instant now = clock.instant();

        CheckoutResult result = plenigo.checkout().complete(order.id(), Map.of("marketing", true), key("pay-1"));

        assertThat(result).isInstanceOf(CheckoutResult.Completed.class);
        CheckoutResult.Completed completed = (CheckoutResult.Completed) result;
        assertThat(completed.order()).isEqualTo(order.completed(now));
        assertThat(plenigo.checkout().find(order.id())).contains(order.completed(now));
        assertThat(completed.purchases()).isEmpty();
        assertThat(completed.subscriptions()).singleElement()
                .isEqualTo(plenigo.subscriptions().findByCustomer(reader).get(0).id());
        assertThat(plenigo.access().items(reader)).singleElement().satisfies(item -> {
            assertThat(item.source()).isEqualTo(AccessSource.TIME_BASED_SUBSCRIPTION);
            assertThat(item.accessRightId()).contains(premium);
        });
        assertThat(chargedAmounts(reader)).containsExactly(order.gross());
        assertThat(plenigo.invoices().list(reader, 0, 10)).singleElement()
                .satisfies(invoice -> assertThat(invoice.gross()).isEqualTo(order.gross()));
        Consent consent = plenigo.consents().current(reader, "marketing").orElseThrow();
        assertThat(completed.consents()).containsExactly(consent);
        assertThat(consent.question()).isEqualTo(OPT_IN);
        assertThat(consent.granted()).isTrue();
        assertThat(consent.recordedAt()).isEqualTo(now);
        assertThat(consent.reference()).contains(order.id().value());
    }

    @Test
    void aCreditPackIsChargedInvoicedAndCredited() {
        Order order = plenigo.checkout().prepare(reader, pack, 2, Optional.empty(), List.of(OPT_IN));

        CheckoutResult result = plenigo.checkout().complete(order.id(), Map.of("marketing", false), key("pay-1"));

        assertThat(result.completed()).hasValueSatisfying(c -> assertThat(c.purchases()).hasSize(2));
        assertThat(balance(reader, credits)).isEqualTo(20);
        assertThat(ledgerTypes(reader, credits)).containsExactly(LedgerEntryType.TOP_UP, LedgerEntryType.TOP_UP);
        assertThat(chargedAmounts(reader)).containsExactly(PACK_PRICE, PACK_PRICE);
        assertThat(plenigo.invoices().list(reader, 0, 10)).hasSize(2);
        assertThat(plenigo.consents().current(reader, "marketing")).hasValueSatisfying(c ->
                assertThat(c.granted()).isFalse());
        assertWalletConsistent(reader, credits);
    }

    @Test
    void theSameKeyAgainReturnsTheFirstResultAndChargesNothing() {
        Order order = prepare(monthly);
        CheckoutResult first = plenigo.checkout().complete(order.id(), Map.of("marketing", true), key("pay-1"));
        clock.advance(Duration.ofHours(2));

        CheckoutResult again = plenigo.checkout().complete(order.id(), Map.of("marketing", true), key("pay-1"));

        assertThat(again).isEqualTo(new CheckoutResult.Replayed((CheckoutResult.Completed) first));
        assertThat(chargedAmounts(reader)).hasSize(1);
        assertThat(plenigo.subscriptions().findByCustomer(reader)).hasSize(1);
        assertThat(plenigo.consents().history(reader)).hasSize(1);
        assertRefused(() -> plenigo.checkout().complete(order.id(), Map.of("marketing", false), key("pay-1")),
                ConflictException.class, ErrorCode.IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void aCompletedOrderIsNotCompletedAgainUnderAnotherKey() {
        Order order = prepare(pack);
        plenigo.checkout().complete(order.id(), Map.of("marketing", true), key("pay-1"));

        assertRefused(() -> plenigo.checkout().complete(order.id(), Map.of("marketing", true), key("pay-2")),
                ConflictException.class, ErrorCode.INVALID_STATE, order.id().value());

        assertThat(chargedAmounts(reader)).hasSize(1);
        assertThat(balance(reader, credits)).isEqualTo(10);
    }

    @Test
    void anExpiredOrderIsRefusedAndStoresNothing() {
        Order order = prepare(monthly);
        clock.advance(Duration.ofMinutes(30));

        assertRefused(() -> plenigo.checkout().complete(order.id(), Map.of("marketing", true), key("pay-1")),
                ConflictException.class, ErrorCode.ORDER_EXPIRED, order.id().value());

        assertNothingStored(order);
    }

    @Test
    void aFailedChargeIsAnsweredAsAValueAndLeavesNothingHalfDone() {
        Order order = prepare(monthly);
        Plenigo declining = plenigoBuilderFailingCharges("card declined").build();

        CheckoutResult result = declining.checkout().complete(order.id(), Map.of("marketing", true), key("pay-1"));

        assertThat(result).isEqualTo(new CheckoutResult.PaymentFailed(order.id(), "card declined"));
        assertThat(result.completed()).isEmpty();
        assertNothingStored(order);
    }

    @Test
    void aFailedChargeOfACreditPackAddsNoCredits() {
        Order order = plenigo.checkout().prepare(reader, pack, 2, Optional.empty(), List.of(OPT_IN));
        Plenigo declining = plenigoBuilderFailingCharges("insufficient funds").build();

        CheckoutResult result = declining.checkout().complete(order.id(), Map.of("marketing", true), key("pay-1"));

        assertThat(result).isEqualTo(new CheckoutResult.PaymentFailed(order.id(), "insufficient funds"));
        assertNothingStored(order);
        assertThat(balance(reader, credits)).isZero();
        assertThat(ledger(reader, credits)).isEmpty();
        assertThat(tx(() -> store.customerWallets().find(reader, credits))).isEmpty();
    }

    @Test
    void afterAFailedChargeTheOpenOrderIsCompletedUnderANewKey() {
        Order order = prepare(monthly);
        plenigoBuilderFailingCharges("card declined").build().checkout()
                .complete(order.id(), Map.of("marketing", true), key("pay-1"));

        CheckoutResult retried = plenigo.checkout().complete(order.id(), Map.of("marketing", true), key("pay-2"));

        assertThat(retried.completed()).isPresent();
        assertThat(chargedAmounts(reader)).containsExactly(ACCESS_PRICE);
        assertThat(plenigo.consents().history(reader)).hasSize(1);
    }

    @Test
    void everyQuestionNeedsAnAnswerAndOnlyItsQuestions() {
        Order order = prepare(monthly);

        assertInvalid(() -> plenigo.checkout().complete(order.id(), Map.of(), key("pay-1")), "marketing");
        assertInvalid(() -> plenigo.checkout().complete(order.id(), Map.of("marketing", true, "surveys", true),
                key("pay-2")), "surveys");

        assertNothingStored(order);
    }

    // ----- holding an offer -----

    @Test
    void aTimeBasedOfferTheCustomerHoldsIsRefusedWhenPreparedAndWhenCompleted() {
        Order order = prepare(monthly);
        activate(reader, monthly);

        assertRefused(() -> prepare(monthly), ConflictException.class, ErrorCode.ALREADY_SUBSCRIBED);
        assertRefused(() -> plenigo.checkout().complete(order.id(), Map.of("marketing", true), key("pay-1")),
                ConflictException.class, ErrorCode.ALREADY_SUBSCRIBED);

        assertThat(plenigo.subscriptions().findByCustomer(reader)).hasSize(1);
        assertThat(chargedAmounts(reader)).hasSize(1);
        assertThat(plenigo.checkout().find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.OPEN);
        assertThat(plenigo.consents().history(reader)).isEmpty();
    }

    @Test
    void anOfferThatAllowsSeveralIsBoughtAgainAndInQuantity() {
        ProductContractId contract = accessContract("gift-contract", Interval.months(1));
        OfferId gift = plenigo.catalog().createOffer(Offer.timeBased(OfferId.of("gift"), "Gift", contract,
                Set.of(premium)).allowingSeveral()).id();
        activate(reader, gift);
        assertInvalid(() -> plenigo.checkout().prepare(reader, monthly, 2, Optional.empty(), List.of()), "quantity");

        Order order = plenigo.checkout().prepare(reader, gift, 2, Optional.empty(), List.of());
        CheckoutResult result = plenigo.checkout().complete(order.id(), Map.of(), key("pay-1"));

        assertThat(result.completed()).hasValueSatisfying(c -> assertThat(c.subscriptions()).hasSize(2));
        assertThat(plenigo.subscriptions().findByCustomer(reader)).hasSize(3);
        assertThat(chargedAmounts(reader)).containsExactly(ACCESS_PRICE, ACCESS_PRICE, ACCESS_PRICE);
    }

    /** The order is still OPEN and none of what completing it would store exists. */
    private void assertNothingStored(Order order) {
        assertThat(plenigo.checkout().find(order.id())).contains(order);
        assertThat(plenigo.subscriptions().findByCustomer(reader)).isEmpty();
        assertThat(plenigo.access().items(reader)).isEmpty();
        assertThat(chargedAmounts(reader)).isEmpty();
        assertThat(plenigo.invoices().list(reader, 0, 10)).isEmpty();
        assertThat(plenigo.consents().history(reader)).isEmpty();
        assertThat(balance(reader, credits)).isZero();
    }
}
