package org.plenigo.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenigo.store.tck.StoreContractSupport.SELLER;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.plenigo.core.Plenigo;
import org.plenigo.core.access.AccessCheck;
import org.plenigo.core.access.AccessDecision;
import org.plenigo.core.access.AccessReason;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessRightItemId;
import org.plenigo.core.access.AccessRightItemRepository;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.access.MeterRepository;
import org.plenigo.core.access.SponsorGrantRepository;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.AccessRightRepository;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.CreditProductRepository;
import org.plenigo.core.catalog.OfferRepository;
import org.plenigo.core.catalog.ProductContractRepository;
import org.plenigo.core.catalog.WalletRepository;
import org.plenigo.core.checkout.OrderRepository;
import org.plenigo.core.consent.ConsentRepository;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.customer.CustomerRepository;
import org.plenigo.core.idempotency.IdempotencyRepository;
import org.plenigo.core.invoice.InvoiceNumberRepository;
import org.plenigo.core.invoice.InvoiceRepository;
import org.plenigo.core.payment.PaymentMethodRepository;
import org.plenigo.core.store.Store;
import org.plenigo.core.store.Transactions;
import org.plenigo.core.subscription.SubscriptionRepository;
import org.plenigo.core.tax.TaxRuleRepository;
import org.plenigo.core.wallet.CreditLotRepository;
import org.plenigo.core.wallet.CustomerWalletRepository;
import org.plenigo.core.wallet.LedgerRepository;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.plenigo.core.payment.PaymentRepository;

/**
 * A store may run the work of {@link Transactions#read} more than once (the in-memory store does
 * when a unit of work wrote meanwhile): the access check then decides on the last run alone, not on
 * what an earlier run read.
 */
class AccessCheckReadAgainTest {
    private static final Instant T = Instant.parse("2025-01-01T08:00:00Z");
    private static final CustomerId READER = CustomerId.of("reader");
    private static final AccessRightId PREMIUM = AccessRightId.of("premium");
    private static final AccessRightItemId ITEM = AccessRightItemId.of("item-1");

    private final MemoryStore memory = new MemoryStore();

    @Test
    void aCheckWhoseReadRunsAgainAfterAWriteDecidesOnWhatTheLastRunRead() {
        memory.transactions().inTransaction(() -> {
            memory.customers().insert(Customer.of(READER, "reader@example.org", "Reader", "DE"));
            memory.accessRights().insert(new AccessRight(PREMIUM, "Premium"));
            return memory.accessRightItems().insert(AccessRightItem.forRight(ITEM, READER, PREMIUM,
                    AccessSource.EXTERNAL, T, Optional.empty(), Optional.empty()));
        });
        // between its first and its second run, the item that opened the content is blocked
        Store rereading = new ReadingTwice(memory, () -> memory.transactions().inTransaction(
                () -> memory.accessRightItems().setBlocked(ITEM, true)));
        Plenigo plenigo = Plenigo.builder().seller(SELLER).store(rereading).clock(Clock.fixed(T, ZoneOffset.UTC))
                .paymentProvider(new SimulatedPaymentProvider()).build();

        AccessDecision decision = plenigo.access().preview(AccessCheck.of(ContentId.of("a1"), PREMIUM)
                .withCustomer(READER));

        assertThat(decision.reason()).isEqualTo(AccessReason.ACCESS_BLOCKED);
    }

    /** The in-memory store whose {@code read} runs its work twice, with {@code between} in between, the first time only. */
    private static final class ReadingTwice implements Store {
        private final MemoryStore store;
        private Runnable between;

        ReadingTwice(MemoryStore store, Runnable between) {
            this.store = store;
            this.between = between;
        }

        @Override
        public Transactions transactions() {
            return new Transactions() {
                @Override
                public <T> T inTransaction(Supplier<T> work) {
                    return store.transactions().inTransaction(work);
                }

                @Override
                public <T> T read(Supplier<T> work) {
                    store.transactions().read(work);
                    if (between != null) {
                        between.run();
                        between = null;
                    }
                    return store.transactions().read(work);
                }

                @Override
                public void afterCommit(Runnable action) {
                    store.transactions().afterCommit(action);
                }
            };
        }

        @Override
        public ProductContractRepository productContracts() {
            return store.productContracts();
        }

        @Override
        public WalletRepository walletDefinitions() {
            return store.walletDefinitions();
        }

        @Override
        public AccessRightRepository accessRights() {
            return store.accessRights();
        }

        @Override
        public OfferRepository offers() {
            return store.offers();
        }

        @Override
        public CustomerRepository customers() {
            return store.customers();
        }

        @Override
        public SubscriptionRepository subscriptions() {
            return store.subscriptions();
        }

        @Override
        public CustomerWalletRepository customerWallets() {
            return store.customerWallets();
        }

        @Override
        public CreditLotRepository creditLots() {
            return store.creditLots();
        }

        @Override
        public LedgerRepository ledger() {
            return store.ledger();
        }

        @Override
        public IdempotencyRepository idempotency() {
            return store.idempotency();
        }

        @Override
        public CreditProductRepository creditProducts() {
            return store.creditProducts();
        }

        @Override
        public AccessRightItemRepository accessRightItems() {
            return store.accessRightItems();
        }

        @Override
        public MeterRepository meters() {
            return store.meters();
        }

        @Override
        public SponsorGrantRepository sponsorGrants() {
            return store.sponsorGrants();
        }

        @Override
        public TaxRuleRepository taxRules() {
            return store.taxRules();
        }

        @Override
        public InvoiceRepository invoices() {
            return store.invoices();
        }

        @Override
        public InvoiceNumberRepository invoiceNumbers() {
            return store.invoiceNumbers();
        }

        @Override
        public PaymentMethodRepository paymentMethods() {
            return store.paymentMethods();
        }

        @Override
        public ConsentRepository consents() {
            return store.consents();
        }

        @Override
        public OrderRepository orders() {
            return store.orders();
        }

        @Override
        public PaymentRepository payments() {
            return store.payments();
        }
    }
}
