package org.plenigo.core.store;

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
import org.plenigo.core.subscription.SubscriptionRepository;
import org.plenigo.core.tax.TaxRuleRepository;
import org.plenigo.core.wallet.CreditLotRepository;
import org.plenigo.core.wallet.CustomerWalletRepository;
import org.plenigo.core.wallet.LedgerRepository;

/**
 * A storage implementation: every repository plus the transaction port. Repositories are narrow and
 * storage-shaped (insert, find, conditional update); the business rules live in the core services,
 * which call repositories only inside {@link Transactions#inTransaction}. Implementations must be
 * thread-safe and pass the contract tests of {@code plenigo-store-tck}.
 */
public interface Store {
    Transactions transactions();

    ProductContractRepository productContracts();

    /**
     * The wallet definitions of the catalog (a kind of credit and the value of one credit), not
     * customers' balances: those are {@link #customerWallets()}.
     */
    WalletRepository walletDefinitions();

    AccessRightRepository accessRights();

    OfferRepository offers();

    CustomerRepository customers();

    SubscriptionRepository subscriptions();

    CustomerWalletRepository customerWallets();

    CreditLotRepository creditLots();

    LedgerRepository ledger();

    IdempotencyRepository idempotency();

    CreditProductRepository creditProducts();

    AccessRightItemRepository accessRightItems();

    MeterRepository meters();

    SponsorGrantRepository sponsorGrants();

    TaxRuleRepository taxRules();

    InvoiceRepository invoices();

    InvoiceNumberRepository invoiceNumbers();

    PaymentMethodRepository paymentMethods();

    /** Customers' consent answers, append-only. */
    ConsentRepository consents();

    /** Checkout orders. */
    OrderRepository orders();

    /** Customers' payments: every charge attempted, paid or not. */
    PaymentRepository payments();
}
