package org.plenigo.core.charge;

import java.util.Optional;
import org.plenigo.core.Require;

/**
 * What became of a charge, as the operation that charged sees it: paid (succeeded, or pending and
 * granting at once) or not paid (declined, failed or not attempted), in which case nothing was
 * taken and the operation gives nothing. Outside the charging code, read it through
 * {@link #paid()}, {@link #paidBy()}, {@link #failureReason()} and {@link #refusal()}.
 */
public sealed interface ChargeOutcome {
    /** The money was taken. */
    record Succeeded(ChargeId chargeId) implements ChargeOutcome {
        public Succeeded {
            Require.notNull(chargeId, "chargeId");
        }
    }

    /** The money is on its way (SEPA, iDEAL); what the charge pays for is given now, and taken back if it returns. */
    record Pending(ChargeId chargeId) implements ChargeOutcome {
        public Pending {
            Require.notNull(chargeId, "chargeId");
        }
    }

    /** The provider declined the charge; the attempt is kept as {@code chargeId}. */
    record Declined(ChargeId chargeId, String reason) implements ChargeOutcome {
        public Declined {
            Require.notNull(chargeId, "chargeId");
            Require.notBlank(reason, "reason");
        }
    }

    /**
     * The charge failed or was not attempted, and nothing was taken.
     *
     * @param kind    why, as the operation's refusal: {@link Refusal#PAYMENT_FAILED} (a technical
     *                failure), {@link Refusal#NO_PAYMENT_METHOD}, {@link Refusal#PAYMENT_METHOD_EXPIRED},
     *                {@link Refusal#PAYMENT_PENDING}, {@link Refusal#PAYMENT_METHOD_NOT_ACCEPTED}
     * @param attempt the kept attempt, if one was kept (not when the customer has no method)
     */
    record Failed(String reason, Refusal kind, Optional<ChargeId> attempt) implements ChargeOutcome {
        public Failed {
            Require.notBlank(reason, "reason");
            Require.notNull(kind, "kind");
            Require.notNull(attempt, "attempt");
        }

        /** A technical failure ({@link Refusal#PAYMENT_FAILED}) with no attempt kept. */
        public Failed(String reason) {
            this(reason, Refusal.PAYMENT_FAILED, Optional.empty());
        }
    }

    /** Whether the money was taken or is on its way (pending): what the charge pays for may be given. */
    default boolean paid() {
        return this instanceof Succeeded || this instanceof Pending;
    }

    /** The charge that paid, if {@link #paid()}. */
    default Optional<ChargeId> paidBy() {
        if (this instanceof Succeeded s) {
            return Optional.of(s.chargeId());
        }
        return this instanceof Pending p ? Optional.of(p.chargeId()) : Optional.empty();
    }

    /** Why the charge did not pay, if it did not. */
    default Optional<String> failureReason() {
        if (this instanceof Declined d) {
            return Optional.of(d.reason());
        }
        return this instanceof Failed f ? Optional.of(f.reason()) : Optional.empty();
    }

    /**
     * The refusal an operation answers when this charge did not pay, if it did not: a declined
     * charge is {@link Refusal#PAYMENT_FAILED}.
     */
    default Optional<Refusal> refusal() {
        if (this instanceof Declined) {
            return Optional.of(Refusal.PAYMENT_FAILED);
        }
        return this instanceof Failed f ? Optional.of(f.kind()) : Optional.empty();
    }
}
