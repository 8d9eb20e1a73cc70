package org.plenigo.core.consent;

import java.util.List;
import java.util.Optional;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.Require;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.internal.Context;
import org.plenigo.core.consent.internal.ConsentBook;
import org.plenigo.core.store.Store;

/**
 * Customers' consents, such as the marketing opt-in: each answer is recorded with the text shown,
 * its version, the time and the answer, and kept for ever; a change of mind is a new answer, never
 * an overwrite. Thread-safe.
 */
public final class ConsentService {
    private final Context context;
    private final Store store;

    public ConsentService(Context context) {
        this.context = context;
        this.store = context.store();
    }

    /**
     * Records the customer's answer to {@code question} now. Idempotent by {@code key}: the same
     * key again records nothing and returns the answer recorded first.
     *
     * @throws NotFoundException if the customer does not exist
     * @throws ConflictException with {@link ErrorCode#IDEMPOTENCY_KEY_REUSED} if the key was used
     *                           for another answer
     */
    public Consent record(CustomerId customerId, ConsentQuestion question, boolean granted, IdempotencyKey key) {
        Require.notNull(customerId, "customerId");
        Require.notNull(question, "question");
        Require.notNull(key, "idempotencyKey");
        return store.transactions().inTransaction(() -> {
            if (store.customers().find(customerId).isEmpty()) {
                throw new NotFoundException("customer", customerId);
            }
            return ConsentBook.append(store, new Consent(ConsentBook.idOf(key), customerId, question, context.now(), granted,
                    Optional.empty()));
        });
    }

    /** The customer's current answer for {@code purpose}: the latest one recorded, if any. */
    public Optional<Consent> current(CustomerId customerId, String purpose) {
        List<Consent> answers = history(customerId, purpose);
        return answers.isEmpty() ? Optional.empty() : Optional.of(answers.get(answers.size() - 1));
    }

    /** Every answer of the customer for {@code purpose}, oldest first. */
    public List<Consent> history(CustomerId customerId, String purpose) {
        Require.notNull(purpose, "purpose");
        return history(customerId).stream().filter(c -> c.purpose().equals(purpose)).toList();
    }

    /** Every answer of the customer, for every purpose, oldest first. */
    public List<Consent> history(CustomerId customerId) {
        Require.notNull(customerId, "customerId");
        return store.transactions().inTransaction(() -> store.consents().findByCustomer(customerId));
    }
}
