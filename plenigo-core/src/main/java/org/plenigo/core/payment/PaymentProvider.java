package org.plenigo.core.payment;

/**
 * Port to a payment service provider: charges a customer's payment method and refunds what it
 * charged. There is no default: the host passes one to {@code Plenigo.builder().paymentProvider(...)},
 * so nothing gives credits or access away unpaid; {@link SimulatedPaymentProvider} is the one the
 * library ships, for tests and demos.
 *
 * <p>It is called inside the unit of work of the operation that charges (a purchase, a
 * subscription, a top-up), which may still roll back after the provider took the money. So an
 * implementation must be idempotent by the request's key, as providers' idempotency keys are: the
 * same key again answers the first result and charges or refunds nothing more. That makes a
 * retried operation safe; it also means that a declined or failed charge is retried under a new
 * key. Answers are values; an exception means the provider could not be asked at all, and the
 * operation fails with it.
 */
public interface PaymentProvider {
    /** Charges the request's amount to its payment method. */
    PaymentResult charge(PaymentRequest request);

    /** Refunds {@code request.amount()} of the payment the provider knows by {@code request.providerReference()}. */
    RefundResult refund(RefundRequest request);
}
