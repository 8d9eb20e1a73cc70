package org.plenigo.core.consent.internal;

import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.consent.Consent;
import org.plenigo.core.consent.ConsentId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.store.Store;

/**
 * Appends consent answers in the caller's unit of work, for the consent service and the checkout.
 * An answer's id is made of its idempotency key, so a repeated call finds the answer it stored.
 */
public final class ConsentBook {
    private ConsentBook() {
    }

    /** The id of the answer recorded under {@code key}. */
    public static ConsentId idOf(IdempotencyKey key) {
        return new ConsentId("cst-" + IdempotencyKey.uuidOf("consent/" + key.value()));
    }

    /**
     * Appends {@code consent} in the caller's unit of work, or returns the answer stored under its
     * id before if that is the same answer.
     *
     * @throws ConflictException with {@link ErrorCode#IDEMPOTENCY_KEY_REUSED} if its id holds another answer
     */
    public static Consent append(Store store, Consent consent) {
        if (store.consents().insert(consent)) {
            return consent;
        }
        Consent earlier = store.consents().find(consent.id()).orElseThrow(() -> new ConflictException(
                ErrorCode.CONCURRENT_MODIFICATION, "consent " + consent.id() + " was recorded concurrently"));
        if (!earlier.customerId().equals(consent.customerId()) || !earlier.question().equals(consent.question())
                || earlier.granted() != consent.granted() || !earlier.reference().equals(consent.reference())) {
            throw new ConflictException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "the key of consent " + consent.id()
                    + " was already used for another answer");
        }
        return earlier;
    }
}
