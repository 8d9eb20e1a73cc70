package org.plenigo.core.invoice.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.ChargeOutcome;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.charge.ChargeRequest;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.event.DomainEvent;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.internal.Context;
import org.plenigo.core.invoice.Invoice;
import org.plenigo.core.invoice.InvoiceEvent;
import org.plenigo.core.invoice.InvoiceId;
import org.plenigo.core.invoice.InvoiceKind;
import org.plenigo.core.invoice.InvoiceLine;
import org.plenigo.core.invoice.InvoiceParty;
import org.plenigo.core.invoice.InvoicePurpose;
import org.plenigo.core.invoice.InvoiceSeries;
import org.plenigo.core.invoice.Seller;
import org.plenigo.core.invoice.TaxSummary;
import org.plenigo.core.payment.PaymentMethodId;
import org.plenigo.core.payment.internal.PaymentAttempts;
import org.plenigo.core.tax.TaxDecision;
import org.plenigo.core.tax.internal.TaxDecisions;

/**
 * Charges a sale and invoices it, in the caller's unit of work: the tax is decided by the day the
 * supply is complete (its last day), the charge is for the gross amount, and only a charge that
 * pays (succeeded, or pending where pending grants at once) issues an invoice, numbered from its
 * series in the same unit of work, so that a rollback takes the charge's invoice and its number
 * back together. How the payment provider is asked, and which attempts are kept: {@link PaymentAttempts}.
 */
public final class Invoicing {
    private final Context context;
    private final TaxDecisions decisions;
    private final InvoiceSettings settings;
    private final PaymentAttempts payments;

    public Invoicing(Context context) {
        this.context = context;
        this.settings = context.invoicing();
        this.decisions = new TaxDecisions(context.store().taxRules(), context.sellerCountry());
        this.payments = new PaymentAttempts(context);
    }

    /**
     * One thing a customer is charged for: the product contract's price, taxed by the contract's
     * tax type, supplied on the days {@code supplyFrom} through {@code supplyUntil}.
     *
     * @param customer the customer as the caller read it in this unit of work: whose rate applies,
     *                 and whom the invoice names
     *
     * @param key    the charge's idempotency key, passed to the payment provider; the invoice's id is made of it
     * @param at     when the charge is made
     * @param method the customer's payment method to charge; empty: the customer's default
     */
    public record Sale(IdempotencyKey key, Customer customer, ChargeReference paysFor, InvoicePurpose purpose,
                       ProductContract contract, String description, Instant at, LocalDate supplyFrom,
                       LocalDate supplyUntil, Optional<PaymentMethodId> method) {
        /** A sale charged to the customer's default payment method. */
        public Sale(IdempotencyKey key, Customer customer, ChargeReference paysFor, InvoicePurpose purpose,
                    ProductContract contract, String description, Instant at, LocalDate supplyFrom,
                    LocalDate supplyUntil) {
            this(key, customer, paysFor, purpose, contract, description, at, supplyFrom, supplyUntil, Optional.empty());
        }

        public Sale {
            Require.notNull(method, "sale.method");
            Require.notNull(key, "sale.key");
            Require.notNull(customer, "sale.customer");
            Require.notNull(paysFor, "sale.paysFor");
            Require.notNull(purpose, "sale.purpose");
            Require.notNull(contract, "sale.contract");
            Require.notBlank(description, "sale.description");
            Require.notNull(at, "sale.at");
            Require.notNull(supplyFrom, "sale.supplyFrom");
            Require.notNull(supplyUntil, "sale.supplyUntil");
            if (supplyUntil.isBefore(supplyFrom)) {
                throw new ValidationException("sale.supplyUntil " + supplyUntil + " is before " + supplyFrom);
            }
        }
    }

    /**
     * Charges the sale and, if the charge pays, issues its invoice. A charge under a key that was
     * charged before answers that charge's outcome and charges nothing; if that charge has paid
     * since (a pending one that granted only once settled) and has no invoice yet, it gets it now.
     *
     * @throws ConflictException with {@link ErrorCode#TAX_RULE_MISSING} if no rule gives the rate;
     *                           nothing is charged then
     */
    public ChargeOutcome charge(Sale sale, Consumer<DomainEvent> events) {
        Customer customer = sale.customer();
        ProductContract contract = sale.contract();
        TaxDecision tax = decisions.decide(customer, contract.taxType(), sale.supplyUntil());
        InvoiceAmounts priced = InvoiceAmounts.of(contract.priceBasis(), List.of(new InvoiceAmounts.Item(
                sale.description(), contract.taxType(), sale.supplyFrom(), sale.supplyUntil(), tax.rate(),
                contract.price())));
        PaymentAttempts.Attempt attempt = payments.charge(new ChargeRequest(sale.key(), customer.id(),
                sale.paysFor(), priced.gross(), contract.taxType(), sale.description(), sale.at()), customer,
                sale.method());
        ChargeOutcome outcome = attempt.outcome();
        Optional<ChargeId> paidBy = outcome.paidBy();
        // a charge made before has its invoice, unless it paid only later (settled after pending)
        if (paidBy.isPresent() && (!attempt.replayed()
                || context.store().invoices().findByCharge(paidBy.get()).isEmpty())) {
            ChargeId chargeId = paidBy.get();
            Seller seller = settings.seller();
            Instant now = context.now();
            Invoice invoice = numbered(settings.invoices(), now, number -> new Invoice(
                    new InvoiceId("inv-" + IdempotencyKey.uuidOf("invoice/" + sale.key().value())), number,
                    settings.invoices().id(), InvoiceKind.INVOICE, sale.purpose(), customer.id(), now,
                    LocalDate.ofInstant(now, context.zone()),
                    new InvoiceParty(seller.name(), Optional.of(seller.address()), Optional.of(seller.vatId())),
                    new InvoiceParty(customer.name(), customer.billingAddress(), customer.vatId()), priced.lines(),
                    priced.taxSummaries(), priced.net(), priced.tax(), priced.gross(), tax.treatment(), sale.paysFor(),
                    Optional.of(chargeId), Optional.empty()));
            if (!context.store().invoices().insert(invoice)) {
                throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, "invoice " + invoice.id()
                        + " of charge " + chargeId + " was issued concurrently");
            }
            events.accept(InvoiceEvent.Issued.of(invoice));
        }
        return outcome;
    }

    /**
     * Issues the cancellation of {@code original}: its own number from the cancellation series,
     * the original's parties and lines with the amounts negated, and a reference to it.
     *
     * @param id the cancellation's id
     * @throws ConflictException with {@link ErrorCode#INVALID_STATE} if the original is a
     *                           cancellation itself or was cancelled already
     */
    public Invoice cancel(Invoice original, InvoiceId id, Consumer<DomainEvent> events) {
        if (original.kind() == InvoiceKind.CANCELLATION) {
            throw new ConflictException(ErrorCode.INVALID_STATE, "invoice " + original.number()
                    + " is a cancellation, which cannot be cancelled");
        }
        Optional<Invoice> earlier = context.store().invoices().findCancellation(original.id());
        if (earlier.isPresent()) {
            throw alreadyCancelled(original, earlier.get());
        }
        Instant now = context.now();
        Invoice cancellation = numbered(settings.cancellations(), now, number -> new Invoice(id, number,
                settings.cancellations().id(), InvoiceKind.CANCELLATION, original.purpose(), original.customerId(), now,
                LocalDate.ofInstant(now, context.zone()), original.seller(), original.customer(),
                original.lines().stream().map(InvoiceLine::negated).toList(),
                original.taxSummaries().stream().map(TaxSummary::negated).toList(), original.net().negated(),
                original.tax().negated(), original.gross().negated(), original.treatment(), original.paysFor(),
                original.charge(), Optional.of(original.id())));
        if (!context.store().invoices().insert(cancellation)) {
            throw alreadyCancelled(original, context.store().invoices().findCancellation(original.id())
                    .orElse(cancellation));
        }
        events.accept(InvoiceEvent.Issued.of(cancellation));
        return cancellation;
    }

    private Invoice numbered(InvoiceSeries series, Instant now, Function<String, Invoice> invoice) {
        long counter = context.store().invoiceNumbers().next(series.id());
        return invoice.apply(series.number(counter, LocalDate.ofInstant(now, context.zone()).getYear()));
    }

    private static ConflictException alreadyCancelled(Invoice original, Invoice cancellation) {
        return new ConflictException(ErrorCode.INVALID_STATE, "invoice " + original.number()
                + " was cancelled already by " + cancellation.number());
    }
}
