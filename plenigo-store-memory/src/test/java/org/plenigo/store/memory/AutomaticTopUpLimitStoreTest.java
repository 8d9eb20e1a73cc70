package org.plenigo.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenigo.store.tck.StoreContractSupport.SELLER;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.plenigo.core.Plenigo;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;
import org.plenigo.core.wallet.AutomaticTopUpLimit;
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.core.payment.SimulatedPaymentProvider;

/**
 * A consumption that needs hundreds of automatic top-ups at once is stored and replays with every
 * one of them, however long the list of their ids.
 */
class AutomaticTopUpLimitStoreTest {
    private static final CustomerId CUSTOMER = CustomerId.of("anna");
    private static final WalletId WALLET = WalletId.of("credits");

    @Test
    void aConsumptionCausingTheMostTopUpsAllowedIsRecordedAndReplays() {
        int max = 500;
        MemoryStore store = new MemoryStore();
        Plenigo plenigo = Plenigo.builder().seller(SELLER).store(store).paymentProvider(new SimulatedPaymentProvider())
                .automaticTopUpLimit(new AutomaticTopUpLimit(max, Duration.ofMinutes(10))).build();
        plenigo.catalog().createWallet(Wallet.of(WALLET, "Credits", Money.of("1.00", "EUR")));
        ProductContractId contract = ProductContractId.of("one-credit");
        plenigo.catalog().createProductContract(ProductContract.creditBased(contract, "One credit",
                Money.of("1.00", "EUR"), TaxType.DIGITAL_PRODUCT, 1));
        plenigo.catalog().createOffer(Offer.usageBased(OfferId.of("one-at-a-time"), "One at a time", contract, WALLET,
                TopUpPlan.automatic()));
        plenigo.customers().register(Customer.of(CUSTOMER, "anna@example.org", "Anna", "DE"));
        plenigo.paymentMethods().add(CUSTOMER, SimulatedPaymentProvider.testCard(), true,
                IdempotencyKey.of("card-" + CUSTOMER));
        plenigo.subscriptions().subscribe(CUSTOMER, OfferId.of("one-at-a-time"), IdempotencyKey.of("subscribe"));

        // 1 credit in the wallet, max - 1 top-ups to cover the rest, and one more to refill the empty wallet
        ConsumeCredits request = ConsumeCredits.of(CUSTOMER, WALLET, max, "box-set", IdempotencyKey.of("consume"));
        ConsumptionResult result = plenigo.wallets().consume(request);

        assertThat(result).isInstanceOfSatisfying(ConsumptionResult.Consumed.class, consumed -> {
            assertThat(consumed.topUps()).hasSize(max);
            assertThat(consumed.balance()).isEqualTo(1);
            assertThat(plenigo.wallets().consume(request)).isEqualTo(new ConsumptionResult.Replayed(consumed));
        });
        assertThat(plenigo.wallets().balance(CUSTOMER, WALLET)).isEqualTo(1);
        assertThat(plenigo.wallets().ledger(CUSTOMER, WALLET)).hasSize(1 + max + 1);
    }
}
