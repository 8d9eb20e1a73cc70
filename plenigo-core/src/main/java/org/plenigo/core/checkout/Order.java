package org.plenigo.core.checkout;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.consent.ConsentQuestion;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.money.Money;
import org.plenigo.core.payment.PaymentMethodId;
import org.plenigo.core.tax.TaxTreatment;

/**
 * A prepared checkout: what the customer buys, its price breakdown for this customer, the consent
 * questions to ask, and until when it may be completed. The totals are the sums of the lines.
 *
 * @param quantity         how many of the offer: for a subscription that many subscriptions, for a
 *                         single purchase that many purchases, each charged and invoiced on its own
 * @param paymentMethod    the payment method the customer chose, kept with the order; empty: the
 *                         customer's default
 * @param treatment        how the supply is taxed (taxed, reverse charge, not taxable in the EU)
 * @param consentQuestions the questions asked in the checkout, at most one per purpose
 * @param validUntil       the first instant at which the order can no longer be completed
 * @param completedAt      when it was completed; present exactly when {@code status} is COMPLETED
 */
public record Order(OrderId id, CustomerId customerId, OfferId offerId, int quantity,
                    Optional<PaymentMethodId> paymentMethod, List<OrderLine> lines, Money net, Money tax, Money gross,
                    TaxTreatment treatment, List<ConsentQuestion> consentQuestions, Instant createdAt,
                    Instant validUntil, OrderStatus status, Optional<Instant> completedAt) {
    /** The most of one offer that one order buys. */
    public static final int MAX_QUANTITY = 10;

    public Order {
        Require.notNull(id, "order.id");
        Require.notNull(customerId, "order.customerId");
        Require.notNull(offerId, "order.offerId");
        Require.positive(quantity, "order.quantity");
        Require.that(quantity <= MAX_QUANTITY, "order.quantity must be at most " + MAX_QUANTITY + ", was "
                + quantity);
        Require.notNull(paymentMethod, "order.paymentMethod");
        lines = List.copyOf(Require.notNull(lines, "order.lines"));
        Require.that(!lines.isEmpty(), "order.lines must not be empty");
        Require.notNull(net, "order.net");
        Require.notNull(tax, "order.tax");
        Require.notNull(gross, "order.gross");
        Require.notNull(treatment, "order.treatment");
        consentQuestions = List.copyOf(Require.notNull(consentQuestions, "order.consentQuestions"));
        Require.notNull(createdAt, "order.createdAt");
        Require.notNull(validUntil, "order.validUntil");
        Require.notNull(status, "order.status");
        Require.notNull(completedAt, "order.completedAt");
        Money lineNet = lines.get(0).net();
        Money lineTax = lines.get(0).tax();
        for (OrderLine line : lines.subList(1, lines.size())) {
            lineNet = lineNet.plus(line.net());
            lineTax = lineTax.plus(line.tax());
        }
        if (!lineNet.equals(net) || !lineTax.equals(tax) || !net.plus(tax).equals(gross)) {
            throw new ValidationException("order totals " + net + " net, " + tax + " tax, " + gross
                    + " gross are not the sums of its lines (" + lineNet + " net, " + lineTax + " tax)");
        }
        if (!validUntil.isAfter(createdAt)) {
            throw new ValidationException("order.validUntil " + validUntil + " must be after createdAt " + createdAt);
        }
        if ((status == OrderStatus.COMPLETED) != completedAt.isPresent()) {
            throw new ValidationException("order.completedAt must be present exactly when the order is COMPLETED,"
                    + " was " + completedAt + " with status " + status);
        }
        Set<String> purposes = new HashSet<>();
        for (ConsentQuestion question : consentQuestions) {
            if (!purposes.add(Require.notNull(question, "order.consentQuestions[]").purpose())) {
                throw new ValidationException("order.consentQuestions ask '" + question.purpose() + "' twice");
            }
        }
    }

    /** Whether the order can no longer be completed at {@code now}: its validity has ended. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(validUntil);
    }

    /** This order, completed at {@code at}. */
    public Order completed(Instant at) {
        return new Order(id, customerId, offerId, quantity, paymentMethod, lines, net, tax, gross, treatment,
                consentQuestions, createdAt, validUntil, OrderStatus.COMPLETED, Optional.of(at));
    }
}
