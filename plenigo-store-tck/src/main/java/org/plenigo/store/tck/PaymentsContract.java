package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenigo.core.payment.SimulatedPaymentProvider.decline;
import static org.plenigo.core.payment.SimulatedPaymentProvider.fail;
import static org.plenigo.core.payment.SimulatedPaymentProvider.pend;
import static org.plenigo.core.payment.SimulatedPaymentProvider.succeed;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.Plenigo;
import org.plenigo.core.ValidationException;
import org.plenigo.core.access.AccessCheck;
import org.plenigo.core.access.AccessReason;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.invoice.Invoice;
import org.plenigo.core.invoice.InvoiceKind;
import org.plenigo.core.money.Money;
import org.plenigo.core.payment.CreditorId;
import org.plenigo.core.payment.Payment;
import org.plenigo.core.payment.PaymentMethodDetails;
import org.plenigo.core.payment.PaymentMethodType;
import org.plenigo.core.payment.PaymentStatus;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.plenigo.core.purchase.PurchaseResult;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryType;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.time.Interval;

/**
 * Payments through the provider port, end to end on the store under test: what a declined,
 * failed, expired or missing payment method leaves (only the attempt, with its reason), replays,
 * pending payments settled or returned (a return takes back unspent credits, ends items and
 * cancels the invoice), refunds, and pending payments that grant only once settled.
 */
public abstract class PaymentsContract extends StoreContractSupport {
    private AccessRightId premium;
    private OfferId once;

    @BeforeEach
    void createCatalog() {
        premium = hardRight("premium");
        once = singlePurchaseOffer("premium-once", Optional.empty(), premium);
    }

    private PurchaseResult buy(CustomerId customer, String key) {
        return plenigo.purchases().buy(customer, once, IdempotencyKey.of(key));
    }

    private List<Payment> payments(CustomerId customer) {
        return plenigo.payments().list(customer);
    }

    private AccessReason access(CustomerId customer) {
        return plenigo.access().preview(AccessCheck.of(ContentId.of("article-1"), premium).withCustomer(customer))
                .reason();
    }

    private List<Invoice> invoices(CustomerId customer) {
        return plenigo.invoices().list(customer, 0, 20);
    }

    @Test
    void aDeclinedChargeKeepsOnlyTheAttemptWithTheProvidersReason() {
        CustomerId anna = customer("anna");
        provider.forCustomer(anna, decline("insufficient funds"));

        PurchaseResult result = buy(anna, "order-1");

        assertThat(result).isEqualTo(new PurchaseResult.Refused(Refusal.PAYMENT_FAILED, "insufficient funds"));
        assertThat(payments(anna)).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(PaymentStatus.DECLINED);
            assertThat(p.reason()).contains("insufficient funds");
            assertThat(p.amount()).isEqualTo(ACCESS_PRICE);
            assertThat(p.providerReference()).isEmpty();
        });
        assertThat(charges(anna)).isEmpty();
        assertThat(invoices(anna)).isEmpty();
        assertThat(plenigo.access().items(anna)).isEmpty();
        assertThat(access(anna)).isEqualTo(AccessReason.NO_ACCESS_RIGHT);
    }

    @Test
    void aFailedChargeIsKeptAndTheRetryUnderTheSameKeyIsChargedUnderAKeyOfItsOwn() {
        CustomerId anna = customer("anna");
        provider.forCustomer(anna, fail("provider timeout"), succeed());

        assertThat(buy(anna, "order-1")).isEqualTo(new PurchaseResult.Refused(Refusal.PAYMENT_FAILED,
                "provider timeout"));
        assertThat(buy(anna, "order-1")).isInstanceOf(PurchaseResult.Purchased.class);

        assertThat(payments(anna)).extracting(Payment::status)
                .containsExactlyInAnyOrder(PaymentStatus.FAILED, PaymentStatus.SUCCEEDED);
        assertThat(provider.charges()).hasSize(2);
        assertThat(provider.charges().get(0).key()).isNotEqualTo(provider.charges().get(1).key());
        assertThat(chargedAmounts(anna)).containsExactly(ACCESS_PRICE);
        assertThat(access(anna)).isEqualTo(AccessReason.SINGLE_PURCHASE);
    }

    @Test
    void anExpiredCardIsNotSentToTheProvider() {
        CustomerId ben = customerWithoutPaymentMethod("ben");
        // the clock stands at 2025-01-15: a card valid through December 2024 has expired
        plenigo.paymentMethods().add(ben, new PaymentMethodDetails.CreditCard("tok-ben", "VISA", "1111", 12, 2024),
                true, IdempotencyKey.of("card-ben"));

        PurchaseResult result = buy(ben, "order-1");

        assertThat(result).isInstanceOfSatisfying(PurchaseResult.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(Refusal.PAYMENT_METHOD_EXPIRED));
        assertThat(provider.charges()).isEmpty();
        assertThat(payments(ben)).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(PaymentStatus.FAILED);
            assertThat(p.reason().orElseThrow()).contains("expired");
        });
        assertThat(buy(ben, "order-1")).as("tried again: still expired").isInstanceOfSatisfying(
                PurchaseResult.Refused.class, r -> assertThat(r.reason()).isEqualTo(Refusal.PAYMENT_METHOD_EXPIRED));
        assertThat(provider.charges()).isEmpty();
        assertThat(plenigo.access().items(ben)).isEmpty();
    }

    @Test
    void aCustomerWithoutPaymentMethodIsRefusedWithoutAskingTheProvider() {
        CustomerId cleo = customerWithoutPaymentMethod("cleo");

        PurchaseResult result = buy(cleo, "order-1");

        assertThat(result).isInstanceOfSatisfying(PurchaseResult.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(Refusal.NO_PAYMENT_METHOD));
        assertThat(provider.charges()).isEmpty();
        assertThat(payments(cleo)).isEmpty();
        assertThat(invoices(cleo)).isEmpty();
    }

    @Test
    void theSameKeyAgainChargesNothingMore() {
        CustomerId anna = customer("anna");

        PurchaseResult first = buy(anna, "order-1");
        PurchaseResult again = buy(anna, "order-1");

        assertThat(again).isEqualTo(new PurchaseResult.Replayed((PurchaseResult.Purchased) first));
        assertThat(provider.charges()).singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo(payments(anna).get(0).key()));
        assertThat(payments(anna)).hasSize(1);
        assertThat(invoices(anna)).hasSize(1);
    }

    @Test
    void aPendingPaymentGrantsAtOnceAndSettlesOnce() {
        CustomerId anna = customer("anna");
        provider.forCustomer(anna, pend());

        PurchaseResult result = buy(anna, "order-1");

        assertThat(result).isInstanceOf(PurchaseResult.Purchased.class);
        assertThat(access(anna)).isEqualTo(AccessReason.SINGLE_PURCHASE);
        Payment pending = payments(anna).get(0);
        assertThat(pending.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(invoices(anna)).hasSize(1);
        String reference = pending.providerReference().orElseThrow();

        clock.advance(java.time.Duration.ofDays(3));
        Payment settled = plenigo.payments().settled(reference);
        assertThat(settled.status()).isEqualTo(PaymentStatus.SETTLED);
        assertThat(plenigo.payments().settled(reference)).as("settled again: unchanged").isEqualTo(settled);
        assertThat(plenigo.payments().get(pending.id())).isEqualTo(settled);
        assertThatThrownBy(() -> plenigo.payments().settled("sim-pay-unknown")).isInstanceOf(NotFoundException.class);
        assertThat(access(anna)).isEqualTo(AccessReason.SINGLE_PURCHASE);
    }

    @Test
    void aReturnedPurchaseEndsItsItemsAndCancelsItsInvoice() {
        CustomerId anna = customer("anna");
        provider.forCustomer(anna, pend());
        buy(anna, "order-1");
        Payment pending = payments(anna).get(0);
        clock.advance(java.time.Duration.ofDays(5));

        Payment returned = plenigo.payments().returned(pending.providerReference().orElseThrow(), "MD06 return");

        assertThat(returned.status()).isEqualTo(PaymentStatus.RETURNED);
        assertThat(returned.reason()).contains("MD06 return");
        assertThat(access(anna)).isEqualTo(AccessReason.NO_ACCESS_RIGHT);
        assertThat(invoices(anna)).extracting(Invoice::kind)
                .containsExactlyInAnyOrder(InvoiceKind.INVOICE, InvoiceKind.CANCELLATION);
        assertThat(charges(anna)).as("a returned payment charged nothing").isEmpty();
        assertThat(plenigo.payments().returned(pending.providerReference().orElseThrow(), "again"))
                .as("returned again: unchanged").isEqualTo(returned);
        assertThat(invoices(anna)).hasSize(2);
        assertThatThrownBy(() -> plenigo.payments().settled(pending.providerReference().orElseThrow()))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo(ErrorCode.INVALID_STATE));
    }

    @Test
    void aReturnedTopUpTakesBackItsCreditsOnlyAsFarAsTheyAreUnspent() {
        CustomerId anna = customer("anna");
        WalletId articles = wallet("articles");
        OfferId external = usageOffer("external-5", articles, 5, TopUpPlan.external());
        provider.forCustomer(anna, pend());
        SubscriptionResult subscribed = plenigo.subscriptions().subscribe(anna, external, IdempotencyKey.of("s-1"));
        assertThat(subscribed).isInstanceOf(SubscriptionResult.Subscribed.class);
        consume(anna, articles, 2);
        assertThat(balance(anna, articles)).isEqualTo(3);
        Payment pending = payments(anna).get(0);

        plenigo.payments().returned(pending.providerReference().orElseThrow(), "MD06 return");

        assertThat(balance(anna, articles)).isZero();
        LedgerEntry last = ledger(anna, articles).get(ledger(anna, articles).size() - 1);
        assertThat(last.type()).isEqualTo(LedgerEntryType.CHARGEBACK);
        assertThat(last.credits()).isEqualTo(-3);
        assertThat(ledgerTypes(anna, articles)).containsExactly(LedgerEntryType.TOP_UP, LedgerEntryType.CONSUMPTION,
                LedgerEntryType.CHARGEBACK);
        assertThat(invoices(anna)).extracting(Invoice::kind)
                .containsExactlyInAnyOrder(InvoiceKind.INVOICE, InvoiceKind.CANCELLATION);
        plenigo.payments().returned(pending.providerReference().orElseThrow(), "MD06 return");
        assertThat(ledger(anna, articles)).hasSize(3);
        assertWalletConsistent(anna, articles);
    }

    @Test
    void aReturnReportedByEightCallersAtOnceTakesBackOnce() throws Exception {
        CustomerId anna = customer("anna");
        WalletId articles = wallet("articles");
        OfferId external = usageOffer("external-5", articles, 5, TopUpPlan.external());
        provider.forCustomer(anna, pend());
        plenigo.subscriptions().subscribe(anna, external, IdempotencyKey.of("s-1"));
        consume(anna, articles, 1);
        String reference = payments(anna).get(0).providerReference().orElseThrow();

        List<Payment> answers = inParallel(8, thread -> () -> retryingLostRaces(
                () -> plenigo.payments().returned(reference, "MD06 return")));

        assertThat(answers).extracting(Payment::status).containsOnly(PaymentStatus.RETURNED);
        assertThat(balance(anna, articles)).isZero();
        assertThat(ledgerTypes(anna, articles)).containsExactly(LedgerEntryType.TOP_UP, LedgerEntryType.CONSUMPTION,
                LedgerEntryType.CHARGEBACK);
        assertThat(invoices(anna)).filteredOn(i -> i.kind() == InvoiceKind.CANCELLATION).hasSize(1);
        assertWalletConsistent(anna, articles);
    }

    @Test
    void aPaymentIsRefundedInPartsButNeverBeyondWhatIsLeft() {
        CustomerId anna = customer("anna");
        PurchaseResult.Purchased purchased = (PurchaseResult.Purchased) buy(anna, "order-1");

        Payment partly = plenigo.payments().refund(purchased.charge(), Optional.of(Money.of("4.00", "EUR")),
                IdempotencyKey.of("refund-1"));
        assertThat(partly.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(partly.refunded()).isEqualTo(Money.of("4.00", "EUR"));
        assertThat(plenigo.payments().refund(purchased.charge(), Optional.of(Money.of("4.00", "EUR")),
                IdempotencyKey.of("refund-1"))).as("the same key again").isEqualTo(partly);
        assertThat(provider.refunds()).hasSize(1);

        assertThatThrownBy(() -> plenigo.payments().refund(purchased.charge(), Optional.of(Money.of("6.00", "EUR")),
                IdempotencyKey.of("refund-2"))).isInstanceOf(ValidationException.class);
        Payment wholly = plenigo.payments().refund(purchased.charge(), Optional.empty(), IdempotencyKey.of("refund-3"));
        assertThat(wholly.refunded()).isEqualTo(ACCESS_PRICE);
        assertThat(wholly.refundable()).isEqualTo(Money.of("0.00", "EUR"));
        assertThat(provider.refunds()).extracting(r -> r.amount())
                .containsExactly(Money.of("4.00", "EUR"), Money.of("5.90", "EUR"));
        assertThatThrownBy(() -> plenigo.payments().refund(purchased.charge(), Optional.empty(),
                IdempotencyKey.of("refund-4"))).isInstanceOf(ValidationException.class);
    }

    @Test
    void aPendingPaymentOfAMethodThatGrantsOnSettlementGivesOnlyOnceSettled() {
        Plenigo settling = plenigoBuilder().pendingGrantsOnSettlement(Set.of(PaymentMethodType.SEPA_DIRECT_DEBIT))
                .build();
        CustomerId dora = customerWithoutPaymentMethod("dora");
        settling.paymentMethods().add(dora, PaymentMethodDetails.SepaDirectDebit.of("DE89 3704 0044 0532 0130 00",
                "tok-dora", "MANDATE-DORA-1", LocalDate.of(2025, 1, 2), CreditorId.of("DE98ZZZ09999999999")), true,
                IdempotencyKey.of("sepa-dora"));
        provider.forCustomer(dora, pend());

        PurchaseResult first = settling.purchases().buy(dora, once, IdempotencyKey.of("order-1"));

        assertThat(first).isInstanceOfSatisfying(PurchaseResult.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(Refusal.PAYMENT_PENDING));
        assertThat(access(dora)).isEqualTo(AccessReason.NO_ACCESS_RIGHT);
        assertThat(invoices(dora)).isEmpty();
        Payment pending = payments(dora).get(0);
        assertThat(pending.status()).isEqualTo(PaymentStatus.PENDING);

        settling.payments().settled(pending.providerReference().orElseThrow());
        PurchaseResult second = settling.purchases().buy(dora, once, IdempotencyKey.of("order-1"));

        assertThat(second).isInstanceOf(PurchaseResult.Purchased.class);
        assertThat(provider.charges()).hasSize(1);
        assertThat(access(dora)).isEqualTo(AccessReason.SINGLE_PURCHASE);
        assertThat(invoices(dora)).singleElement()
                .satisfies(i -> assertThat(i.charge()).contains(pending.id()));
    }

    @Test
    void aFirstIdealPaymentYieldsTheSepaMandateThatLaterChargesAreCollectedBy() {
        CustomerId noor = withoutMethodIn("noor", "NL");
        PaymentMethodDetails.SepaDirectDebit mandate = PaymentMethodDetails.SepaDirectDebit.of("NL91ABNA0417164300",
                "tok-mandate", "IDEAL-NOOR-1", LocalDate.of(2025, 1, 15), CreditorId.of("DE98ZZZ09999999999"));
        var ideal = plenigo.paymentMethods().add(noor, PaymentMethodDetails.Ideal.of(Optional.of("ABNANL2A")), true,
                IdempotencyKey.of("ideal-noor"));
        provider.forMethod(ideal.id(), SimulatedPaymentProvider.succeedWithMandate(mandate));

        assertThat(buy(noor, "order-1")).isInstanceOf(PurchaseResult.Purchased.class);
        OfferId second = singlePurchaseOffer("premium-again", Optional.empty(), premium);
        assertThat(plenigo.purchases().buy(noor, second, IdempotencyKey.of("order-2")))
                .isInstanceOf(PurchaseResult.Purchased.class);

        assertThat(plenigo.paymentMethods().list(noor)).filteredOn(m -> m.isDefault()).singleElement()
                .satisfies(m -> assertThat(m.details()).isEqualTo(mandate));
        assertThat(provider.charges()).extracting(r -> r.method().type())
                .containsExactly(PaymentMethodType.IDEAL, PaymentMethodType.SEPA_DIRECT_DEBIT);
    }

    @Test
    void idealTakesOnlyEuro() {
        CustomerId noor = withoutMethodIn("noor", "NL");
        plenigo.paymentMethods().add(noor, PaymentMethodDetails.Ideal.of(Optional.empty()), true,
                IdempotencyKey.of("ideal-noor"));
        ProductContractId pounds = plenigo.catalog().createProductContract(ProductContract.timeBased(
                ProductContractId.of("pounds"), "In pounds", Money.of("8.00", "GBP"), TaxType.DIGITAL_NEWSPAPER,
                Interval.months(1))).id();
        OfferId inPounds = plenigo.catalog().createOffer(Offer.singlePurchase(OfferId.of("in-pounds"), "In pounds",
                pounds, Set.of(premium), Optional.empty())).id();

        PurchaseResult result = plenigo.purchases().buy(noor, inPounds, IdempotencyKey.of("order-1"));

        assertThat(result).isInstanceOfSatisfying(PurchaseResult.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(Refusal.PAYMENT_METHOD_NOT_ACCEPTED));
        assertThat(provider.charges()).isEmpty();
        assertThat(payments(noor)).extracting(Payment::status).containsExactly(PaymentStatus.FAILED);
    }

    private CustomerId withoutMethodIn(String id, String country) {
        return plenigo.customers().register(Customer.of(CustomerId.of(id), id + "@example.org", "Reader " + id,
                country)).id();
    }
}
