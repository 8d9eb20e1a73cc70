package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.StorageException;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.customer.PostalAddress;
import org.plenigo.core.invoice.Invoice;
import org.plenigo.core.invoice.InvoiceId;
import org.plenigo.core.invoice.InvoiceKind;
import org.plenigo.core.invoice.InvoiceLine;
import org.plenigo.core.invoice.InvoiceParty;
import org.plenigo.core.invoice.InvoicePurpose;
import org.plenigo.core.invoice.TaxSummary;
import org.plenigo.core.money.Money;
import org.plenigo.core.tax.TaxRate;
import org.plenigo.core.tax.TaxTreatment;

/**
 * Contract of the invoice repository port as its Javadoc states it: an invoice and its
 * cancellation are read back exactly as they were issued, every field of the parties and lines
 * included; an id that exists and a second cancellation of one invoice are refused, a number that
 * exists is a fault; a customer's invoices come newest first, page by page; the invoice of a charge
 * is never its cancellation.
 */
public abstract class InvoiceRepositoryContract extends RepositoryFixtures {
    private static final InvoiceParty SELLER = new InvoiceParty("Verlag GmbH",
            Optional.of(new PostalAddress("Hauptstraße 1", "10115", "Berlin", "DE")), Optional.of("DE123456789"));
    private static final InvoiceParty BUSINESS = new InvoiceParty("Lesezirkel Wien GmbH",
            Optional.of(new PostalAddress("Ringstraße 5/2", "1010", "Wien", "AT")), Optional.of("ATU12345678"));
    private static final InvoiceParty CONSUMER = new InvoiceParty("Reader One", Optional.empty(), Optional.empty());
    private static final ChargeId CHARGE = ChargeId.of("ch-1");

    @Test
    void anInvoiceAtMixedRatesAndItsCancellationAreReadBackAsIssued() {
        Invoice invoice = mixedRates("inv-1", "RE-2025-000001", C1, T);
        Invoice cancellation = cancellation("inv-2", "RE-2025-000002", invoice, T.plusSeconds(3600));
        Invoice abroad = abroad("inv-3", "RE-2025-000003", C2, T.plusSeconds(60));

        assertThat(tx(() -> store.invoices().insert(invoice))).isTrue();
        assertThat(tx(() -> store.invoices().insert(abroad))).isTrue();
        assertThat(tx(() -> store.invoices().insert(cancellation))).isTrue();

        assertThat(tx(() -> store.invoices().find(invoice.id()))).contains(invoice);
        assertThat(tx(() -> store.invoices().find(cancellation.id()))).contains(cancellation);
        assertThat(tx(() -> store.invoices().find(abroad.id()))).contains(abroad);
        assertThat(tx(() -> store.invoices().find(new InvoiceId("missing")))).isEmpty();

        assertThat(tx(() -> store.invoices().findByCharge(CHARGE))).as("not the cancellation of that charge")
                .contains(invoice);
        assertThat(tx(() -> store.invoices().findByCharge(ChargeId.of("ch-missing")))).isEmpty();
        assertThat(tx(() -> store.invoices().findCancellation(invoice.id()))).contains(cancellation);
        assertThat(tx(() -> store.invoices().findCancellation(cancellation.id()))).isEmpty();
        assertThat(tx(() -> store.invoices().findCancellation(abroad.id()))).isEmpty();
        assertThat(tx(() -> store.invoices().findByCustomer(C1, 0, 10))).containsExactly(cancellation, invoice);
        assertThat(tx(() -> store.invoices().findByCustomer(C2, 0, 10))).containsExactly(abroad);
    }

    @Test
    void anIdThatExistsAndASecondCancellationAreRefused() {
        Invoice invoice = mixedRates("inv-1", "RE-2025-000001", C1, T);
        Invoice cancellation = cancellation("inv-2", "RE-2025-000002", invoice, T.plusSeconds(60));
        txRun(() -> {
            store.invoices().insert(invoice);
            store.invoices().insert(cancellation);
        });

        assertThat(tx(() -> store.invoices().insert(abroad("inv-1", "RE-2025-000003", C2, T)))).as("same id")
                .isFalse();
        assertThat(tx(() -> store.invoices().insert(cancellation("inv-3", "RE-2025-000003", invoice, T))))
                .as("second cancellation").isFalse();

        assertThat(tx(() -> store.invoices().find(invoice.id()))).contains(invoice);
        assertThat(tx(() -> store.invoices().find(new InvoiceId("inv-3")))).isEmpty();
        assertThat(tx(() -> store.invoices().findCancellation(invoice.id()))).contains(cancellation);
        assertThat(tx(() -> store.invoices().findByCustomer(C2, 0, 10))).isEmpty();
        assertThat(tx(() -> store.invoices().insert(abroad("inv-3", "RE-2025-000003", C2, T))))
                .as("the number the refused ones asked for is free").isTrue();
    }

    @Test
    void aNumberThatExistsIsAFault() {
        Invoice invoice = mixedRates("inv-1", "RE-2025-000001", C1, T);
        txRun(() -> store.invoices().insert(invoice));

        assertRefused(() -> txRun(() -> store.invoices().insert(abroad("inv-2", invoice.number(), C2, T))),
                StorageException.class, ErrorCode.STORAGE_FAILURE, invoice.number());
        assertThat(tx(() -> store.invoices().find(new InvoiceId("inv-2")))).isEmpty();
        assertThat(tx(() -> store.invoices().findByCustomer(C2, 0, 10))).isEmpty();
        assertThat(tx(() -> store.invoices().find(invoice.id()))).contains(invoice);
    }

    @Test
    void aCancellationOfAnInvoiceThatDoesNotExistIsAFault() {
        Invoice missing = mixedRates("inv-missing", "RE-2025-000001", C1, T);

        assertThatThrownBy(() -> txRun(() -> store.invoices().insert(
                cancellation("inv-2", "RE-2025-000002", missing, T)))).isInstanceOf(StorageException.class);
        assertThat(tx(() -> store.invoices().find(new InvoiceId("inv-2")))).isEmpty();
    }

    @Test
    void aCustomersInvoicesComeNewestFirstPageByPage() {
        Instant noon = T.plusSeconds(4 * 3600);
        Invoice first = mixedRates("inv-a", "RE-2025-000001", C1, T);
        Invoice sameTimeLowerNumber = abroad("inv-b", "RE-2025-000002", C1, noon);
        Invoice sameTimeHigherNumber = abroad("inv-c", "RE-2025-000003", C1, noon);
        Invoice otherCustomer = abroad("inv-d", "RE-2025-000004", C2, noon.plusSeconds(1));
        Invoice latest = cancellation("inv-e", "RE-2025-000005", first, noon.plusSeconds(2));
        Invoice earliest = abroad("inv-f", "RE-2024-000099", C1, T.minusSeconds(86_400));
        for (Invoice invoice : List.of(first, sameTimeHigherNumber, otherCustomer, latest, earliest,
                sameTimeLowerNumber)) {
            assertThat(tx(() -> store.invoices().insert(invoice))).isTrue();
        }

        assertThat(tx(() -> store.invoices().findByCustomer(C1, 0, 2)))
                .containsExactly(latest, sameTimeHigherNumber);
        assertThat(tx(() -> store.invoices().findByCustomer(C1, 2, 2))).containsExactly(sameTimeLowerNumber, first);
        assertThat(tx(() -> store.invoices().findByCustomer(C1, 4, 2))).containsExactly(earliest);
        assertThat(tx(() -> store.invoices().findByCustomer(C1, 5, 2))).isEmpty();
        assertThat(tx(() -> store.invoices().findByCustomer(C1, 1, 100)))
                .containsExactly(sameTimeHigherNumber, sameTimeLowerNumber, first, earliest);
        assertThat(tx(() -> store.invoices().findByCustomer(CustomerId.of("nobody"), 0, 10))).isEmpty();
        assertInvalid(() -> tx(() -> store.invoices().findByCustomer(C1, -1, 10)), "offset");
        assertInvalid(() -> tx(() -> store.invoices().findByCustomer(C1, 0, 0)), "limit");
    }

    @Test
    void aUnitOfWorkThatRollsBackLeavesNoInvoiceBehind() {
        Invoice invoice = mixedRates("inv-1", "RE-2025-000001", C1, T);
        Invoice cancellation = cancellation("inv-2", "RE-2025-000002", invoice, T.plusSeconds(60));

        assertThatThrownBy(() -> txRun(() -> {
            store.invoices().insert(invoice);
            store.invoices().insert(cancellation);
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        assertThat(tx(() -> store.invoices().find(invoice.id()))).isEmpty();
        assertThat(tx(() -> store.invoices().find(cancellation.id()))).isEmpty();
        assertThat(tx(() -> store.invoices().findByCustomer(C1, 0, 10))).isEmpty();
        assertThat(tx(() -> store.invoices().findByCharge(CHARGE))).isEmpty();
        assertThat(tx(() -> store.invoices().findCancellation(invoice.id()))).isEmpty();
        assertThat(tx(() -> store.invoices().insert(invoice))).as("number and id are free again").isTrue();
        assertThat(tx(() -> store.invoices().insert(cancellation))).as("the invoice is not cancelled").isTrue();
        assertThat(tx(() -> store.invoices().find(cancellation.id()))).contains(cancellation);
    }

    // ----- fixtures -----

    /**
     * A business customer's invoice of charge {@link #CHARGE} for a subscription: two lines at 7 %
     * (9.99 gross is 9.34 + 0.65, 4.99 is 4.66 + 0.33) and one at 19 %.
     */
    static Invoice mixedRates(String id, String number, CustomerId customer, Instant issuedAt) {
        List<InvoiceLine> lines = List.of(
                line("Digital newspaper, January", TaxType.DIGITAL_NEWSPAPER, "2025-01-01", "2025-01-31", "7",
                        "9.34", "0.65"),
                line("Webinar recording", TaxType.DIGITAL_PRODUCT, "2025-01-15", "2025-01-15", "19", "10.00", "1.90"),
                line("E-book \"Quotes; and semicolons\"", TaxType.EBOOK, "2025-01-15", "2025-01-15", "7", "4.66",
                        "0.33"));
        return invoice(id, number, InvoiceKind.INVOICE, InvoicePurpose.SUBSCRIPTION_PERIOD, customer, issuedAt,
                BUSINESS, lines, TaxTreatment.TAXED, ChargeReference.subscription("s-1"), Optional.of(CHARGE),
                Optional.empty());
    }

    /**
     * A consumer's invoice of a single purchase outside the EU, at rate 0: no address, no VAT id and
     * no charge.
     */
    static Invoice abroad(String id, String number, CustomerId customer, Instant issuedAt) {
        List<InvoiceLine> lines = List.of(line("Article \"Tax rules\"", TaxType.DIGITAL_NEWSPAPER, "2025-01-01",
                "2025-01-01", "0", "1.99", "0.00"));
        return invoice(id, number, InvoiceKind.INVOICE, InvoicePurpose.PURCHASE, customer, issuedAt, CONSUMER, lines,
                TaxTreatment.NOT_TAXABLE_IN_EU, ChargeReference.singlePurchase("p-1"), Optional.empty(),
                Optional.empty());
    }

    /** The cancellation of {@code original}: the same lines negated, its own number. */
    static Invoice cancellation(String id, String number, Invoice original, Instant issuedAt) {
        return invoice(id, number, InvoiceKind.CANCELLATION, original.purpose(), original.customerId(), issuedAt,
                original.customer(), original.lines().stream().map(InvoiceLine::negated).toList(),
                original.treatment(), original.paysFor(), original.charge(), Optional.of(original.id()));
    }

    private static Invoice invoice(String id, String number, InvoiceKind kind, InvoicePurpose purpose,
                                   CustomerId customer, Instant issuedAt, InvoiceParty party, List<InvoiceLine> lines,
                                   TaxTreatment treatment, ChargeReference paysFor, Optional<ChargeId> charge,
                                   Optional<InvoiceId> cancels) {
        List<TaxSummary> summaries = Invoice.summarise(lines);
        Money net = Money.zero(lines.get(0).net().currency());
        Money tax = net;
        for (TaxSummary summary : summaries) {
            net = net.plus(summary.net());
            tax = tax.plus(summary.tax());
        }
        return new Invoice(new InvoiceId(id), number, "RE", kind, purpose, customer, issuedAt,
                LocalDate.ofInstant(issuedAt, ZONE), SELLER, party, lines, summaries, net, tax, net.plus(tax),
                treatment, paysFor, charge, cancels);
    }

    private static InvoiceLine line(String description, TaxType type, String from, String until, String rate,
                                    String net, String tax) {
        Money netAmount = Money.of(net, "EUR");
        Money taxAmount = Money.of(tax, "EUR");
        return new InvoiceLine(description, type, LocalDate.parse(from), LocalDate.parse(until), TaxRate.of(rate),
                netAmount, taxAmount, netAmount.plus(taxAmount));
    }
}
