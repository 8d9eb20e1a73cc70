package org.plenigo.core.internal;
import java.util.function.Supplier;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.PlenigoException;
import org.plenigo.core.access.AccessRightItemRepository;
import org.plenigo.core.access.MeterRepository;
import org.plenigo.core.access.SponsorGrantRepository;
import org.plenigo.core.catalog.AccessRightRepository;
import org.plenigo.core.catalog.CreditProductRepository;
import org.plenigo.core.catalog.OfferRepository;
import org.plenigo.core.catalog.ProductContractRepository;
import org.plenigo.core.catalog.WalletRepository;
import org.plenigo.core.checkout.OrderRepository;
import org.plenigo.core.consent.ConsentRepository;
import org.plenigo.core.customer.CustomerRepository;
import org.plenigo.core.idempotency.IdempotencyRepository;
import org.plenigo.core.invoice.InvoiceNumberRepository;
import org.plenigo.core.invoice.InvoiceRepository;
import org.plenigo.core.payment.PaymentMethodRepository;
import org.plenigo.core.payment.PaymentRepository;
import org.plenigo.core.store.Store;
import org.plenigo.core.store.Transactions;
import org.plenigo.core.subscription.SubscriptionRepository;
import org.plenigo.core.tax.TaxRuleRepository;
import org.plenigo.core.wallet.CreditLotRepository;
import org.plenigo.core.wallet.CustomerWalletRepository;
import org.plenigo.core.wallet.LedgerRepository;

/**
 * The host's store as the services see it: once closed, it starts no unit of work. Every service
 * reaches the store inside a unit of work, so this one check closes them all; a unit of work that
 * is already running completes.
 */
final class ClosableStore implements Store {
    private final Store store;
    private final Transactions transactions;
    private volatile boolean closed;

    ClosableStore(Store store) {
        this.store = store;
        Transactions inner = store.transactions();
        this.transactions = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                requireOpen();
                return inner.inTransaction(work);
            }

            @Override
            public <T> T read(Supplier<T> work) {
                requireOpen();
                return inner.read(work);
            }

            @Override
            public void afterCommit(Runnable action) {
                inner.afterCommit(action);
            }
        };
    }

    void close() {
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw new PlenigoException(ErrorCode.CLOSED, "this Plenigo instance was closed");
        }
    }

    @Override
    public Transactions transactions() {
        return transactions;
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
