package org.plenigo.core;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Executor;
import org.plenigo.core.access.AccessService;
import org.plenigo.core.catalog.CatalogService;
import org.plenigo.core.checkout.CheckoutService;
import org.plenigo.core.consent.ConsentService;
import org.plenigo.core.customer.CustomerService;
import org.plenigo.core.event.EventPublisher;
import org.plenigo.core.internal.Context;
import org.plenigo.core.invoice.InvoiceSeries;
import org.plenigo.core.invoice.InvoiceService;
import org.plenigo.core.invoice.Seller;
import org.plenigo.core.invoice.internal.InvoiceSettings;
import org.plenigo.core.payment.PaymentMethodService;
import org.plenigo.core.payment.PaymentMethodType;
import org.plenigo.core.payment.PaymentProvider;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.plenigo.core.purchase.PurchaseService;
import org.plenigo.core.settlement.PaymentService;
import org.plenigo.core.store.Store;
import org.plenigo.core.subscription.Dunning;
import org.plenigo.core.subscription.SubscriptionService;
import org.plenigo.core.subscription.internal.SubscriptionTopUps;
import org.plenigo.core.tax.TaxService;
import org.plenigo.core.tax.internal.TaxDecisions;
import org.plenigo.core.topup.TopUpScheduler;
import org.plenigo.core.wallet.AutomaticTopUpLimit;
import org.plenigo.core.wallet.WalletService;

/**
 * The entry point: one instance per store, assembled with {@link #builder()}. Thread-safe; keep one
 * for the application's lifetime and {@link #close} it when the application shuts down.
 *
 * <pre>{@code
 * MemoryStore store = new MemoryStore();
 * Plenigo plenigo = Plenigo.builder().store(store).paymentProvider(new SimulatedPaymentProvider())
 *         .seller(new Seller("Verlag GmbH", new PostalAddress("Hauptstr. 1", "10115", "Berlin", "DE"), "DE123456789"))
 *         .build();
 * plenigo.catalog().createWallet(...);
 * }</pre>
 */
public final class Plenigo implements AutoCloseable {
    /** The publisher's time zone unless configured otherwise. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Berlin");

    private final Context context;
    private final CatalogService catalog;
    private final CustomerService customers;
    private final SubscriptionService subscriptions;
    private final WalletService wallets;
    private final TopUpScheduler topUps;
    private final AccessService access;
    private final PurchaseService purchases;
    private final TaxService taxes;
    private final InvoiceService invoices;
    private final PaymentMethodService paymentMethods;
    private final ConsentService consents;
    private final CheckoutService checkout;
    private final PaymentService payments;

    private Plenigo(Context context, Duration orderValidity) {
        this.context = context;
        this.catalog = new CatalogService(context.store());
        this.customers = new CustomerService(context);
        this.subscriptions = new SubscriptionService(context);
        this.wallets = new WalletService(context);
        this.topUps = new TopUpScheduler(context);
        this.access = new AccessService(context);
        this.purchases = new PurchaseService(context);
        this.taxes = new TaxService(context);
        this.invoices = new InvoiceService(context);
        this.paymentMethods = new PaymentMethodService(context);
        this.consents = new ConsentService(context);
        this.checkout = new CheckoutService(context, orderValidity, subscriptions, purchases);
        this.payments = new PaymentService(context);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Product contracts, wallets, access rights and offers. */
    public CatalogService catalog() {
        return catalog;
    }

    public CustomerService customers() {
        return customers;
    }

    /** Subscribing to offers, external top-ups and cancelling. */
    public SubscriptionService subscriptions() {
        return subscriptions;
    }

    /** Consuming credits, grants, reversals, balances and ledgers. */
    public WalletService wallets() {
        return wallets;
    }

    /** The scheduler of time-based top-ups and credit expiry; call {@code runDue} periodically. */
    public TopUpScheduler topUps() {
        return topUps;
    }

    /**
     * The question the CMS asks on every page view, access right items, credit unlocks, sponsor
     * grants and the billable users report.
     */
    public AccessService access() {
        return access;
    }

    /** Single purchases of access rights and of credit packs. */
    public PurchaseService purchases() {
        return purchases;
    }

    /** The tax rules, and how a supply to a customer is taxed by them. */
    public TaxService taxes() {
        return taxes;
    }

    /** The invoices every successful charge issues: reading them and cancelling one. */
    public InvoiceService invoices() {
        return invoices;
    }

    /** Customers' payment methods and which of them is the default. */
    public PaymentMethodService paymentMethods() {
        return paymentMethods;
    }

    /** Customers' consents (such as the marketing opt-in): recording answers, the current one and the history. */
    public ConsentService consents() {
        return consents;
    }

    /** The checkout: preparing an order with its price breakdown, and completing it (paid, stored together). */
    public CheckoutService checkout() {
        return checkout;
    }

    /** Customers' payments: settlements and returns the provider reports, and refunds. */
    public PaymentService payments() {
        return payments;
    }

    /**
     * Shuts this instance down: what a host calls when the application stops. A scheduler run in
     * progress stops after the subscriptions it is topping up, and {@code close} waits for it. From
     * then on every call of every service that would reach the store fails with a
     * {@link PlenigoException} of {@link ErrorCode#CLOSED}, and {@code topUps().runDue()} fails the
     * same way; a unit of work already running when {@code close} is called completes. The store,
     * its data source and the executor given to {@link Builder#topUpExecutor} belong to the host
     * and stay open. Calling {@code close} again does nothing.
     */
    @Override
    public void close() {
        topUps.close();
        context.close();
    }

    /**
     * Assembles a {@link Plenigo}. The store, the {@link #paymentProvider} and the {@link #seller}
     * are required.
     */
    public static final class Builder {
        private Store store;
        private Clock clock = Clock.systemUTC();
        private PaymentProvider paymentProvider;
        private EventPublisher events = EventPublisher.NONE;
        private ZoneId zone = DEFAULT_ZONE;
        private AutomaticTopUpLimit automaticTopUpLimit = AutomaticTopUpLimit.DEFAULT;
        private int topUpWorkers = 1;
        private Dunning dunning = Dunning.DEFAULT;
        private Executor topUpExecutor = Runnable::run;
        private Seller seller;
        private InvoiceSeries invoiceSeries = InvoiceSeries.DEFAULT;
        private InvoiceSeries cancellationSeries;
        private boolean defaultTaxRules = true;
        private Duration orderValidity = CheckoutService.DEFAULT_ORDER_VALIDITY;
        private Set<PaymentMethodType> pendingGrantsOnSettlement = Set.of();

        private Builder() {
        }

        /** Where everything is kept (required). */
        public Builder store(Store store) {
            this.store = Require.notNull(store, "store");
            return this;
        }

        /** Source of all time; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Require.notNull(clock, "clock");
            return this;
        }

        /**
         * Through which payment service provider top-ups, purchases and subscriptions are charged
         * (required): the customer's default payment method, or the one named. There is no default,
         * so that nothing gives credits or access away unpaid; {@link SimulatedPaymentProvider}
         * takes no money and answers as scripted, for tests and demos.
         */
        public Builder paymentProvider(PaymentProvider provider) {
            this.paymentProvider = Require.notNull(provider, "paymentProvider");
            return this;
        }

        /** Receiver of domain events; default none. */
        public Builder eventPublisher(EventPublisher events) {
            this.events = Require.notNull(events, "eventPublisher");
            return this;
        }

        /** The publisher's time zone, in which calendar intervals are counted; default Europe/Berlin. */
        public Builder zone(ZoneId zone) {
            this.zone = Require.notNull(zone, "zone");
            return this;
        }

        /** The brake on automatic top-ups; default 3 per subscription in 10 minutes. */
        public Builder automaticTopUpLimit(AutomaticTopUpLimit limit) {
            this.automaticTopUpLimit = Require.notNull(limit, "automaticTopUpLimit");
            return this;
        }

        /**
         * Into how many shares one {@code topUps().runDue()} call splits its due subscriptions; default
         * 1. The calling thread tops up one share and the {@link #topUpExecutor} the others, so that
         * with an executor that has threads to spare they run at once (and let the database group
         * their commits). Each subscription stays in one share, so its intervals are still topped
         * up in order. Without an executor every share runs on the calling thread.
         */
        public Builder topUpWorkers(int workers) {
            this.topUpWorkers = Context.requireTopUpWorkers(workers);
            return this;
        }

        /**
         * Where a scheduler run tops up its shares beyond the calling thread's (see
         * {@link #topUpWorkers}); default none: the calling thread does all of them. The scheduler
         * starts no threads of its own and never shuts this executor down. A share the executor
         * rejects, or has not started by the time the others are done, is left to the calling
         * thread, so a busy executor slows a run down but never stalls it.
         */
        public Builder topUpExecutor(Executor executor) {
            this.topUpExecutor = Require.notNull(executor, "topUpExecutor");
            return this;
        }

        /**
         * The publisher as its invoices name it (required); its address's country is the seller's
         * country, whose rates domestic customers pay. It must be in the EU: the tax rules this
         * version applies are those of a seller established there.
         */
        public Builder seller(Seller seller) {
            Require.notNull(seller, "seller");
            if (!TaxDecisions.EU_MEMBER_STATES.contains(seller.country())) {
                throw new ValidationException("seller.address.country " + seller.country() + " is not an EU member"
                        + " state; this version taxes as a seller established in the EU");
            }
            this.seller = seller;
            return this;
        }

        /** The series that numbers invoices; default {@link InvoiceSeries#DEFAULT} ({@code RE-2026-000123}). */
        public Builder invoiceSeries(InvoiceSeries series) {
            this.invoiceSeries = Require.notNull(series, "invoiceSeries");
            return this;
        }

        /** The series that numbers cancellation invoices; default the {@link #invoiceSeries}. */
        public Builder cancellationSeries(InvoiceSeries series) {
            this.cancellationSeries = Require.notNull(series, "cancellationSeries");
            return this;
        }

        /**
         * Whether {@link #build} stores the shipped default tax rules that are not stored yet
         * (see {@link TaxService#loadDefaultRules}); default true. Turned off, every rate comes from
         * rules the host adds.
         */
        public Builder defaultTaxRules(boolean load) {
            this.defaultTaxRules = load;
            return this;
        }

        /**
         * How long a prepared checkout order may be completed; default 30 minutes, at most a day.
         * The order's price breakdown is that of the day it was prepared, so keep it short.
         */
        public Builder orderValidity(Duration validity) {
            this.orderValidity = CheckoutService.requireValidity(validity);
            return this;
        }

        /**
         * What happens after a time-based subscription's billing period could not be charged: when
         * the charge is retried, and when the subscription ends; default {@link Dunning#DEFAULT}
         * (retries after 1, 3 and 7 days, the end after 30).
         */
        public Builder dunning(Dunning dunning) {
            this.dunning = Require.notNull(dunning, "dunning");
            return this;
        }

        /**
         * The payment method types whose pending payments give what they pay for only once they
         * are settled; default none: a pending payment (SEPA, iDEAL) gives at once and what it gave
         * is taken back if it returns. For a type listed here a pending charge refuses its operation
         * with {@code Refusal.PAYMENT_PENDING}; once {@code payments().settled(...)} is reported, the
         * same request under the same key gives what it pays for without charging again.
         */
        public Builder pendingGrantsOnSettlement(Set<PaymentMethodType> types) {
            Require.notNull(types, "pendingGrantsOnSettlement");
            this.pendingGrantsOnSettlement = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
            return this;
        }

        /**
         * Assembles the instance and, unless turned off, stores the default tax rules it lacks.
         *
         * @throws ValidationException with {@link ErrorCode#INVALID_INPUT} if the store, the payment
         *                             port or the seller is missing, or the two series may give
         *                             the same number
         */
        public Plenigo build() {
            Require.notNull(store, "store");
            if (paymentProvider == null) {
                throw new ValidationException("paymentProvider is required: pass your payment service provider's"
                        + " adapter with Plenigo.builder().paymentProvider(...); for tests and demos,"
                        + " paymentProvider(new SimulatedPaymentProvider()) takes no money and answers as scripted");
            }
            if (seller == null) {
                throw new ValidationException("seller is required: pass the publisher as its invoices name it with"
                        + " Plenigo.builder().seller(new Seller(name, address, vatId))");
            }
            InvoiceSeries cancellations = cancellationSeries == null ? invoiceSeries : cancellationSeries;
            if (cancellations.mayCollideWith(invoiceSeries)) {
                throw new ValidationException("invoiceSeries " + invoiceSeries + " and cancellationSeries "
                        + cancellations + " may give the same number: give each its own id and a text before"
                        + " its first placeholder that the other does not begin with");
            }
            Plenigo plenigo = new Plenigo(new Context(store, clock, paymentProvider, events, zone, automaticTopUpLimit,
                    topUpWorkers, topUpExecutor, new InvoiceSettings(seller, invoiceSeries, cancellations),
                    SubscriptionTopUps::new, pendingGrantsOnSettlement, dunning), orderValidity);
            if (defaultTaxRules) {
                plenigo.taxes().loadDefaultRules();
            }
            return plenigo;
        }
    }
}
