package org.plenigo.core.subscription;

import java.time.Instant;
import java.time.LocalDate;
import org.plenigo.core.Require;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.event.DomainEvent;
import org.plenigo.core.payment.PaymentMethodId;

/** Events about subscriptions' renewals and cancellations, published after the change was stored. */
public sealed interface SubscriptionEvent extends DomainEvent {
    CustomerId customerId();

    SubscriptionId subscriptionId();

    /** Billing period {@code period} (from {@code firstDay} to {@code lastDay}) was charged; access runs until {@code paidUntil}. */
    record Renewed(CustomerId customerId, SubscriptionId subscriptionId, long period, LocalDate firstDay,
                   LocalDate lastDay, ChargeId chargeId, Instant paidUntil, Instant occurredAt)
            implements SubscriptionEvent {
    }

    /** The charge of billing period {@code period} failed: it is unpaid and access was not extended. */
    record RenewalFailed(CustomerId customerId, SubscriptionId subscriptionId, long period, LocalDate firstDay,
                         String reason, Instant occurredAt) implements SubscriptionEvent {
        public RenewalFailed {
            Require.notBlank(reason, "reason");
        }
    }

    /** A regular cancellation was requested; it takes effect at {@code takesEffectAt}. */
    record CancellationRequested(CustomerId customerId, SubscriptionId subscriptionId, Instant takesEffectAt,
                                 Instant occurredAt) implements SubscriptionEvent {
    }

    /** A pending cancellation was withdrawn before it took effect: the subscription goes on. */
    record CancellationWithdrawn(CustomerId customerId, SubscriptionId subscriptionId, Instant occurredAt)
            implements SubscriptionEvent {
    }

    /** The subscription ended at {@code endedAt}: no further charges, its access right items end then. */
    record Ended(CustomerId customerId, SubscriptionId subscriptionId, Instant endedAt, EndReason reason,
                 Instant occurredAt) implements SubscriptionEvent {
    }

    /** The subscription's next charges use {@code paymentMethodId}. */
    record PaymentMethodChanged(CustomerId customerId, SubscriptionId subscriptionId, PaymentMethodId paymentMethodId,
                                Instant occurredAt) implements SubscriptionEvent {
    }

    /**
     * The last retry of billing period {@code period} failed: the subscription's access right items
     * are blocked until it is paid, and it ends at {@code endsAt} unless it is paid before.
     */
    record AccessBlocked(CustomerId customerId, SubscriptionId subscriptionId, long period, String reason,
                         Instant endsAt, Instant occurredAt) implements SubscriptionEvent {
    }

    /** The unpaid period was paid: its access right items are unblocked. */
    record AccessUnblocked(CustomerId customerId, SubscriptionId subscriptionId, Instant occurredAt)
            implements SubscriptionEvent {
    }

    /** Why a subscription ended. */
    enum EndReason {
        /** A regular cancellation took effect. */
        CANCELLED,
        /** It was cancelled with immediate effect. */
        CANCELLED_IMMEDIATELY,
        /** A billing period stayed unpaid until the end of dunning. */
        NOT_PAID
    }
}
