package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.payment.CreditorId;
import org.plenigo.core.payment.PaymentMethod;
import org.plenigo.core.payment.PaymentMethodDetails;
import org.plenigo.core.payment.PaymentMethodDetails.CreditCard;
import org.plenigo.core.payment.PaymentMethodDetails.Ideal;
import org.plenigo.core.payment.PaymentMethodDetails.PayPal;
import org.plenigo.core.payment.PaymentMethodDetails.SepaDirectDebit;
import org.plenigo.core.payment.PaymentMethodId;
import org.plenigo.core.payment.PaymentMethodType;

/**
 * Contract of {@code Plenigo.paymentMethods()}: a customer's first method becomes the default, a
 * later one only when asked, adding is idempotent by its key, a customer has one default also when
 * methods are added and switched concurrently, and misuse is refused naming what was wrong.
 */
public abstract class PaymentMethodsContract extends StoreContractSupport {
    private static final SepaDirectDebit SEPA = SepaDirectDebit.of("DE89370400440532013000", "tok_sepa", "M-1",
            LocalDate.of(2025, 1, 2), CreditorId.of("DE98ZZZ09999999999"));
    private static final CreditCard CARD = new CreditCard("tok_card", "MASTERCARD", "5454", 11, 2027);
    private static final PayPal PAYPAL = new PayPal("B-7XY98765", "anna@example.org");

    private PaymentMethod add(CustomerId customer, PaymentMethodDetails details, boolean makeDefault, String key) {
        return plenigo.paymentMethods().add(customer, details, makeDefault, key(key));
    }

    private List<PaymentMethodId> defaults(CustomerId customer) {
        return plenigo.paymentMethods().list(customer).stream().filter(PaymentMethod::isDefault)
                .map(PaymentMethod::id).toList();
    }

    @Test
    void theFirstMethodBecomesTheDefaultALaterOneOnlyWhenAsked() {
        CustomerId anna = customerWithoutPaymentMethod("anna");
        PaymentMethod card = add(anna, CARD, false, "k-card");
        assertThat(card.isDefault()).as("the first").isTrue();
        assertThat(card.addedAt()).isEqualTo(clock.instant());
        assertThat(card.type()).isEqualTo(PaymentMethodType.CREDIT_CARD);

        clock.advance(Duration.ofMinutes(1));
        PaymentMethod sepa = add(anna, SEPA, false, "k-sepa");
        assertThat(sepa.isDefault()).isFalse();
        assertThat(defaults(anna)).containsExactly(card.id());

        clock.advance(Duration.ofMinutes(1));
        PaymentMethod payPal = add(anna, PAYPAL, true, "k-paypal");
        assertThat(payPal.isDefault()).isTrue();
        assertThat(defaults(anna)).containsExactly(payPal.id());
        assertThat(plenigo.paymentMethods().list(anna)).extracting(PaymentMethod::id)
                .containsExactly(card.id(), sepa.id(), payPal.id());
        assertThat(plenigo.paymentMethods().get(sepa.id())).isEqualTo(sepa);
    }

    @Test
    void makingAMethodTheDefaultClearsTheOldOne() {
        CustomerId anna = customerWithoutPaymentMethod("anna");
        PaymentMethod card = add(anna, CARD, false, "k-card");
        PaymentMethod sepa = add(anna, SEPA, false, "k-sepa");

        assertThat(plenigo.paymentMethods().makeDefault(anna, sepa.id()).isDefault()).isTrue();
        assertThat(plenigo.paymentMethods().get(card.id()).isDefault()).isFalse();
        assertThat(plenigo.paymentMethods().makeDefault(anna, sepa.id())).isEqualTo(sepa.withDefault(true));
        assertThat(defaults(anna)).containsExactly(sepa.id());
    }

    @Test
    void addingIsIdempotentByItsKey() {
        CustomerId anna = customerWithoutPaymentMethod("anna");
        PaymentMethod card = add(anna, CARD, false, "k-1");
        add(anna, SEPA, true, "k-2");

        PaymentMethod replayed = add(anna, CARD, false, "k-1");
        assertThat(replayed.id()).isEqualTo(card.id());
        assertThat(replayed.isDefault()).as("as it is now").isFalse();
        assertThat(plenigo.paymentMethods().list(anna)).hasSize(2);
        assertRefused(() -> add(anna, PAYPAL, false, "k-1"), ConflictException.class,
                ErrorCode.IDEMPOTENCY_KEY_REUSED, "k-1");
        assertRefused(() -> add(anna, CARD, true, "k-1"), ConflictException.class,
                ErrorCode.IDEMPOTENCY_KEY_REUSED);
        assertThat(plenigo.paymentMethods().list(anna)).hasSize(2);
    }

    @Test
    void unknownCustomersAndMethodsAreNotFound() {
        CustomerId anna = customerWithoutPaymentMethod("anna");
        CustomerId ben = customerWithoutPaymentMethod("ben");
        PaymentMethod bens = add(ben, CARD, false, "k-ben");
        CustomerId nobody = CustomerId.of("nobody");

        assertNotFound(() -> add(nobody, CARD, false, "k-nobody"), "customer 'nobody'");
        assertNotFound(() -> plenigo.paymentMethods().list(nobody), "customer 'nobody'");
        assertNotFound(() -> plenigo.paymentMethods().get(PaymentMethodId.of("missing")), "missing");
        assertNotFound(() -> plenigo.paymentMethods().makeDefault(anna, bens.id()), bens.id().value());
        assertNotFound(() -> plenigo.paymentMethods().makeDefault(nobody, bens.id()), "customer 'nobody'");
        assertThat(plenigo.paymentMethods().list(anna)).isEmpty();
        assertThat(defaults(ben)).containsExactly(bens.id());
    }

    @Test
    void idealIsOnlyForCustomersInTheNetherlands() {
        CustomerId anna = customerWithoutPaymentMethod("anna");
        CustomerId noor = plenigo.customers().register(Customer.of(CustomerId.of("noor"), "noor@example.nl",
                "Noor de Vries", "NL")).id();
        Ideal ideal = Ideal.of(Optional.of("RABONL2U"));

        assertInvalid(() -> add(anna, ideal, false, "k-anna"), "IDEAL", "Netherlands", "anna", "DE");
        assertThat(plenigo.paymentMethods().list(anna)).isEmpty();
        PaymentMethod added = add(noor, ideal, false, "k-noor");
        assertThat(added.details()).isEqualTo(ideal);
        assertThat(added.isDefault()).isTrue();
        assertInvalid(() -> plenigo.paymentMethods().add(anna, null, false, key("k-x")), "details");
        assertInvalid(() -> plenigo.paymentMethods().add(anna, CARD, false, null), "idempotencyKey");
    }

    @Test
    void firstMethodsAddedConcurrentlyLeaveOneDefault() throws Exception {
        CustomerId anna = customerWithoutPaymentMethod("anna");
        List<PaymentMethod> added = inParallel(4, i -> () -> retryingLostRaces(() ->
                add(anna, new CreditCard("tok_" + i, "VISA", "424" + i, 1, 2030), false, "k-" + i)));

        assertThat(plenigo.paymentMethods().list(anna)).hasSize(4);
        assertThat(defaults(anna)).hasSize(1);
        assertThat(added.stream().filter(PaymentMethod::isDefault)).hasSize(1);
    }

    @Test
    void concurrentSwitchesLeaveOneDefault() throws Exception {
        CustomerId anna = customerWithoutPaymentMethod("anna");
        PaymentMethod card = add(anna, CARD, false, "k-card");
        PaymentMethod sepa = add(anna, SEPA, false, "k-sepa");
        PaymentMethod payPal = add(anna, PAYPAL, false, "k-paypal");

        List<PaymentMethod> switched = inParallel(4, i -> () -> retryingLostRaces(() ->
                plenigo.paymentMethods().makeDefault(anna, (i % 2 == 0 ? sepa : payPal).id())));
        assertThat(switched).allMatch(PaymentMethod::isDefault);
        assertThat(defaults(anna)).hasSize(1).first().isIn(sepa.id(), payPal.id());
        assertThat(plenigo.paymentMethods().get(card.id()).isDefault()).isFalse();
    }
}
