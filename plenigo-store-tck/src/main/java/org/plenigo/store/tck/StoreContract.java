package org.plenigo.store.tck;

import org.junit.jupiter.api.Nested;
import org.plenigo.core.store.Store;

/**
 * The whole store contract in one class: a store's test class extends it and only says how to create
 * a fresh, empty store; each nested class, here and in {@link StoreLayoutContract}, runs one contract
 * on stores made that way. A contract added here runs on every store; one added to
 * {@link StoreLayoutContract} also on each further storage layout of a store.
 */
public abstract class StoreContract extends StoreLayoutContract {
    @Nested
    class AccessPurchase extends AccessPurchaseContract {
        @Override
        protected Store newStore() {
            return StoreContract.this.newStore();
        }
    }

    @Nested
    class ExternalGrant extends ExternalGrantContract {
        @Override
        protected Store newStore() {
            return StoreContract.this.newStore();
        }
    }

    @Nested
    class CreditUnlock extends CreditUnlockContract {
        @Override
        protected Store newStore() {
            return StoreContract.this.newStore();
        }
    }

    @Nested
    class AccessBadInput extends AccessBadInputContract {
        @Override
        protected Store newStore() {
            return StoreContract.this.newStore();
        }
    }

    @Nested
    class AccessConcurrency extends AccessConcurrencyContract {
        @Override
        protected Store newStore() {
            return StoreContract.this.newStore();
        }
    }

    @Nested
    class NestedUnitOfWork extends NestedUnitOfWorkContract {
        @Override
        protected Store newStore() {
            return StoreContract.this.newStore();
        }
    }

    @Nested
    class Invoicing extends InvoicingContract {
        @Override
        protected Store newStore() {
            return StoreContract.this.newStore();
        }
    }

    @Nested
    class TaxRules extends TaxRulesContract {
        @Override
        protected Store newStore() {
            return StoreContract.this.newStore();
        }
    }

    @Nested
    class PaymentMethods extends PaymentMethodsContract {
        @Override
        protected Store newStore() {
            return StoreContract.this.newStore();
        }
    }

    @Nested
    class OfferHolding extends OfferHoldingContract {
        @Override
        protected Store newStore() {
            return StoreContract.this.newStore();
        }
    }

    @Nested
    class Renewal extends RenewalContract {
        @Override
        protected Store newStore() {
            return StoreContract.this.newStore();
        }
    }

    @Nested
    class CreditPack extends CreditPackContract {
        @Override
        protected Store newStore() {
            return StoreContract.this.newStore();
        }
    }

    @Nested
    class Checkout extends CheckoutContract {
        @Override
        protected Store newStore() {
            return StoreContract.this.newStore();
        }
    }

    @Nested
    class Cancellation extends CancellationContract {
        @Override
        protected Store newStore() {
            return StoreContract.this.newStore();
        }
    }

    @Nested
    class Payments extends PaymentsContract {
        @Override
        protected Store newStore() {
            return StoreContract.this.newStore();
        }
    }
}
