package org.plenigo.store.tck;

import org.junit.jupiter.api.Nested;
import org.plenigo.core.store.Store;

/**
 * The store contract without its access purchase, access misuse and access concurrency contracts:
 * units of work, the repository ports, the wallet scenarios, bad input, concurrency and access
 * checks, tax rules, invoices and their numbers, payment methods. Since it holds the contract of every repository port, it is what a further storage layout
 * of a store (another schema or table prefix) has to pass; a store's own test class extends
 * {@link StoreContract}, which runs all of this and the rest. Each nested class runs one contract
 * on stores made by {@link #newStore()}.
 */
public abstract class StoreLayoutContract {
    /** A new, empty store; called once before each test of every contract. */
    protected abstract Store newStore();

    @Nested
    class Transactions extends TransactionsContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class NestedTransactions extends NestedTransactionsContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class CatalogRepository extends CatalogRepositoryContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class SubscriptionRepository extends SubscriptionRepositoryContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class WalletRepository extends WalletRepositoryContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class WalletScenario extends WalletScenarioContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class AutomaticTopUp extends AutomaticTopUpContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class TimeBasedTopUp extends TimeBasedTopUpContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class WalletIdempotencyAndEvents extends WalletIdempotencyAndEventsContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class BadInput extends BadInputContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class Concurrency extends ConcurrencyContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class AccessItemRepository extends AccessItemRepositoryContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class MeterRepository extends MeterRepositoryContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class SponsorGrantRepository extends SponsorGrantRepositoryContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class AccessCatalogRepository extends AccessCatalogRepositoryContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class AccessCheck extends AccessCheckContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class MeteredAccessCheck extends MeteredAccessCheckContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class SponsoredAccessCheck extends SponsoredAccessCheckContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class TaxRuleRepository extends TaxRuleRepositoryContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class InvoiceRepository extends InvoiceRepositoryContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class InvoiceNumbering extends InvoiceNumberingContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class PaymentMethodRepository extends PaymentMethodRepositoryContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class Consents extends ConsentContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class OrderRepository extends OrderRepositoryContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }

    @Nested
    class PaymentRepository extends PaymentRepositoryContract {
        @Override
        protected Store newStore() {
            return StoreLayoutContract.this.newStore();
        }
    }
}
