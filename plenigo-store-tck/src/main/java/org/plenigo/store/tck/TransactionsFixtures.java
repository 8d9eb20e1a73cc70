package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.TopUpType;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.idempotency.IdempotencyRecord;
import org.plenigo.core.money.Money;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionId;
import org.plenigo.core.subscription.SubscriptionStatus;
import org.plenigo.core.time.Interval;
import org.plenigo.core.wallet.CustomerWallet;
import org.plenigo.core.wallet.CustomerWalletId;

/** What the transaction contracts write and check: a customer and what hangs on it, all in one unit of work. */
abstract class TransactionsFixtures extends StoreContractSupport {
    static final Instant T = Instant.parse("2025-01-01T08:00:00Z");
    static final CustomerId C1 = CustomerId.of("c1");
    static final WalletId W1 = WalletId.of("w1");
    static final CustomerWalletId CW1 = CustomerWalletId.of("cw-1");
    static final OfferId MONTHLY = OfferId.of("o-monthly");
    static final SubscriptionId S1 = SubscriptionId.of("s-1");

    static Customer newCustomer(String id) {
        return Customer.of(CustomerId.of(id), id + "@example.org", "Reader " + id, "DE");
    }

    /** A customer, a wallet, a monthly offer, the customer's wallet and a subscription; call inside a unit of work. */
    void insertParents() {
        ProductContractId contract = ProductContractId.of("pc-1");
        store.customers().insert(newCustomer("c1"));
        store.walletDefinitions().insert(Wallet.of(W1, "Credits", Money.of("0.50", "EUR")));
        store.productContracts().insert(ProductContract.creditBased(contract, "5 credits", Money.of("4.99", "EUR"),
                TaxType.DIGITAL_NEWSPAPER, 5));
        store.offers().insert(Offer.usageBased(MONTHLY, "Monthly", contract, W1, TopUpPlan.every(Interval.months(1))));
        store.customerWallets().insert(new CustomerWallet(CW1, C1, W1, 0, 0));
        store.subscriptions().insert(new Subscription(S1, C1, MONTHLY, SubscriptionStatus.ACTIVE, T,
                Optional.empty(), Optional.of(CW1), Optional.of(TopUpType.TIME_BASED), 1,
                Optional.of(T.plusSeconds(31 * 86400))));
    }

    void assertNothingOfParentsStored() {
        assertThat(tx(() -> store.customers().find(C1))).isEmpty();
        assertThat(tx(() -> store.walletDefinitions().find(W1))).isEmpty();
        assertThat(tx(() -> store.productContracts().find(ProductContractId.of("pc-1")))).isEmpty();
        assertThat(tx(() -> store.offers().find(MONTHLY))).isEmpty();
        assertThat(tx(() -> store.customerWallets().find(CW1))).isEmpty();
        assertThat(tx(() -> store.customerWallets().find(C1, W1))).isEmpty();
        assertThat(tx(() -> store.subscriptions().find(S1))).isEmpty();
        assertThat(tx(() -> store.subscriptions().findByCustomer(C1))).isEmpty();
    }

    static IdempotencyRecord record(String key) {
        return new IdempotencyRecord(IdempotencyKey.of(key), "wallet.grant", "a".repeat(64), "entry=le-1", T);
    }
}
