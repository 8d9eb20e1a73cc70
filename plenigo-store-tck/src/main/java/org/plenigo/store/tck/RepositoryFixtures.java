package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
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
import org.plenigo.core.money.Money;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionId;
import org.plenigo.core.subscription.SubscriptionStatus;
import org.plenigo.core.time.Interval;
import org.plenigo.core.wallet.BalanceChange;
import org.plenigo.core.wallet.CustomerWallet;
import org.plenigo.core.wallet.CustomerWalletId;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryId;
import org.plenigo.core.wallet.LedgerEntryType;

/**
 * The rows every repository contract starts from (customers, wallets, a credit-based product
 * contract and its offers, customer wallets), written the way the core writes them: parents before
 * children, always inside a unit of work.
 */
abstract class RepositoryFixtures extends StoreContractSupport {
    static final Instant T = Instant.parse("2025-01-01T08:00:00Z");

    static final CustomerId C1 = CustomerId.of("c1");
    static final CustomerId C2 = CustomerId.of("c2");
    static final WalletId W1 = WalletId.of("w1");
    static final WalletId W2 = WalletId.of("w2");
    static final ProductContractId CONTRACT = ProductContractId.of("pc-credits");
    static final OfferId AUTOMATIC = OfferId.of("o-automatic");
    static final OfferId MONTHLY = OfferId.of("o-monthly");
    static final CustomerWalletId CW1 = CustomerWalletId.of("cw-1");
    static final CustomerWalletId CW2 = CustomerWalletId.of("cw-2");
    static final CustomerWalletId CW3 = CustomerWalletId.of("cw-3");

    @BeforeEach
    void insertParents() {
        txRun(() -> {
            store.customers().insert(Customer.of(C1, "c1@example.org", "One", "DE"));
            store.customers().insert(Customer.of(C2, "c2@example.org", "Two", "AT"));
            store.walletDefinitions().insert(Wallet.of(W1, "Article credits", Money.of("0.50", "EUR")));
            store.walletDefinitions().insert(Wallet.of(W2, "Webinar credits", Money.of("2.00", "EUR")));
            store.productContracts().insert(ProductContract.creditBased(CONTRACT, "5 credits",
                    Money.of("4.99", "EUR"), TaxType.DIGITAL_NEWSPAPER, 5));
            store.offers().insert(Offer.usageBased(AUTOMATIC, "Automatic", CONTRACT, W1, TopUpPlan.automatic()));
            store.offers().insert(Offer.usageBased(MONTHLY, "Monthly", CONTRACT, W1,
                    TopUpPlan.every(Interval.months(1))));
            store.customerWallets().insert(new CustomerWallet(CW1, C1, W1, 0, 0));
            store.customerWallets().insert(new CustomerWallet(CW2, C2, W1, 0, 0));
            store.customerWallets().insert(new CustomerWallet(CW3, C1, W2, 0, 0));
        });
    }

    // ----- fixtures -----

    static Subscription monthly(String id, CustomerId customer, CustomerWalletId wallet, Instant startedAt,
                                Instant nextTopUpAt) {
        return new Subscription(SubscriptionId.of(id), customer, MONTHLY, SubscriptionStatus.ACTIVE, startedAt,
                Optional.empty(), Optional.of(wallet), Optional.of(TopUpType.TIME_BASED), 1, Optional.of(nextTopUpAt));
    }

    static Subscription automatic(String id, CustomerId customer, CustomerWalletId wallet, Instant startedAt) {
        return new Subscription(SubscriptionId.of(id), customer, AUTOMATIC, SubscriptionStatus.ACTIVE, startedAt,
                Optional.empty(), Optional.of(wallet), Optional.of(TopUpType.AUTOMATIC), 0, Optional.empty());
    }

    SubscriptionId insertAutomaticSubscription(String id, CustomerId customer, CustomerWalletId wallet) {
        Subscription subscription = automatic(id, customer, wallet, T);
        txRun(() -> assertThat(store.subscriptions().insert(subscription)).isTrue());
        return subscription.id();
    }

    static LedgerEntry entry(String id, CustomerWalletId wallet, BalanceChange change, LedgerEntryType type,
                             long credits, Instant at, Optional<SubscriptionId> paidBy) {
        return new LedgerEntry(LedgerEntryId.of(id), wallet, change.version(), type, credits, change.balanceAfter(), at,
                paidBy, IdempotencyKey.of("key-" + id), Optional.of("ref-" + id));
    }
}
