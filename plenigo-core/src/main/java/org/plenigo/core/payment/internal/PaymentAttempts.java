package org.plenigo.core.payment.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.ChargeOutcome;
import org.plenigo.core.charge.ChargeRequest;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.internal.Context;
import org.plenigo.core.internal.UnitOfWork;
import org.plenigo.core.money.Money;
import org.plenigo.core.payment.Payment;
import org.plenigo.core.payment.PaymentMethod;
import org.plenigo.core.payment.PaymentMethodDetails;
import org.plenigo.core.payment.PaymentMethodId;
import org.plenigo.core.payment.PaymentRepository;
import org.plenigo.core.payment.PaymentRequest;
import org.plenigo.core.payment.PaymentResult;
import org.plenigo.core.payment.PaymentStatus;

/**
 * Charges a customer through the payment provider, in the caller's unit of work, and keeps every
 * attempt as a {@link Payment}.
 *
 * <p>The key decides: a charge under a key whose payment paid (or is pending) answers that payment
 * and asks the provider nothing more. After a declined, failed or returned attempt the charge is
 * tried again, under a key derived from the first ({@code attempt-2}, ...), since the provider
 * answers a key it has seen with its first answer. The payment method is the one named or the
 * customer's default; without one, or with a card that expired or an iDEAL method the charge does
 * not fit, the provider is not asked. An attempt that did not pay (declined, failed, not attempted, or
 * pending where pending grants only once settled) is kept even though the operation that asked
 * for it rolls back ({@link UnitOfWork#keepEvenIfRolledBack}). A paid one stands or falls with the
 * operation: if it rolls back, the provider already has the key, and the operation's retry under it
 * is answered by the provider's first result without a second charge.
 */
public final class PaymentAttempts {
    /** How the reason of an attempt the provider was not asked for begins, which tells its refusal on a replay. */
    private static final String NOT_ATTEMPTED = "not charged: ";
    private static final String EXPIRED = NOT_ATTEMPTED + "card ";

    private final Context context;
    private final PaymentRepository payments;

    public PaymentAttempts(Context context) {
        this.context = context;
        this.payments = context.store().payments();
    }

    /** The id of the payment made under {@code key}. */
    public static ChargeId idOf(IdempotencyKey key) {
        return new ChargeId("ch-" + IdempotencyKey.uuidOf(key.value()));
    }

    /**
     * Charges {@code request.amount()} to the method named or the customer's default.
     *
     * @param customer the customer as the caller read it in this unit of work
     * @throws NotFoundException if {@code method} names no method of the customer
     */
    public Attempt charge(ChargeRequest request, Customer customer, Optional<PaymentMethodId> method) {
        IdempotencyKey key = request.key();
        for (int attempt = 2; ; attempt++) {
            Optional<Payment> earlier = payments.findByKey(key);
            if (earlier.isEmpty()) {
                break;
            }
            if (earlier.get().status().paid()) {
                return new Attempt(outcome(earlier.get()), true);
            }
            // a provider answers a key it has seen with its first answer, so a new attempt needs a key of its own
            key = request.key().derive("attempt-" + attempt);
        }
        ChargeRequest next = key.equals(request.key()) ? request : new ChargeRequest(key, request.customerId(),
                request.paysFor(), request.amount(), request.taxType(), request.description(), request.at());
        return new Attempt(attempt(next, customer, method), false);
    }

    /**
     * A charge's outcome.
     *
     * @param replayed whether a payment under its key existed before: the provider was not asked
     */
    public record Attempt(ChargeOutcome outcome, boolean replayed) {
    }

    private ChargeOutcome attempt(ChargeRequest request, Customer customer, Optional<PaymentMethodId> method) {
        Optional<PaymentMethod> chosen = method.isPresent() ? Optional.of(methodOf(customer, method.get()))
                : context.store().paymentMethods().findByCustomer(customer.id()).stream()
                .filter(PaymentMethod::isDefault).findFirst();
        if (chosen.isEmpty()) {
            return new ChargeOutcome.Failed("customer '" + customer.id() + "' has no payment method",
                    Refusal.NO_PAYMENT_METHOD, Optional.empty());
        }
        PaymentMethod paying = chosen.get();
        Instant now = context.now();
        LocalDate today = LocalDate.ofInstant(now, context.zone());
        Optional<Refusal> refused = refusal(paying, customer, request.amount(), today);
        if (refused.isPresent()) {
            String reason = refused.get() == Refusal.PAYMENT_METHOD_EXPIRED ? EXPIRED + paying.id() + " expired"
                    : NOT_ATTEMPTED + paying.type() + " " + paying.id() + " does not take " + request.amount()
                    + " from a customer in " + customer.country();
            return keep(payment(request, paying, PaymentStatus.FAILED, Optional.of(reason), Optional.empty(), now),
                    refused.get());
        }
        PaymentResult result = context.paymentProvider().charge(new PaymentRequest(request.key(), customer.id(),
                paying, request.amount(), request.description(), request.paysFor()));
        if (result instanceof PaymentResult.Declined declined) {
            return keep(payment(request, paying, PaymentStatus.DECLINED, Optional.of(Payment.reason(declined.reason())),
                    Optional.empty(), now), Refusal.PAYMENT_FAILED);
        }
        if (result instanceof PaymentResult.Failed failed) {
            return keep(payment(request, paying, PaymentStatus.FAILED, Optional.of(Payment.reason(failed.reason())),
                    Optional.empty(), now), Refusal.PAYMENT_FAILED);
        }
        if (result instanceof PaymentResult.Pending pending) {
            Payment payment = payment(request, paying, PaymentStatus.PENDING, Optional.empty(),
                    Optional.of(pending.providerReference()), now);
            if (context.pendingGrantsOnSettlement().contains(paying.type())) {
                return keep(payment, Refusal.PAYMENT_PENDING);
            }
            return outcome(stored(payment));
        }
        PaymentResult.Succeeded succeeded = (PaymentResult.Succeeded) result;
        Payment payment = stored(payment(request, paying, PaymentStatus.SUCCEEDED, Optional.empty(),
                Optional.of(succeeded.providerReference()), now));
        succeeded.mandate().ifPresent(mandate -> new MandateMethods(context).keep(paying, mandate, request.key(), now));
        return outcome(payment);
    }

    /** What a kept payment means to the operation that charged under its key. */
    public ChargeOutcome outcome(Payment payment) {
        String reason = payment.reason().orElse(payment.status().name().toLowerCase());
        return switch (payment.status()) {
            case SUCCEEDED, SETTLED, REFUNDED -> new ChargeOutcome.Succeeded(payment.id());
            case PENDING -> payment.method().flatMap(id -> context.store().paymentMethods().find(id))
                    .filter(m -> context.pendingGrantsOnSettlement().contains(m.type()))
                    .<ChargeOutcome>map(m -> new ChargeOutcome.Failed("payment " + payment.id() + " is pending until"
                            + " settled", Refusal.PAYMENT_PENDING, Optional.of(payment.id())))
                    .orElse(new ChargeOutcome.Pending(payment.id()));
            case DECLINED -> new ChargeOutcome.Declined(payment.id(), reason);
            case RETURNED -> new ChargeOutcome.Failed("payment " + payment.id() + " was returned: " + reason,
                    Refusal.PAYMENT_FAILED, Optional.of(payment.id()));
            case FAILED -> new ChargeOutcome.Failed(reason, reason.startsWith(EXPIRED) ? Refusal.PAYMENT_METHOD_EXPIRED
                    : reason.startsWith(NOT_ATTEMPTED) ? Refusal.PAYMENT_METHOD_NOT_ACCEPTED : Refusal.PAYMENT_FAILED,
                    Optional.of(payment.id()));
        };
    }

    private PaymentMethod methodOf(Customer customer, PaymentMethodId id) {
        return context.store().paymentMethods().find(id).filter(m -> m.customerId().equals(customer.id()))
                .orElseThrow(() -> new NotFoundException("payment method of customer '" + customer.id() + "'", id));
    }

    /** Why the method cannot be charged at all, if it cannot: the provider is not asked then. */
    private static Optional<Refusal> refusal(PaymentMethod method, Customer customer, Money amount, LocalDate today) {
        if (method.details() instanceof PaymentMethodDetails.CreditCard card && card.expiredOn(today)) {
            return Optional.of(Refusal.PAYMENT_METHOD_EXPIRED);
        }
        if (method.details() instanceof PaymentMethodDetails.Ideal ideal && (!ideal.accepts(amount.currency())
                || !PaymentMethodDetails.Ideal.COUNTRY.equals(customer.country()))) {
            return Optional.of(Refusal.PAYMENT_METHOD_NOT_ACCEPTED);
        }
        return Optional.empty();
    }

    private Payment payment(ChargeRequest request, PaymentMethod method, PaymentStatus status, Optional<String> reason,
                            Optional<String> providerReference, Instant now) {
        return new Payment(idOf(request.key()), request, Optional.of(method.id()), status, reason, providerReference,
                Money.zero(request.amount().currency()), now);
    }

    /** Inserts the payment, or answers the one a concurrent charge under the same key stored first. */
    private Payment stored(Payment payment) {
        if (payments.insert(payment)) {
            return payment;
        }
        return payments.findByKey(payment.key()).orElseThrow(() -> new ConflictException(
                ErrorCode.CONCURRENT_MODIFICATION, "payment " + payment.id() + " or its provider"
                + " reference was stored concurrently under another key"));
    }

    /** Stores an attempt that did not pay so that it stays when the operation rolls back. */
    private ChargeOutcome keep(Payment attempt, Refusal refusal) {
        Payment stored = stored(attempt);
        UnitOfWork.keepEvenIfRolledBack(() -> payments.insert(stored));
        if (stored != attempt) {
            return outcome(stored);
        }
        return stored.status() == PaymentStatus.DECLINED
                ? new ChargeOutcome.Declined(stored.id(), stored.reason().orElseThrow())
                : new ChargeOutcome.Failed(stored.reason().orElse("payment " + stored.id()
                + " is pending until settled"), refusal, Optional.of(stored.id()));
    }
}
