package org.plenigo.core;

import java.time.Clock;
import java.time.ZoneId;
import org.plenigo.core.access.AccessService;
import org.plenigo.core.catalog.CatalogService;
import org.plenigo.core.charge.Charges;
import org.plenigo.core.charge.RecordingCharges;
import org.plenigo.core.customer.CustomerService;
import org.plenigo.core.event.EventPublisher;
import org.plenigo.core.purchase.PurchaseService;
import org.plenigo.core.store.Store;
import org.plenigo.core.subscription.SubscriptionService;
import org.plenigo.core.topup.TopUpScheduler;
import org.plenigo.core.wallet.AutomaticTopUpLimit;
import org.plenigo.core.wallet.WalletService;

/**
 * The entry point: one instance per store, assembled with {@link #builder()}. Thread-safe; keep one
 * for the application's lifetime.
 *
 * <pre>{@code
 * MemoryStore store = new MemoryStore();
 * Plenigo plenigo = Plenigo.builder().store(store).charges(new RecordingCharges(store.charges())).build();
 * plenigo.catalog().createWallet(...);
 * }</pre>
 */
public final class Plenigo {
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

    private Plenigo(Context context) {
        this.context = context;
        this.catalog = new CatalogService(context.store());
        this.customers = new CustomerService(context);
        this.subscriptions = new SubscriptionService(context);
        this.wallets = new WalletService(context);
        this.topUps = new TopUpScheduler(context);
        this.access = new AccessService(context);
        this.purchases = new PurchaseService(context);
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

    /** Subscribing to offers and cancelling. */
    public SubscriptionService subscriptions() {
        return subscriptions;
    }

    /** Consuming credits, external top-ups, grants, balances and ledgers. */
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

    /** Single purchases of access rights. */
    public PurchaseService purchases() {
        return purchases;
    }

    /** The settings this instance runs with. */
    public Context context() {
        return context;
    }

    /** Assembles a {@link Plenigo}. The store and the payment port ({@link #charges}) are required. */
    public static final class Builder {
        private Store store;
        private Clock clock = Clock.systemUTC();
        private Charges charges;
        private EventPublisher events = EventPublisher.NONE;
        private ZoneId zone = DEFAULT_ZONE;
        private AutomaticTopUpLimit automaticTopUpLimit = AutomaticTopUpLimit.DEFAULT;
        private int topUpWorkers = 1;

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
         * How top-ups and purchases are charged (required): the host's payment port. There is no
         * default, so that nothing gives credits or access away unpaid; {@link RecordingCharges}
         * records each charge in the store and always succeeds, for tests and demos.
         */
        public Builder charges(Charges charges) {
            this.charges = Require.notNull(charges, "charges");
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
         * How many threads one {@code topUps().runDue()} call tops up with; default 1. More workers
         * share a run's due subscriptions among themselves (each subscription stays with one worker,
         * so its intervals are still topped up in order) and let the database group their commits.
         */
        public Builder topUpWorkers(int workers) {
            this.topUpWorkers = Context.requireTopUpWorkers(workers);
            return this;
        }

        /**
         * @throws ValidationException with {@link ErrorCode#INVALID_INPUT} if the store or the payment
         *                             port is missing
         */
        public Plenigo build() {
            Require.notNull(store, "store");
            if (charges == null) {
                throw new ValidationException("charges is required: pass a payment port with"
                        + " Plenigo.builder().charges(...); for tests and demos,"
                        + " charges(new RecordingCharges(store.charges())) records each charge and always succeeds");
            }
            return new Plenigo(new Context(store, clock, charges, events, zone, automaticTopUpLimit, topUpWorkers));
        }
    }
}
