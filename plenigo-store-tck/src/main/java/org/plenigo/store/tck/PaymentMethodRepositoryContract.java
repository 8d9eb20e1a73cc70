package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.payment.CreditorId;
import org.plenigo.core.payment.PaymentMethod;
import org.plenigo.core.payment.PaymentMethodDetails;
import org.plenigo.core.payment.PaymentMethodDetails.CreditCard;
import org.plenigo.core.payment.PaymentMethodDetails.Ideal;
import org.plenigo.core.payment.PaymentMethodDetails.PayPal;
import org.plenigo.core.payment.PaymentMethodDetails.SepaDirectDebit;
import org.plenigo.core.payment.PaymentMethodId;

/**
 * Contract of the payment method repository port, as its Javadoc states it: every kind of method
 * reads back as stored, a customer's methods in the order they were added, at most one default
 * per customer (also under concurrent switches), and every write rolled back with its unit of work.
 */
public abstract class PaymentMethodRepositoryContract extends RepositoryFixtures {
    static final CreditorId CREDITOR = CreditorId.of("DE98ZZZ09999999999");
    static final SepaDirectDebit SEPA = SepaDirectDebit.of("DE89 3704 0044 0532 0130 00", "tok_sepa",
            "MANDATE-2025/001", LocalDate.of(2025, 3, 1), CREDITOR);
    static final CreditCard CARD = new CreditCard("tok_card", "VISA", "4242", 2, 2028);
    static final PayPal PAYPAL = new PayPal("B-5YM12345", "payer@example.org");
    static final Ideal IDEAL = Ideal.of(Optional.of("ABNANL2A"));
    static final Ideal IDEAL_WITH_MANDATE = new Ideal(Optional.empty(), Optional.of(SepaDirectDebit.of(
            "NL91ABNA0417164300", "tok_ideal", "IDEAL-7", LocalDate.of(2025, 4, 2), CREDITOR)));

    private static PaymentMethod method(String id, CustomerId customer, PaymentMethodDetails details, boolean isDefault,
                                        int minute) {
        return new PaymentMethod(PaymentMethodId.of(id), customer, details, isDefault,
                T.plus(Duration.ofMinutes(minute)).plusNanos(1000));
    }

    private Optional<PaymentMethodId> defaultOf(CustomerId customer) {
        return tx(() -> store.paymentMethods().findByCustomer(customer)).stream().filter(PaymentMethod::isDefault)
                .map(PaymentMethod::id).reduce((a, b) -> {
                    throw new AssertionError("two defaults of " + customer + ": " + a + " and " + b);
                });
    }

    @Test
    void everyKindOfMethodIsInsertedOnceAndFoundExactlyAsStored() {
        List<PaymentMethod> methods = List.of(method("pm-card", C1, CARD, true, 0), method("pm-sepa", C1, SEPA, false, 1),
                method("pm-paypal", C1, PAYPAL, false, 2), method("pm-ideal", C1, IDEAL, false, 3),
                method("pm-ideal-mandate", C1, IDEAL_WITH_MANDATE, false, 4));
        for (PaymentMethod m : methods) {
            assertThat(tx(() -> store.paymentMethods().insert(m))).as(m.id().value()).isTrue();
        }
        assertThat(tx(() -> store.paymentMethods().insert(method("pm-sepa", C2, PAYPAL, false, 9))))
                .as("same id").isFalse();

        for (PaymentMethod m : methods) {
            assertThat(tx(() -> store.paymentMethods().find(m.id()))).contains(m);
        }
        assertThat(tx(() -> store.paymentMethods().find(PaymentMethodId.of("pm-sepa"))).orElseThrow().details()
                .toString()).as("no full IBAN is kept").doesNotContain("370400440532013000");
        assertThat(tx(() -> store.paymentMethods().findByCustomer(C1))).containsExactlyElementsOf(methods);
        assertThat(tx(() -> store.paymentMethods().findByCustomer(C2))).isEmpty();
        assertThat(tx(() -> store.paymentMethods().find(PaymentMethodId.of("missing")))).isEmpty();
    }

    @Test
    void aCustomersMethodsComeInTheOrderTheyWereAddedThenById() {
        PaymentMethod late = method("pm-a", C1, CARD, false, 5);
        PaymentMethod sameTimeB = method("pm-c", C1, PAYPAL, false, 1);
        PaymentMethod sameTimeA = method("pm-b", C1, SEPA, false, 1);
        PaymentMethod early = method("pm-d", C1, IDEAL, true, 0);
        txRun(() -> List.of(late, sameTimeB, sameTimeA, early).forEach(store.paymentMethods()::insert));

        assertThat(tx(() -> store.paymentMethods().findByCustomer(C1)))
                .containsExactly(early, sameTimeA, sameTimeB, late);
    }

    @Test
    void aCustomerHasAtMostOneDefault() {
        assertThat(tx(() -> store.paymentMethods().insert(method("pm-1", C1, CARD, true, 0)))).isTrue();
        assertThat(tx(() -> store.paymentMethods().insert(method("pm-2", C1, SEPA, true, 1))))
                .as("a second default").isFalse();
        assertThat(tx(() -> store.paymentMethods().find(PaymentMethodId.of("pm-2")))).isEmpty();
        assertThat(tx(() -> store.paymentMethods().insert(method("pm-3", C2, SEPA, true, 1))))
                .as("another customer's default").isTrue();
        assertThat(tx(() -> store.paymentMethods().insert(method("pm-4", C1, PAYPAL, false, 2)))).isTrue();

        assertThat(defaultOf(C1)).contains(PaymentMethodId.of("pm-1"));
        assertThat(defaultOf(C2)).contains(PaymentMethodId.of("pm-3"));
    }

    @Test
    void makingAMethodTheDefaultClearsTheCustomersOldDefault() {
        PaymentMethod card = method("pm-card", C1, CARD, true, 0);
        PaymentMethod sepa = method("pm-sepa", C1, SEPA, false, 1);
        PaymentMethod other = method("pm-other", C2, PAYPAL, true, 2);
        txRun(() -> List.of(card, sepa, other).forEach(store.paymentMethods()::insert));

        assertThat(tx(() -> store.paymentMethods().makeDefault(C1, sepa.id()))).isTrue();
        assertThat(tx(() -> store.paymentMethods().findByCustomer(C1)))
                .containsExactly(card.withDefault(false), sepa.withDefault(true));
        assertThat(tx(() -> store.paymentMethods().makeDefault(C1, sepa.id()))).as("again").isTrue();
        assertThat(defaultOf(C1)).contains(sepa.id());

        assertThat(tx(() -> store.paymentMethods().makeDefault(C1, other.id()))).as("another customer's").isFalse();
        assertThat(tx(() -> store.paymentMethods().makeDefault(C1, PaymentMethodId.of("missing")))).isFalse();
        assertThat(tx(() -> store.paymentMethods().makeDefault(CustomerId.of("nobody"), card.id()))).isFalse();
        assertThat(defaultOf(C1)).contains(sepa.id());
        assertThat(defaultOf(C2)).contains(other.id());
    }

    @Test
    void aCustomerWithoutADefaultGetsOne() {
        PaymentMethod card = method("pm-card", C1, CARD, false, 0);
        txRun(() -> store.paymentMethods().insert(card));
        assertThat(defaultOf(C1)).isEmpty();

        assertThat(tx(() -> store.paymentMethods().makeDefault(C1, card.id()))).isTrue();
        assertThat(defaultOf(C1)).contains(card.id());
    }

    @Test
    void twoConcurrentSwitchesLeaveOneDefault() throws Exception {
        List<PaymentMethod> methods = List.of(method("pm-0", C1, CARD, true, 0), method("pm-1", C1, SEPA, false, 1),
                method("pm-2", C1, PAYPAL, false, 2));
        txRun(() -> methods.forEach(store.paymentMethods()::insert));

        for (int round = 0; round < 10; round++) {
            int offset = round;
            List<Boolean> switched = inParallel(2, i -> () -> tx(() -> store.paymentMethods().makeDefault(C1,
                    methods.get(1 + (i + offset) % 2).id())));
            assertThat(switched).containsOnly(true);
            assertThat(defaultOf(C1)).as("round " + round).isPresent()
                    .hasValueSatisfying(id -> assertThat(id.value()).isIn("pm-1", "pm-2"));
        }
        assertThat(tx(() -> store.paymentMethods().find(PaymentMethodId.of("pm-0"))).orElseThrow().isDefault())
                .isFalse();
    }

    @Test
    void aRolledBackUnitOfWorkLeavesNothing() {
        PaymentMethod card = method("pm-card", C1, CARD, true, 0);
        txRun(() -> store.paymentMethods().insert(card));

        assertThatThrownBy(() -> txRun(() -> {
            store.paymentMethods().insert(method("pm-sepa", C1, SEPA, false, 1));
            store.paymentMethods().makeDefault(C1, PaymentMethodId.of("pm-sepa"));
            store.paymentMethods().insert(method("pm-new", C2, PAYPAL, true, 2));
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        assertThat(tx(() -> store.paymentMethods().findByCustomer(C1))).containsExactly(card);
        assertThat(tx(() -> store.paymentMethods().findByCustomer(C2))).isEmpty();
        assertThat(tx(() -> store.paymentMethods().find(PaymentMethodId.of("pm-sepa")))).isEmpty();
        assertThat(tx(() -> store.paymentMethods().insert(method("pm-sepa", C1, SEPA, true, 1))))
                .as("the default is still the card").isFalse();
    }
}
