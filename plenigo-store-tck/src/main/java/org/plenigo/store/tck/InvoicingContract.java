package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.Plenigo;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.customer.PostalAddress;
import org.plenigo.core.invoice.Invoice;
import org.plenigo.core.invoice.InvoiceEvent;
import org.plenigo.core.invoice.InvoiceKind;
import org.plenigo.core.invoice.InvoiceLine;
import org.plenigo.core.invoice.InvoiceParty;
import org.plenigo.core.invoice.InvoicePurpose;
import org.plenigo.core.money.Money;
import org.plenigo.core.purchase.PurchaseResult;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.tax.TaxRate;
import org.plenigo.core.tax.TaxTreatment;
import org.plenigo.core.time.Interval;

/**
 * Every successful charge issues one invoice in its unit of work, on the store under test: single
 * purchases, a time-based subscription's first period (taxed by its last day), a usage-based
 * subscription's first top-up, automatic and time-based top-ups; a failed charge issues none and
 * takes no number; numbers run on without gap or repeat, also under concurrent charges and
 * rollbacks; an invoice is cancelled once, in whole, by a cancellation with its own number.
 */
public abstract class InvoicingContract extends StoreContractSupport {
    private static final PostalAddress ANNA_ADDRESS = new PostalAddress("Lindenallee 5", "50667", "Köln", "DE");

    private AccessRightId premium;
    private CustomerId anna;

    @BeforeEach
    void createCatalog() {
        premium = hardRight("premium");
        anna = withCard(plenigo.customers().register(Customer.of(CustomerId.of("anna"), "anna@example.org", "Anna Becker", "DE")
                .withBillingAddress(ANNA_ADDRESS)).id());
    }

    @Test
    void aSinglePurchaseIssuesOneInvoiceWithTheSellerTheCustomerAndTheTaxAtTheDaysRate() {
        OfferId offer = singlePurchaseOffer("article", Optional.empty(), premium);

        PurchaseResult.Purchased purchased = (PurchaseResult.Purchased) plenigo.purchases().buy(anna, offer, newKey());

        Invoice invoice = plenigo.invoices().forCharge(purchased.charge()).orElseThrow();
        assertThat(invoice.number()).isEqualTo("RE-2025-000001");
        assertThat(invoice.kind()).isEqualTo(InvoiceKind.INVOICE);
        assertThat(invoice.purpose()).isEqualTo(InvoicePurpose.PURCHASE);
        assertThat(invoice.paysFor()).isEqualTo(ChargeReference.singlePurchase(purchased.id().value()));
        assertThat(invoice.customerId()).isEqualTo(anna);
        assertThat(invoice.issuedAt()).isEqualTo(clock.instant());
        assertThat(invoice.issueDate()).isEqualTo(LocalDate.of(2025, 1, 15));
        assertThat(invoice.seller()).isEqualTo(new InvoiceParty(SELLER.name(), Optional.of(SELLER.address()),
                Optional.of(SELLER.vatId())));
        assertThat(invoice.customer()).isEqualTo(new InvoiceParty("Anna Becker", Optional.of(ANNA_ADDRESS),
                Optional.empty()));
        assertThat(invoice.treatment()).isEqualTo(TaxTreatment.TAXED);
        // 9.90 gross at 7 %: 9.90 * 7 / 107 = 0.6477 rounds to 0.65
        assertThat(invoice.lines()).containsExactly(new InvoiceLine("Single purchase: Offer article",
                TaxType.DIGITAL_NEWSPAPER, LocalDate.of(2025, 1, 15), LocalDate.of(2025, 1, 15), TaxRate.of("7"),
                eur("9.25"), eur("0.65"), eur("9.90")));
        assertThat(invoice.gross()).isEqualTo(ACCESS_PRICE);
        assertThat(charges(anna)).singleElement()
                .satisfies(charge -> assertThat(charge.request().amount()).isEqualTo(ACCESS_PRICE));
        assertThat(events.ofType(InvoiceEvent.Issued.class)).containsExactly(InvoiceEvent.Issued.of(invoice));
    }

    @Test
    void aNetPriceIsChargedWithItsTaxAdded() {
        ProductContractId contract = plenigo.catalog().createProductContract(ProductContract.timeBased(
                ProductContractId.of("pro"), "Pro", eur("100.00"), TaxType.DIGITAL_PRODUCT, Interval.months(1))
                .withNetPrice()).id();
        OfferId offer = plenigo.catalog().createOffer(Offer.singlePurchase(OfferId.of("pro-tool"), "Pro tool",
                contract, Set.of(premium), Optional.empty())).id();

        plenigo.purchases().buy(anna, offer, newKey());

        Invoice invoice = onlyInvoice(anna);
        assertThat(invoice.lines()).singleElement().satisfies(line -> {
            assertThat(line.rate()).isEqualTo(TaxRate.of("19"));
            assertThat(line.net()).isEqualTo(eur("100.00"));
            assertThat(line.tax()).isEqualTo(eur("19.00"));
        });
        assertThat(invoice.gross()).isEqualTo(eur("119.00"));
        assertThat(charges(anna)).singleElement()
                .satisfies(charge -> assertThat(charge.request().amount()).isEqualTo(eur("119.00")));
    }

    @Test
    void aMonthlyPeriodIsTaxedAtTheRateOfItsLastDay() {
        // 2020-06-15 to 2020-07-14: complete on 14 July, when e-papers were taxed at 5 %
        clock.set(LocalDateTime.of(2020, 6, 15, 10, 0));
        ProductContractId contract = plenigo.catalog().createProductContract(ProductContract.timeBased(
                ProductContractId.of("epaper-monthly"), "E-paper monthly", eur("9.99"), TaxType.DIGITAL_NEWSPAPER,
                Interval.months(1))).id();
        OfferId offer = plenigo.catalog().createOffer(Offer.timeBased(OfferId.of("epaper"), "E-paper", contract,
                Set.of(premium))).id();

        SubscriptionResult.Activated activated = activate(anna, offer);

        Invoice invoice = plenigo.invoices().forCharge(activated.firstCharge()).orElseThrow();
        assertThat(invoice.purpose()).isEqualTo(InvoicePurpose.SUBSCRIPTION_PERIOD);
        assertThat(invoice.lines()).containsExactly(new InvoiceLine("First period: E-paper",
                TaxType.DIGITAL_NEWSPAPER, LocalDate.of(2020, 6, 15), LocalDate.of(2020, 7, 14), TaxRate.of("5"),
                eur("9.51"), eur("0.48"), eur("9.99")));
        assertThat(invoice.number()).isEqualTo("RE-2020-000001");
    }

    @Test
    void aMonthlyPeriodEndingBeforeTheChangeIsTaxedAtTheOldRate() {
        clock.set(LocalDateTime.of(2020, 5, 31, 10, 0));
        OfferId offer = timeBasedOffer("epaper", Interval.months(1), premium);

        Invoice invoice = plenigo.invoices().forCharge(activate(anna, offer).firstCharge()).orElseThrow();

        assertThat(invoice.lines()).singleElement().satisfies(line -> {
            assertThat(line.supplyUntil()).isEqualTo(LocalDate.of(2020, 6, 29));
            assertThat(line.rate()).isEqualTo(TaxRate.of("7"));
        });
    }

    @Test
    void everyChargedTopUpIssuesAnInvoiceAndAGrantNone() {
        WalletId credits = wallet("credits");
        OfferId automatic = usageOffer("automatic", credits, 2, TopUpPlan.automatic());
        subscribe(anna, automatic);
        consume(anna, credits, 2);
        consume(anna, credits, 1);
        // credits given without a charge issue no invoice
        plenigo.wallets().grant(anna, credits, 3, "goodwill", newKey());

        List<Invoice> invoices = invoicesOf(anna);
        assertThat(invoices).extracting(Invoice::number)
                .containsExactly("RE-2025-000002", "RE-2025-000001");
        assertThat(invoices).allSatisfy(invoice -> {
            assertThat(invoice.purpose()).isEqualTo(InvoicePurpose.TOP_UP);
            assertThat(invoice.gross()).isEqualTo(eur("4.99"));
            // 4.99 gross at 7 %: 4.66 net + 0.33 tax
            assertThat(invoice.net()).isEqualTo(eur("4.66"));
            assertThat(invoice.tax()).isEqualTo(eur("0.33"));
        });
        assertThat(charges(anna)).hasSize(2);
    }

    @Test
    void anExternalTopUpIssuesOneInvoiceAndItsReplayNone() {
        WalletId credits = wallet("external-credits");
        Subscription subscription = subscribe(anna, usageOffer("external", credits, 5, TopUpPlan.external()));

        plenigo.subscriptions().topUp(subscription.id(), key("shop-order-1"));
        plenigo.subscriptions().topUp(subscription.id(), key("shop-order-1"));

        assertThat(invoicesOf(anna)).extracting(Invoice::number)
                .containsExactly("RE-2025-000002", "RE-2025-000001");
        assertThat(invoicesOf(anna)).allSatisfy(invoice -> assertThat(invoice.purpose())
                .isEqualTo(InvoicePurpose.TOP_UP));
    }

    @Test
    void timeBasedTopUpsIssueOneInvoiceEachDatedByTheirInterval() {
        WalletId credits = wallet("monthly-credits");
        subscribe(anna, usageOffer("monthly", credits, 5, TopUpPlan.every(Interval.months(1))));
        clock.advance(java.time.Period.ofMonths(2));

        plenigo.topUps().runDue();

        List<Invoice> invoices = invoicesOf(anna);
        assertThat(invoices).hasSize(3);
        assertThat(invoices).extracting(invoice -> invoice.lines().get(0).supplyFrom())
                .containsExactlyInAnyOrder(LocalDate.of(2025, 1, 15), LocalDate.of(2025, 2, 15),
                        LocalDate.of(2025, 3, 15));
        assertThat(invoices).extracting(Invoice::number).containsExactlyInAnyOrder("RE-2025-000001",
                "RE-2025-000002", "RE-2025-000003");
    }

    @Test
    void aFailedChargeIssuesNoInvoiceAndTakesNoNumber() {
        OfferId offer = singlePurchaseOffer("article", Optional.empty(), premium);
        Plenigo declining = plenigoBuilderFailingCharges("card declined").build();

        assertThat(declining.purchases().buy(anna, offer, newKey())).isInstanceOf(PurchaseResult.Refused.class);
        assertThat(invoicesOf(anna)).isEmpty();

        plenigo.purchases().buy(anna, offer, newKey());
        assertThat(onlyInvoice(anna).number()).isEqualTo("RE-2025-000001");
    }

    @Test
    void aRolledBackPurchaseGivesItsNumberBack() {
        OfferId offer = singlePurchaseOffer("article", Optional.empty(), premium);

        try {
            tx(() -> {
                plenigo.purchases().buy(anna, offer, newKey());
                throw new IllegalStateException("the host's transaction fails after the purchase");
            });
        } catch (IllegalStateException expected) {
            // the purchase, its charge, its invoice and its number are rolled back together
        }

        assertThat(invoicesOf(anna)).isEmpty();
        plenigo.purchases().buy(anna, offer, newKey());
        assertThat(onlyInvoice(anna).number()).isEqualTo("RE-2025-000001");
    }

    @Test
    void concurrentPurchasesGetNumbersWithoutGapOrRepeat() throws Exception {
        OfferId offer = singlePurchaseOffer("article", Optional.empty(), premium);
        int threads = 8;
        int perThread = 5;
        List<CustomerId> buyers = IntStream.range(0, threads).mapToObj(i -> customer("buyer-" + i)).toList();

        inParallel(threads, i -> () -> {
            for (int n = 0; n < perThread; n++) {
                boolean bought = false;
                for (int attempt = 0; !bought && attempt < RETRIES; attempt++) {
                    try {
                        plenigo.purchases().buy(buyers.get(i), offer, newKey());
                        bought = true;
                    } catch (ConflictException e) {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION);
                    }
                }
                assertThat(bought).as("bought within %d attempts", RETRIES).isTrue();
            }
            return null;
        });

        List<String> numbers = new ArrayList<>();
        for (CustomerId buyer : buyers) {
            invoicesOf(buyer).forEach(invoice -> numbers.add(invoice.number()));
        }
        Collections.sort(numbers);
        assertThat(numbers).containsExactlyElementsOf(LongStream.rangeClosed(1, threads * perThread)
                .mapToObj(n -> String.format("RE-2025-%06d", n)).toList());
    }

    @Test
    void anInvoiceIsCancelledOnceInWholeByACancellationWithItsOwnNumber() {
        OfferId offer = singlePurchaseOffer("article", Optional.empty(), premium);
        plenigo.purchases().buy(anna, offer, newKey());
        Invoice original = onlyInvoice(anna);
        clock.advance(java.time.Duration.ofDays(3));

        Invoice cancellation = plenigo.invoices().cancel(original.id(), key("cancel-1"));

        assertThat(cancellation.kind()).isEqualTo(InvoiceKind.CANCELLATION);
        assertThat(cancellation.number()).isEqualTo("RE-2025-000002");
        assertThat(cancellation.cancels()).contains(original.id());
        assertThat(cancellation.issueDate()).isEqualTo(LocalDate.of(2025, 1, 18));
        assertThat(cancellation.lines()).containsExactlyElementsOf(
                original.lines().stream().map(InvoiceLine::negated).toList());
        assertThat(cancellation.gross()).isEqualTo(eur("-9.90"));
        assertThat(cancellation.tax()).isEqualTo(eur("-0.65"));
        assertThat(cancellation.customer()).isEqualTo(original.customer());
        assertThat(plenigo.invoices().get(original.id())).isEqualTo(original);
        assertThat(plenigo.invoices().cancel(original.id(), key("cancel-1"))).isEqualTo(cancellation);
        assertRefused(() -> plenigo.invoices().cancel(original.id(), key("cancel-2")), ConflictException.class,
                ErrorCode.INVALID_STATE, "RE-2025-000001", "cancelled already by RE-2025-000002");
        assertRefused(() -> plenigo.invoices().cancel(cancellation.id(), key("cancel-3")), ConflictException.class,
                ErrorCode.INVALID_STATE, "is a cancellation");
        assertThat(invoicesOf(anna)).extracting(Invoice::number).containsExactly("RE-2025-000002",
                "RE-2025-000001");
    }

    @Test
    void anAustrianConsumerPaysTheAustrianRate() {
        CustomerId consumer = withCard(plenigo.customers().register(Customer.of(CustomerId.of("lena"), "lena@example.at",
                "Lena Huber", "AT")).id());

        plenigo.purchases().buy(consumer, singlePurchaseOffer("article", Optional.empty(), premium), newKey());

        Invoice invoice = onlyInvoice(consumer);
        assertThat(invoice.treatment()).isEqualTo(TaxTreatment.TAXED);
        // e-papers in Austria: 10 %; 9.90 * 10 / 110 = 0.90
        assertThat(invoice.taxSummaries()).singleElement().satisfies(summary -> {
            assertThat(summary.rate()).isEqualTo(TaxRate.of("10"));
            assertThat(summary.tax()).isEqualTo(eur("0.90"));
        });
    }

    @Test
    void anAustrianBusinessWithAVatIdOwesTheTaxItself() {
        CustomerId business = withCard(plenigo.customers().register(Customer.of(CustomerId.of("firma"), "office@firma.at",
                "Firma GmbH", "AT").withVatId("ATU12345678")).id());

        plenigo.purchases().buy(business, singlePurchaseOffer("article", Optional.empty(), premium), newKey());

        Invoice invoice = onlyInvoice(business);
        assertThat(invoice.treatment()).isEqualTo(TaxTreatment.REVERSE_CHARGE);
        assertThat(invoice.taxNote()).contains("Reverse charge");
        assertThat(invoice.customer().vatId()).contains("ATU12345678");
        assertThat(invoice.seller().vatId()).contains(SELLER.vatId());
        assertThat(invoice.lines()).singleElement().satisfies(line -> {
            assertThat(line.rate()).isEqualTo(TaxRate.ZERO);
            assertThat(line.tax()).isEqualTo(eur("0.00"));
        });
    }

    @Test
    void aSwissCustomerPaysNoEuVat() {
        CustomerId swiss = withCard(plenigo.customers().register(Customer.of(CustomerId.of("urs"), "urs@example.ch",
                "Urs Meier", "CH")).id());

        plenigo.purchases().buy(swiss, singlePurchaseOffer("article", Optional.empty(), premium), newKey());

        Invoice invoice = onlyInvoice(swiss);
        assertThat(invoice.treatment()).isEqualTo(TaxTreatment.NOT_TAXABLE_IN_EU);
        assertThat(invoice.tax()).isEqualTo(eur("0.00"));
        assertThat(invoice.net()).isEqualTo(ACCESS_PRICE);
    }

    @Test
    void invoicesAreListedNewestFirstInPages() {
        OfferId offer = singlePurchaseOffer("article", Optional.empty(), premium);
        for (int i = 0; i < 5; i++) {
            plenigo.purchases().buy(anna, offer, newKey());
            clock.advance(java.time.Duration.ofMinutes(1));
        }

        assertThat(plenigo.invoices().list(anna, 0, 2)).extracting(Invoice::number)
                .containsExactly("RE-2025-000005", "RE-2025-000004");
        assertThat(plenigo.invoices().list(anna, 2, 2)).extracting(Invoice::number)
                .containsExactly("RE-2025-000001");
        assertInvalid(() -> plenigo.invoices().list(anna, 0, 101), "pageSize");
        assertNotFound(() -> plenigo.invoices().list(CustomerId.of("nobody"), 0, 10), "nobody");
    }

    private Invoice onlyInvoice(CustomerId customer) {
        List<Invoice> invoices = invoicesOf(customer);
        assertThat(invoices).hasSize(1);
        return invoices.get(0);
    }

    private List<Invoice> invoicesOf(CustomerId customer) {
        return plenigo.invoices().list(customer, 0, 100);
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }
}
