package org.plenigo.store.memory;

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
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
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
 * A thread-safe store that keeps everything in memory, for tests, demos and small sites. Units of
 * work run one at a time and roll back completely when they throw, with the same atomicity as the
 * JDBC store. Nothing survives the JVM.
 */
public final class MemoryStore implements Store {
    private final MemoryTransactions transactions = new MemoryTransactions();
    // held here rather than read from the feature classes on each call: the access check calls one per page view
    private final ProductContractRepository productContracts;
    private final WalletRepository wallets;
    private final AccessRightRepository accessRights;
    private final OfferRepository offers;
    private final CustomerRepository customers;
    private final SubscriptionRepository subscriptions;
    private final CustomerWalletRepository customerWallets;
    private final CreditLotRepository creditLots;
    private final LedgerRepository ledger;
    private final IdempotencyRepository idempotency;
    private final CreditProductRepository creditProducts;
    private final AccessRightItemRepository accessRightItems;
    private final MeterRepository meters;
    private final SponsorGrantRepository sponsorGrants;
    private final TaxRuleRepository taxRules;
    private final InvoiceRepository invoices;
    private final InvoiceNumberRepository invoiceNumbers;
    private final PaymentMethodRepository paymentMethods;
    private final ConsentRepository consents;
    private final OrderRepository orders;
    private final PaymentRepository payments;

    /** An empty store. */
    public MemoryStore() {
        MemoryCatalog catalog = new MemoryCatalog(transactions);
        // the access check's index holds each customer's standing with its items, so both read the customers
        MemoryTable<CustomerId, Customer> customerRows = new MemoryTable<>(transactions);
        MemoryAccess access = new MemoryAccess(transactions, customerRows);
        MemoryRecords records = new MemoryRecords(transactions, customerRows, access);
        MemorySubscriptions subscriptions = new MemorySubscriptions(transactions);
        MemoryWallets wallets = new MemoryWallets(transactions);
        MemoryBilling billing = new MemoryBilling(transactions);
        this.productContracts = catalog.productContractRepository;
        this.wallets = catalog.walletRepository;
        this.accessRights = catalog.accessRightRepository;
        this.offers = catalog.offerRepository;
        this.customers = records.customerRepository;
        this.subscriptions = subscriptions.subscriptionRepository;
        this.customerWallets = wallets.customerWalletRepository;
        this.creditLots = wallets.creditLotRepository;
        this.ledger = wallets.ledgerRepository;
        this.idempotency = records.idempotencyRepository;
        this.creditProducts = catalog.creditProductRepository;
        this.accessRightItems = access.accessRightItemRepository;
        this.meters = access.meterRepository;
        this.sponsorGrants = access.sponsorGrantRepository;
        this.taxRules = billing.taxRuleRepository;
        this.invoices = billing.invoiceRepository;
        this.invoiceNumbers = billing.invoiceNumberRepository;
        MemoryPayments payments = new MemoryPayments(transactions);
        this.paymentMethods = payments.paymentMethodRepository;
        this.payments = payments.paymentRepository;
        MemoryCheckout checkout = new MemoryCheckout(transactions);
        this.consents = checkout.consentRepository;
        this.orders = checkout.orderRepository;
    }

    @Override
    public Transactions transactions() {
        return transactions;
    }

    @Override
    public ProductContractRepository productContracts() {
        return productContracts;
    }

    @Override
    public WalletRepository walletDefinitions() {
        return wallets;
    }

    @Override
    public AccessRightRepository accessRights() {
        return accessRights;
    }

    @Override
    public OfferRepository offers() {
        return offers;
    }

    @Override
    public CustomerRepository customers() {
        return customers;
    }

    @Override
    public SubscriptionRepository subscriptions() {
        return subscriptions;
    }

    @Override
    public CustomerWalletRepository customerWallets() {
        return customerWallets;
    }

    @Override
    public CreditLotRepository creditLots() {
        return creditLots;
    }

    @Override
    public LedgerRepository ledger() {
        return ledger;
    }

    @Override
    public IdempotencyRepository idempotency() {
        return idempotency;
    }

    @Override
    public CreditProductRepository creditProducts() {
        return creditProducts;
    }

    @Override
    public AccessRightItemRepository accessRightItems() {
        return accessRightItems;
    }

    @Override
    public MeterRepository meters() {
        return meters;
    }

    @Override
    public SponsorGrantRepository sponsorGrants() {
        return sponsorGrants;
    }

    @Override
    public TaxRuleRepository taxRules() {
        return taxRules;
    }

    @Override
    public InvoiceRepository invoices() {
        return invoices;
    }

    @Override
    public InvoiceNumberRepository invoiceNumbers() {
        return invoiceNumbers;
    }

    @Override
    public PaymentMethodRepository paymentMethods() {
        return paymentMethods;
    }

    @Override
    public ConsentRepository consents() {
        return consents;
    }

    @Override
    public OrderRepository orders() {
        return orders;
    }

    @Override
    public PaymentRepository payments() {
        return payments;
    }
}
