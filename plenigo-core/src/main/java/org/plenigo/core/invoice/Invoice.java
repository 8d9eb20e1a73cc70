package org.plenigo.core.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.money.Money;
import org.plenigo.core.tax.TaxRate;
import org.plenigo.core.tax.TaxTreatment;

/**
 * An issued invoice, with what § 14 Abs. 4 UStG asks of it. Issued invoices never change: a
 * correction is a {@link InvoiceKind#CANCELLATION} of the whole invoice, with its own number and
 * the negated amounts.
 *
 * @param number        the number its series gave it, unique across all invoices
 * @param series        the id of the number series
 * @param issuedAt      when it was issued; {@code issueDate} is that day in the publisher's time zone
 * @param seller        the publisher, as configured when it was issued
 * @param customer      the customer's name, billing address and VAT id as they were when it was issued
 * @param lines         what it bills, at least one line
 * @param taxSummaries  its figures per rate, by rate: each the sums of its lines at that rate
 * @param net           the sum of the lines' net amounts; with {@code tax} and {@code gross} the totals
 * @param paysFor       the subscription or purchase the charge was for
 * @param charge        the charge it bills; for a cancellation the original's charge
 * @param cancels       the invoice a cancellation cancels; empty for an invoice
 */
public record Invoice(InvoiceId id, String number, String series, InvoiceKind kind, InvoicePurpose purpose,
                      CustomerId customerId, Instant issuedAt, LocalDate issueDate, InvoiceParty seller,
                      InvoiceParty customer, List<InvoiceLine> lines, List<TaxSummary> taxSummaries, Money net,
                      Money tax, Money gross, TaxTreatment treatment, ChargeReference paysFor,
                      Optional<ChargeId> charge, Optional<InvoiceId> cancels) {
    public Invoice {
        Require.notNull(id, "invoice.id");
        Require.maxLength(Require.notBlank(number, "invoice.number"), 64, "invoice.number");
        Require.id(series, "invoice.series");
        Require.notNull(kind, "invoice.kind");
        Require.notNull(purpose, "invoice.purpose");
        Require.notNull(customerId, "invoice.customerId");
        Require.notNull(issuedAt, "invoice.issuedAt");
        Require.notNull(issueDate, "invoice.issueDate");
        Require.notNull(seller, "invoice.seller");
        Require.notNull(customer, "invoice.customer");
        lines = List.copyOf(Require.notNull(lines, "invoice.lines"));
        taxSummaries = List.copyOf(Require.notNull(taxSummaries, "invoice.taxSummaries"));
        Require.notNull(net, "invoice.net");
        Require.notNull(tax, "invoice.tax");
        Require.notNull(gross, "invoice.gross");
        Require.notNull(treatment, "invoice.treatment");
        Require.notNull(paysFor, "invoice.paysFor");
        Require.notNull(charge, "invoice.charge");
        Require.notNull(cancels, "invoice.cancels");
        if (lines.isEmpty()) {
            throw new ValidationException("invoice.lines must not be empty");
        }
        if ((kind == InvoiceKind.CANCELLATION) != cancels.isPresent()) {
            throw new ValidationException("invoice.cancels must name the cancelled invoice of a cancellation, and only"
                    + " of one; kind " + kind + ", cancels " + cancels);
        }
        if (!summarise(lines).equals(taxSummaries)) {
            throw new ValidationException("invoice.taxSummaries " + taxSummaries + " are not the sums of its lines"
                    + " per rate " + summarise(lines));
        }
        Money zero = Money.zero(gross.currency());
        Money netSum = zero;
        Money taxSum = zero;
        for (TaxSummary summary : taxSummaries) {
            netSum = netSum.plus(summary.net());
            taxSum = taxSum.plus(summary.tax());
        }
        if (!netSum.equals(net) || !taxSum.equals(tax) || !net.plus(tax).equals(gross)) {
            throw new ValidationException("invoice totals " + net + " net, " + tax + " tax, " + gross
                    + " gross are not the sums of its lines");
        }
        if (treatment != TaxTreatment.TAXED && lines.stream().anyMatch(l -> !l.rate().isZero())) {
            throw new ValidationException("invoice " + treatment + " must have rate 0 on every line");
        }
        if (treatment == TaxTreatment.REVERSE_CHARGE && (customer.vatId().isEmpty() || seller.vatId().isEmpty())) {
            throw new ValidationException("invoice " + treatment + " must name the VAT ids of both parties");
        }
    }

    /** The figures per rate of these lines, by rate: sums of the lines at each rate. */
    public static List<TaxSummary> summarise(List<InvoiceLine> lines) {
        Map<TaxRate, Money[]> byRate = new TreeMap<>();
        for (InvoiceLine line : lines) {
            Money[] sums = byRate.get(line.rate());
            if (sums == null) {
                byRate.put(line.rate(), new Money[] {line.net(), line.tax()});
            } else {
                sums[0] = sums[0].plus(line.net());
                sums[1] = sums[1].plus(line.tax());
            }
        }
        List<TaxSummary> summaries = new ArrayList<>(byRate.size());
        byRate.forEach((rate, sums) -> summaries.add(new TaxSummary(rate, sums[0], sums[1], sums[0].plus(sums[1]))));
        return summaries;
    }

    /** The note it prints on why there is no tax, empty when it is taxed. */
    public String taxNote() {
        return treatment.note();
    }
}
