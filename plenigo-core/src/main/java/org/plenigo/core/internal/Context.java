package org.plenigo.core.internal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.Plenigo;
import org.plenigo.core.Require;
import org.plenigo.core.catalog.internal.CatalogCache;
import org.plenigo.core.event.EventPublisher;
import org.plenigo.core.idempotency.internal.Idempotency;
import org.plenigo.core.invoice.internal.InvoiceSettings;
import org.plenigo.core.payment.PaymentMethodType;
import org.plenigo.core.payment.PaymentProvider;
import org.plenigo.core.store.Store;
import org.plenigo.core.subscription.Dunning;
import org.plenigo.core.wallet.AutomaticTopUpLimit;
import org.plenigo.core.wallet.internal.AutomaticTopUps;

/** What every service is wired with; assembled by {@link Plenigo.Builder}. */
public final class Context {
    private final ClosableStore store;
    private final Clock clock;
    private final PaymentProvider paymentProvider;
    private final Set<PaymentMethodType> pendingGrantsOnSettlement;
    private final EventPublisher events;
    private final ZoneId zone;
    private final AutomaticTopUpLimit automaticTopUpLimit;
    private final int topUpWorkers;
    private final Executor topUpExecutor;
    private final CatalogCache catalog;
    private final AutomaticTopUps automaticTopUps;
    private final InvoiceSettings invoicing;
    private final Dunning dunning;

    /**
     * @param zone            the publisher's time zone: calendar intervals are counted in it
     * @param topUpWorkers    into how many shares one scheduler run splits its due subscriptions
     * @param topUpExecutor   where the scheduler runs the shares beyond the one the calling thread takes
     * @param invoicing       who issues invoices and from which number series
     * @param automaticTopUps what sells a wallet credits when a spend needs more, made from this context
     * @param pendingGrantsOnSettlement the payment method types whose pending payments give what they
     *                                  pay for only once settled
     * @param dunning         what happens after a billing period's charge failed
     */
    public Context(Store store, Clock clock, PaymentProvider paymentProvider, EventPublisher events, ZoneId zone,
                   AutomaticTopUpLimit automaticTopUpLimit, int topUpWorkers, Executor topUpExecutor,
                   InvoiceSettings invoicing, Function<Context, AutomaticTopUps> automaticTopUps,
                   Set<PaymentMethodType> pendingGrantsOnSettlement, Dunning dunning) {
        this.dunning = Require.notNull(dunning, "dunning");
        this.store = new ClosableStore(Require.notNull(store, "store"));
        this.clock = Require.notNull(clock, "clock");
        this.paymentProvider = Require.notNull(paymentProvider, "paymentProvider");
        this.pendingGrantsOnSettlement = Set.copyOf(Require.notNull(pendingGrantsOnSettlement,
                "pendingGrantsOnSettlement"));
        this.events = Require.notNull(events, "events");
        this.zone = Require.notNull(zone, "zone");
        this.automaticTopUpLimit = Require.notNull(automaticTopUpLimit, "automaticTopUpLimit");
        this.topUpWorkers = requireTopUpWorkers(topUpWorkers);
        this.topUpExecutor = Require.notNull(topUpExecutor, "topUpExecutor");
        this.catalog = new CatalogCache(store);
        this.invoicing = Require.notNull(invoicing, "invoicing");
        // last: it is made from the context, which is complete only now
        this.automaticTopUps = Require.notNull(automaticTopUps, "automaticTopUps").apply(this);
    }

    public Store store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    public PaymentProvider paymentProvider() {
        return paymentProvider;
    }

    /** The payment method types whose pending payments give what they pay for only once settled. */
    public Set<PaymentMethodType> pendingGrantsOnSettlement() {
        return pendingGrantsOnSettlement;
    }

    public EventPublisher events() {
        return events;
    }

    public ZoneId zone() {
        return zone;
    }

    public AutomaticTopUpLimit automaticTopUpLimit() {
        return automaticTopUpLimit;
    }

    public InvoiceSettings invoicing() {
        return invoicing;
    }

    /** The country the seller is established in, whose rates domestic customers pay. */
    public String sellerCountry() {
        return invoicing.seller().country();
    }

    public Dunning dunning() {
        return dunning;
    }

    public AutomaticTopUps automaticTopUps() {
        return automaticTopUps;
    }

    public static int requireTopUpWorkers(int workers) {
        Require.that(workers >= 1 && workers <= 64, "topUpWorkers must be 1 to 64, was " + workers);
        return workers;
    }

    public int topUpWorkers() {
        return topUpWorkers;
    }

    /** Where a scheduler run's shares beyond the calling thread's run; the host's, never shut down here. */
    public Executor topUpExecutor() {
        return topUpExecutor;
    }

    /** From now on no unit of work starts: every service call that would reach the store fails with {@link ErrorCode#CLOSED}. */
    public void close() {
        store.close();
    }

    /** The immutable catalog entries, cached. */
    public CatalogCache catalog() {
        return catalog;
    }

    /**
     * The clock's current instant at microsecond precision, the finest that every supported
     * database keeps, so that an instant reads back from any store exactly as it was written.
     */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public UnitOfWork unitOfWork() {
        return new UnitOfWork(store.transactions(), events);
    }

    public Idempotency idempotency() {
        return new Idempotency(store.idempotency(), this::now);
    }
}
