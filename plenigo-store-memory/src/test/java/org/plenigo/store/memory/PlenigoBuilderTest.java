package org.plenigo.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenigo.store.tck.StoreContractSupport.SELLER;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.Plenigo;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.time.Interval;
import org.plenigo.core.payment.SimulatedPaymentProvider;

/** Nothing gives credits or access away by default: the host always names how charges are taken. */
class PlenigoBuilderTest {
    @Test
    void aPlenigoWithoutPaymentProviderIsRefusedWithHowToPassOne() {
        Plenigo.Builder builder = Plenigo.builder().store(new MemoryStore());

        assertThatThrownBy(builder::build).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT))
                .hasMessageContaining("Plenigo.builder().paymentProvider(...)")
                .hasMessageContaining("new SimulatedPaymentProvider()");
    }

    @Test
    void theProviderPassedIsTheOneUsed() {
        MemoryStore store = new MemoryStore();
        SimulatedPaymentProvider provider = new SimulatedPaymentProvider()
                .always(SimulatedPaymentProvider.decline("card declined"));
        Plenigo plenigo = Plenigo.builder().seller(SELLER).store(store).paymentProvider(provider).build();
        plenigo.catalog().createProductContract(ProductContract.timeBased(ProductContractId.of("monthly"), "Monthly",
                Money.of("9.99", "EUR"), TaxType.DIGITAL_NEWSPAPER, Interval.months(1)));
        plenigo.catalog().createAccessRight(new AccessRight(AccessRightId.of("premium"), "Premium"));
        plenigo.catalog().createOffer(Offer.timeBased(OfferId.of("monthly"), "Monthly", ProductContractId.of("monthly"),
                Set.of(AccessRightId.of("premium"))));
        plenigo.customers().register(Customer.of(CustomerId.of("anna"), "anna@example.org", "Anna", "DE"));
        plenigo.paymentMethods().add(CustomerId.of("anna"), SimulatedPaymentProvider.testCard(), true,
                IdempotencyKey.of("card-anna"));

        SubscriptionResult result = plenigo.subscriptions().subscribe(CustomerId.of("anna"), OfferId.of("monthly"),
                IdempotencyKey.of("order-1"));

        assertThat(result).isEqualTo(new SubscriptionResult.Refused(Refusal.PAYMENT_FAILED, "card declined"));
        assertThat(provider.charges()).singleElement().satisfies(r -> assertThat(r.customerId()).isEqualTo(CustomerId.of("anna")));
    }
}
