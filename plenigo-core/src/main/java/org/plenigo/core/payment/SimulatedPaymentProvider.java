package org.plenigo.core.payment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.plenigo.core.Require;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;

/**
 * A {@link PaymentProvider} that takes no money, for tests and demos: it answers each charge as
 * scripted and records what it was asked. Unscripted charges succeed.
 *
 * <p>A script names which charges it answers (a customer, a payment method, an amount, or any) and
 * a sequence of answers: each charge it answers takes the next one, and the last repeats, so
 * {@code forCustomer(anna, fail("timeout"), succeed())} fails Anna's first charge and lets her retry
 * succeed. The newest script that names a charge answers it. Like a real provider it is idempotent
 * by key: a charge or refund under a key it has seen answers the first result, takes no answer from
 * a script and is not recorded again. References are made of the key ({@code sim-pay-} and the
 * charge's key, {@code sim-refund-} and the refund's), so a test can name them and several
 * instances on one store never give the same one. A refund is refused if it names no payment
 * this provider took or exceeds what is left of it. Thread-safe.
 */
public final class SimulatedPaymentProvider implements PaymentProvider {
    /** How the simulated provider answers one charge. */
    public sealed interface Answer {
        /** The charge succeeds. */
        record Succeed() implements Answer {
        }

        /** The charge succeeds and yields a SEPA mandate, as a first iDEAL payment does. */
        record SucceedWithMandate(PaymentMethodDetails.SepaDirectDebit mandate) implements Answer {
            public SucceedWithMandate {
                Require.notNull(mandate, "mandate");
            }
        }

        /** The charge is pending: settle or return it later through {@code plenigo.payments()}. */
        record Pend() implements Answer {
        }

        /** The provider declines the charge with the reason. */
        record Decline(String reason) implements Answer {
            public Decline {
                Require.notBlank(reason, "reason");
            }
        }

        /** The charge fails for a technical reason. */
        record Fail(String reason) implements Answer {
            public Fail {
                Require.notBlank(reason, "reason");
            }
        }
    }

    /** A card for tests and demos: this provider charges it like any other, and it expires at the end of 2099. */
    public static PaymentMethodDetails.CreditCard testCard() {
        return new PaymentMethodDetails.CreditCard("sim-card", "VISA", "4242", 12, 2099);
    }

    public static Answer succeed() {
        return new Answer.Succeed();
    }

    /** Succeeds and yields {@code mandate}, as a first iDEAL payment does. */
    public static Answer succeedWithMandate(PaymentMethodDetails.SepaDirectDebit mandate) {
        return new Answer.SucceedWithMandate(mandate);
    }

    public static Answer pend() {
        return new Answer.Pend();
    }

    public static Answer decline(String reason) {
        return new Answer.Decline(reason);
    }

    public static Answer fail(String reason) {
        return new Answer.Fail(reason);
    }

    private record Script(Predicate<PaymentRequest> when, Deque<Answer> answers) {
        Answer next() {
            return answers.size() > 1 ? answers.removeFirst() : answers.getFirst();
        }
    }

    /** How the reference of a payment begins; its charge's key follows. */
    public static final String REFERENCE = "sim-pay-";
    /** How the reference of a refund begins; its key follows. */
    public static final String REFUND_REFERENCE = "sim-refund-";

    private final List<Script> scripts = new ArrayList<>();
    private final List<PaymentRequest> charges = new ArrayList<>();
    private final List<RefundRequest> refunds = new ArrayList<>();
    private final Map<IdempotencyKey, PaymentResult> chargesByKey = new HashMap<>();
    private final Map<IdempotencyKey, RefundResult> refundsByKey = new HashMap<>();
    private final Map<String, Money> refundable = new HashMap<>();

    /** Answers the customer's charges with {@code answers}, in turn, the last repeating. */
    public SimulatedPaymentProvider forCustomer(CustomerId customerId, Answer... answers) {
        Require.notNull(customerId, "customerId");
        return script(request -> request.customerId().equals(customerId), answers);
    }

    /** Answers the charges of this payment method with {@code answers}, in turn, the last repeating. */
    public SimulatedPaymentProvider forMethod(PaymentMethodId methodId, Answer... answers) {
        Require.notNull(methodId, "methodId");
        return script(request -> request.method().id().equals(methodId), answers);
    }

    /** Answers the charges of exactly this amount with {@code answers}, in turn, the last repeating. */
    public SimulatedPaymentProvider forAmount(Money amount, Answer... answers) {
        Require.notNull(amount, "amount");
        return script(request -> request.amount().equals(amount), answers);
    }

    /** Answers every charge with {@code answers}, in turn, the last repeating. */
    public SimulatedPaymentProvider always(Answer... answers) {
        return script(request -> true, answers);
    }

    /** Answers the charges {@code when} accepts with {@code answers}, in turn, the last repeating. */
    public synchronized SimulatedPaymentProvider script(Predicate<PaymentRequest> when, Answer... answers) {
        Require.notNull(when, "when");
        Require.that(answers != null && answers.length > 0, "answers must name at least one answer");
        for (Answer answer : answers) {
            Require.notNull(answer, "answer");
        }
        scripts.add(0, new Script(when, new ArrayDeque<>(List.of(answers))));
        return this;
    }

    @Override
    public synchronized PaymentResult charge(PaymentRequest request) {
        Require.notNull(request, "paymentRequest");
        PaymentResult first = chargesByKey.get(request.key());
        if (first != null) {
            return first;
        }
        charges.add(request);
        Answer answer = scripts.stream().filter(s -> s.when().test(request)).findFirst()
                .map(Script::next).orElse(succeed());
        String reference = REFERENCE + request.key().value();
        PaymentResult result;
        if (answer instanceof Answer.Decline decline) {
            result = new PaymentResult.Declined(decline.reason());
        } else if (answer instanceof Answer.Fail fail) {
            result = new PaymentResult.Failed(fail.reason());
        } else {
            refundable.put(reference, request.amount());
            if (answer instanceof Answer.Pend) {
                result = new PaymentResult.Pending(reference);
            } else if (answer instanceof Answer.SucceedWithMandate withMandate) {
                result = new PaymentResult.Succeeded(reference, Optional.of(withMandate.mandate()));
            } else {
                result = new PaymentResult.Succeeded(reference);
            }
        }
        chargesByKey.put(request.key(), result);
        return result;
    }

    @Override
    public synchronized RefundResult refund(RefundRequest request) {
        Require.notNull(request, "refundRequest");
        RefundResult first = refundsByKey.get(request.key());
        if (first != null) {
            return first;
        }
        Money left = refundable.get(request.providerReference());
        RefundResult result;
        if (left == null) {
            result = new RefundResult.Failed("no payment " + request.providerReference());
        } else if (!left.currency().equals(request.amount().currency()) || request.amount().compareTo(left) > 0) {
            result = new RefundResult.Failed("refund of " + request.amount() + " exceeds the " + left + " left of "
                    + request.providerReference());
        } else {
            refunds.add(request);
            refundable.put(request.providerReference(), left.minus(request.amount()));
            result = new RefundResult.Refunded(REFUND_REFERENCE + request.key().value());
        }
        refundsByKey.put(request.key(), result);
        return result;
    }

    /** The charges asked for, in order, each once (not the repeats of a key). */
    public synchronized List<PaymentRequest> charges() {
        return List.copyOf(charges);
    }

    /** The refunds made, in order, each once. */
    public synchronized List<RefundRequest> refunds() {
        return List.copyOf(refunds);
    }
}
