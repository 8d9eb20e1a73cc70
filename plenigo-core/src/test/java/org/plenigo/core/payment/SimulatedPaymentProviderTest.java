package org.plenigo.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenigo.core.payment.SimulatedPaymentProvider.decline;
import static org.plenigo.core.payment.SimulatedPaymentProvider.fail;
import static org.plenigo.core.payment.SimulatedPaymentProvider.pend;
import static org.plenigo.core.payment.SimulatedPaymentProvider.succeed;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;

class SimulatedPaymentProviderTest {
    private static final CustomerId ANNA = CustomerId.of("anna");
    private static final CustomerId BEN = CustomerId.of("ben");
    private static final PaymentMethod ANNAS_CARD = card("pm-anna", ANNA);
    private static final PaymentMethod BENS_CARD = card("pm-ben", BEN);

    private final SimulatedPaymentProvider provider = new SimulatedPaymentProvider();

    private static PaymentMethod card(String id, CustomerId customer) {
        return new PaymentMethod(PaymentMethodId.of(id), customer, SimulatedPaymentProvider.testCard(), true,
                Instant.parse("2025-01-01T00:00:00Z"));
    }

    private static PaymentRequest request(String key, PaymentMethod method, String amount) {
        return new PaymentRequest(IdempotencyKey.of(key), method.customerId(), method, Money.of(amount, "EUR"),
                "Single purchase", ChargeReference.singlePurchase("p-" + key));
    }

    @Test
    void unscriptedChargesSucceedWithAReferenceMadeOfTheKey() {
        assertThat(provider.charge(request("k-1", ANNAS_CARD, "9.90")))
                .isEqualTo(new PaymentResult.Succeeded("sim-pay-k-1"));
        assertThat(provider.charges()).extracting(PaymentRequest::key).containsExactly(IdempotencyKey.of("k-1"));
    }

    @Test
    void scriptsAnswerByCustomerMethodOrAmountAndTheNewestWins() {
        provider.always(decline("blocked")).forCustomer(ANNA, pend()).forAmount(Money.of("1.00", "EUR"), succeed())
                .forMethod(BENS_CARD.id(), fail("timeout"));

        assertThat(provider.charge(request("k-1", ANNAS_CARD, "9.90"))).isEqualTo(new PaymentResult.Pending("sim-pay-k-1"));
        assertThat(provider.charge(request("k-2", ANNAS_CARD, "1.00"))).isInstanceOf(PaymentResult.Succeeded.class);
        assertThat(provider.charge(request("k-3", BENS_CARD, "1.00"))).isEqualTo(new PaymentResult.Failed("timeout"));
        PaymentMethod other = card("pm-cleo", CustomerId.of("cleo"));
        assertThat(provider.charge(request("k-4", other, "9.90"))).isEqualTo(new PaymentResult.Declined("blocked"));
    }

    @Test
    void aSequenceIsAnsweredInTurnAndItsLastAnswerRepeats() {
        provider.forCustomer(ANNA, fail("timeout"), decline("insufficient funds"), succeed());

        assertThat(provider.charge(request("k-1", ANNAS_CARD, "9.90"))).isEqualTo(new PaymentResult.Failed("timeout"));
        assertThat(provider.charge(request("k-2", ANNAS_CARD, "9.90")))
                .isEqualTo(new PaymentResult.Declined("insufficient funds"));
        assertThat(provider.charge(request("k-3", ANNAS_CARD, "9.90"))).isInstanceOf(PaymentResult.Succeeded.class);
        assertThat(provider.charge(request("k-4", ANNAS_CARD, "9.90"))).isInstanceOf(PaymentResult.Succeeded.class);
    }

    @Test
    void aKeySeenBeforeIsAnsweredAsTheFirstTimeAndNotChargedAgain() {
        provider.forCustomer(ANNA, decline("insufficient funds"), succeed());

        PaymentResult first = provider.charge(request("k-1", ANNAS_CARD, "9.90"));
        PaymentResult again = provider.charge(request("k-1", ANNAS_CARD, "9.90"));

        assertThat(again).isEqualTo(first).isEqualTo(new PaymentResult.Declined("insufficient funds"));
        assertThat(provider.charges()).hasSize(1);
        assertThat(provider.charge(request("k-2", ANNAS_CARD, "9.90"))).as("the script moved on once")
                .isInstanceOf(PaymentResult.Succeeded.class);
    }

    @Test
    void refundsAreIdempotentAndNeverExceedWhatWasTaken() {
        provider.charge(request("k-1", ANNAS_CARD, "9.90"));

        assertThat(provider.refund(new RefundRequest(IdempotencyKey.of("r-1"), "sim-pay-k-1", Money.of("4.00", "EUR"))))
                .isEqualTo(new RefundResult.Refunded("sim-refund-r-1"));
        assertThat(provider.refund(new RefundRequest(IdempotencyKey.of("r-1"), "sim-pay-k-1", Money.of("4.00", "EUR"))))
                .isEqualTo(new RefundResult.Refunded("sim-refund-r-1"));
        assertThat(provider.refund(new RefundRequest(IdempotencyKey.of("r-2"), "sim-pay-k-1", Money.of("6.00", "EUR"))))
                .isInstanceOf(RefundResult.Failed.class);
        assertThat(provider.refund(new RefundRequest(IdempotencyKey.of("r-3"), "sim-pay-k-1", Money.of("5.90", "EUR"))))
                .isInstanceOf(RefundResult.Refunded.class);
        assertThat(provider.refund(new RefundRequest(IdempotencyKey.of("r-4"), "sim-pay-none", Money.of("1.00", "EUR"))))
                .isInstanceOf(RefundResult.Failed.class);
        assertThat(provider.refunds()).extracting(RefundRequest::amount)
                .containsExactly(Money.of("4.00", "EUR"), Money.of("5.90", "EUR"));
    }

    @Test
    void aDeclinedOrFailedChargeLeavesNothingToRefund() {
        provider.always(decline("blocked"));
        provider.charge(request("k-1", ANNAS_CARD, "9.90"));

        assertThat(provider.refund(new RefundRequest(IdempotencyKey.of("r-1"), "sim-pay-k-1", Money.of("1.00", "EUR"))))
                .isInstanceOf(RefundResult.Failed.class);
    }
}
