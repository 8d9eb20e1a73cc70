package org.plenigo.core.consent;

import java.time.Instant;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.customer.CustomerId;

/**
 * One answer of a customer to a consent question: the question as shown (purpose, text, version),
 * when it was answered and whether consent was given. Answers are never changed: a later answer is
 * a new record, and the latest one per purpose is the customer's current answer.
 *
 * @param reference what the answer was given in, e.g. the checkout order; empty when given alone
 */
public record Consent(ConsentId id, CustomerId customerId, ConsentQuestion question, Instant recordedAt,
                      boolean granted, Optional<String> reference) {
    public Consent {
        Require.notNull(id, "consent.id");
        Require.notNull(customerId, "consent.customerId");
        Require.notNull(question, "consent.question");
        Require.notNull(recordedAt, "consent.recordedAt");
        Require.notNull(reference, "consent.reference");
        reference.ifPresent(r -> Require.maxLength(Require.id(r, "consent.reference"), 128, "consent.reference"));
    }

    /** What the consent is for, e.g. {@code marketing}. */
    public String purpose() {
        return question.purpose();
    }
}
