package org.plenigo.core.payment;

import java.util.List;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.idempotency.internal.Fingerprint;
import org.plenigo.core.idempotency.internal.Idempotency;
import org.plenigo.core.idempotency.internal.IdempotentOperation;
import org.plenigo.core.idempotency.internal.ResultCodec;
import org.plenigo.core.idempotency.internal.ResultFields;
import org.plenigo.core.internal.Context;
import org.plenigo.core.internal.UnitOfWork;

/**
 * Customers' payment methods: adding them, listing them and choosing the default. A customer has
 * at most one default method, and the first method a customer adds becomes it. Nothing is charged
 * here. Thread-safe.
 */
public final class PaymentMethodService {
    private static final String ADD = "paymentMethod.add";

    private final Context context;
    private final Idempotency idempotency;
    private final UnitOfWork unitOfWork;
    private final IdempotentOperation<PaymentMethod> add;

    public PaymentMethodService(Context context) {
        this.context = context;
        this.idempotency = context.idempotency();
        this.unitOfWork = context.unitOfWork();
        this.add = IdempotentOperation.of(ADD, ResultCodec.of(
                method -> ResultFields.create().with("paymentMethod", method.id().value()),
                fields -> require(new PaymentMethodId(fields.text("paymentMethod")))));
    }

    /**
     * Adds a payment method to the customer. The customer's first method becomes the default;
     * a later one only if {@code makeDefault}, which clears the default the customer had.
     * Idempotent by {@code key}: the same key again adds nothing and returns the method it added,
     * as it is now.
     *
     * @return the method added
     * @throws NotFoundException   if the customer does not exist
     * @throws ValidationException if the method is iDEAL and the customer is not in the Netherlands
     * @throws ConflictException   with {@link ErrorCode#IDEMPOTENCY_KEY_REUSED} if the key was used
     *                             for another request
     */
    public PaymentMethod add(CustomerId customerId, PaymentMethodDetails details, boolean makeDefault,
                             IdempotencyKey key) {
        Require.notNull(customerId, "customerId");
        Require.notNull(details, "details");
        Require.notNull(key, "idempotencyKey");
        return unitOfWork.run(events -> idempotency.run(key, add, Fingerprint.of(customerId, details, makeDefault),
                replayed -> replayed, () -> {
                    Customer customer = requireCustomer(customerId);
                    if (details instanceof PaymentMethodDetails.Ideal && !customer.country().equals(
                            PaymentMethodDetails.Ideal.COUNTRY)) {
                        throw new ValidationException("details IDEAL is only for customers in the Netherlands;"
                                + " customer '" + customerId + "' is in " + customer.country());
                    }
                    PaymentMethodRepository methods = context.store().paymentMethods();
                    boolean first = methods.findByCustomer(customerId).isEmpty();
                    PaymentMethod method = new PaymentMethod(
                            new PaymentMethodId("pm-" + IdempotencyKey.uuidOf(ADD + "/" + key)), customerId, details,
                            first, context.now());
                    if (!methods.insert(method)) {
                        // another unit of work added the customer's first method meanwhile: run again
                        throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION,
                                "customer '" + customerId + "' got a default payment method concurrently");
                    }
                    if (makeDefault && !first) {
                        methods.makeDefault(customerId, method.id());
                    }
                    return require(method.id());
                }));
    }

    /**
     * The customer's payment methods in the order they were added.
     *
     * @throws NotFoundException if the customer does not exist
     */
    public List<PaymentMethod> list(CustomerId customerId) {
        Require.notNull(customerId, "customerId");
        return context.store().transactions().read(() -> {
            requireCustomer(customerId);
            return context.store().paymentMethods().findByCustomer(customerId);
        });
    }

    /**
     * The payment method with this id.
     *
     * @throws NotFoundException if there is none
     */
    public PaymentMethod get(PaymentMethodId id) {
        Require.notNull(id, "paymentMethodId");
        return context.store().transactions().read(() -> require(id));
    }

    /**
     * Makes the method the customer's default, clearing the default the customer had, in one unit of
     * work. Making the default the default again changes nothing.
     *
     * @return the method, now the default
     * @throws NotFoundException if the customer has no payment method of this id
     */
    public PaymentMethod makeDefault(CustomerId customerId, PaymentMethodId id) {
        Require.notNull(customerId, "customerId");
        Require.notNull(id, "paymentMethodId");
        return unitOfWork.run(events -> {
            if (!context.store().paymentMethods().makeDefault(customerId, id)) {
                requireCustomer(customerId);
                throw new NotFoundException("payment method of customer '" + customerId + "'", id);
            }
            return require(id);
        });
    }

    private Customer requireCustomer(CustomerId customerId) {
        return context.store().customers().find(customerId)
                .orElseThrow(() -> new NotFoundException("customer", customerId));
    }

    private PaymentMethod require(PaymentMethodId id) {
        return context.store().paymentMethods().find(id)
                .orElseThrow(() -> new NotFoundException("payment method", id));
    }
}
