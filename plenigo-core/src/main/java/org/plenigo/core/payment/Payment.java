package org.plenigo.core.payment;

import java.time.Instant;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.ChargeRequest;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;

/**
 * One attempt to charge a customer and what became of it. A declined or failed attempt is kept
 * too, with its reason; it gave nothing.
 *
 * @param id                its id, which the invoice of a paid charge names
 * @param request           the charge: its key, customer, amount, what it pays for, when it was made
 * @param method            the payment method charged; empty for charges made before payment
 *                          methods were charged
 * @param status            where it stands
 * @param reason            why it was declined, failed or returned
 * @param providerReference the provider's id of the payment, by which settlements, returns and
 *                          refunds name it; empty if the provider was not asked or answered none
 * @param refunded          how much of it was refunded, zero in its currency if nothing
 * @param updatedAt         when its status last changed (at first: when it was made)
 */
public record Payment(ChargeId id, ChargeRequest request, Optional<PaymentMethodId> method, PaymentStatus status,
                      Optional<String> reason, Optional<String> providerReference, Money refunded,
                      Instant updatedAt) {
    /** Longest reason kept; a provider's longer text is cut. */
    public static final int MAX_REASON_LENGTH = 500;

    public Payment {
        Require.notNull(id, "payment.id");
        Require.notNull(request, "payment.request");
        Require.notNull(method, "payment.method");
        Require.notNull(status, "payment.status");
        Require.notNull(reason, "payment.reason");
        reason.ifPresent(r -> Require.maxLength(Require.notBlank(r, "payment.reason"), MAX_REASON_LENGTH,
                "payment.reason"));
        Require.notNull(providerReference, "payment.providerReference");
        providerReference.ifPresent(r -> Require.maxLength(Require.notBlank(r, "payment.providerReference"), 255,
                "payment.providerReference"));
        Require.notNull(refunded, "payment.refunded");
        Require.notNull(updatedAt, "payment.updatedAt");
        request.amount().requireSameCurrency(refunded);
        if (refunded.isNegative() || refunded.compareTo(request.amount()) > 0) {
            throw new ValidationException("payment.refunded " + refunded + " must be between zero and the amount "
                    + request.amount());
        }
        if (!status.paid() && status != PaymentStatus.RETURNED && reason.isEmpty()) {
            throw new ValidationException("payment.reason is required for a " + status + " payment");
        }
    }

    public IdempotencyKey key() {
        return request.key();
    }

    public CustomerId customerId() {
        return request.customerId();
    }

    public Money amount() {
        return request.amount();
    }

    /** What may still be refunded: the amount less what was refunded. */
    public Money refundable() {
        return request.amount().minus(refunded);
    }

    /** This payment with another status, reason and refunded amount, changed at {@code at}. */
    public Payment with(PaymentStatus status, Optional<String> reason, Money refunded, Instant at) {
        return new Payment(id, request, method, status, reason, providerReference, refunded, at);
    }

    /** A reason cut to {@link #MAX_REASON_LENGTH}, as a provider's text may be longer. */
    public static String reason(String text) {
        String trimmed = Require.notBlank(text, "reason").strip();
        return trimmed.length() <= MAX_REASON_LENGTH ? trimmed : trimmed.substring(0, MAX_REASON_LENGTH);
    }
}
