package org.plenigo.core.topup;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.plenigo.core.internal.Context;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.PlenigoException;
import org.plenigo.core.Require;
import org.plenigo.core.internal.UnitOfWork;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.event.DomainEvent;
import org.plenigo.core.idempotency.internal.Fingerprint;
import org.plenigo.core.idempotency.internal.Idempotency;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.idempotency.internal.IdempotentOperation;
import org.plenigo.core.idempotency.internal.ResultCodec;
import org.plenigo.core.idempotency.internal.ResultFields;
import org.plenigo.core.store.Store;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionId;
import org.plenigo.core.subscription.internal.Renewals;
import org.plenigo.core.subscription.internal.SubscriptionTopUps;
import org.plenigo.core.time.Interval;
import org.plenigo.core.wallet.internal.CreditBook;
import org.plenigo.core.wallet.CreditLot;
import org.plenigo.core.wallet.CustomerWallet;
import org.plenigo.core.wallet.CustomerWalletId;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryId;
import org.plenigo.core.wallet.internal.TopUpAttempt;
import org.plenigo.core.wallet.WalletEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs what is due at a point in time: time-based top-ups, the renewals and cancellations of
 * time-based subscriptions, and the expiry of credits. Call
 * {@link #runDue} from any number of threads or application nodes at once, as often as you like.
 * The scheduler starts no threads: a run tops up on the calling thread and, if the host gave one,
 * on its executor ({@link org.plenigo.core.Plenigo.Builder#topUpExecutor}).
 *
 * <p>Algorithm: due subscriptions are read in batches; each interval of each subscription is one
 * unit of work that first moves the subscription's schedule on with a conditional update (only
 * if the interval is still the next one) and records the interval's idempotency key, then charges
 * and adds the credits dated at the start of the interval's first day ({@link Interval#periodStart}). A scheduler that loses the
 * conditional update skips the interval, so each interval is topped up exactly once. Intervals
 * missed while no scheduler ran are caught up one by one, in order. A failed charge adds no credits
 * and the schedule still moves on (retrying payment is a matter of billing, not of the schedule).
 * Time-based subscriptions go the same way, one billing period per unit of work ({@link Renewals}):
 * the step is claimed by a version-conditional update, and a period whose charge fails stays unpaid
 * and stops the subscription's schedule.
 */
public final class TopUpScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(TopUpScheduler.class);
    private static final int BATCH = 100;
    /** Kept for the record only: the conditional update, not the key, makes an interval run once. */
    private static final IdempotentOperation<IntervalOutcome> INTERVAL = IdempotentOperation.of("top-up.interval",
            ResultCodec.of(o -> o.entry().map(e -> ResultFields.create().with("entry", e.value()))
                            .orElseGet(() -> ResultFields.create().with("failed", o.failure().orElseThrow().name())),
                    f -> f.has("entry") ? new IntervalOutcome(Optional.of(new LedgerEntryId(f.text("entry"))),
                            Optional.empty()) : new IntervalOutcome(Optional.empty(),
                            Optional.of(Refusal.valueOf(f.text("failed"))))));

    private final Context context;
    private final Store store;
    private final CreditBook book;
    private final SubscriptionTopUps topUps;
    private final Renewals renewals;
    private final Idempotency idempotency;
    private final UnitOfWork unitOfWork;
    /** Guards {@link #running}; {@link #closed} is also read without it, between subscriptions. */
    private final Object lifecycle = new Object();
    private int running;
    private volatile boolean closed;

    public TopUpScheduler(Context context) {
        this.context = context;
        this.store = context.store();
        this.book = new CreditBook(context);
        this.topUps = new SubscriptionTopUps(context);
        this.renewals = new Renewals(context);
        this.idempotency = context.idempotency();
        this.unitOfWork = context.unitOfWork();
    }

    /** Runs everything due at the clock's current instant. */
    public SchedulerRun runDue() {
        return runDue(context.now());
    }

    /**
     * Tops up every interval whose boundary is at or before {@code now}, and expires credits whose
     * validity ended. A fault while topping up one subscription (e.g. the payment provider throws)
     * rolls back that interval, which stays due for the next run, and the run goes on with the
     * others; if a whole batch of due subscriptions fails, the run stops early. {@code now} counts
     * at microsecond precision, like the clock everywhere else, since stores keep no finer instants.
     */
    public SchedulerRun runDue(Instant now) {
        Require.notNull(now, "now");
        synchronized (lifecycle) {
            if (closed) {
                throw new PlenigoException(ErrorCode.CLOSED, "the top-up scheduler was closed");
            }
            running++;
        }
        try {
            // a finer instant is rounded by some databases: the store would find due what is not due here, forever
            return run(now.truncatedTo(ChronoUnit.MICROS));
        } finally {
            synchronized (lifecycle) {
                running--;
                lifecycle.notifyAll();
            }
        }
    }

    /**
     * Stops the scheduler for good, as part of {@link org.plenigo.core.Plenigo#close}: runs in
     * progress stop after the subscriptions they are topping up (each interval's unit of work
     * completes; what is left stays due) and skip the expiry of credits, and this waits for them;
     * later calls of {@link #runDue} fail with {@link ErrorCode#CLOSED}. Calling it again does nothing.
     */
    public void close() {
        synchronized (lifecycle) {
            closed = true;
            boolean interrupted = false;
            while (running > 0) {
                try {
                    lifecycle.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private SchedulerRun run(Instant now) {
        Tally tally = new Tally();
        Set<SubscriptionId> faulty = ConcurrentHashMap.newKeySet();
        int workers = context.topUpWorkers();
        while (!closed) {
            List<Subscription> due = store.transactions()
                    .inTransaction(() -> store.subscriptions().findDueTopUps(now, BATCH * workers));
            List<Subscription> todo = due.stream().filter(s -> !faulty.contains(s.id())).toList();
            if (todo.isEmpty()) {
                break;
            }
            inShares(todo, workers, subscription -> catchUp(subscription, now, tally, faulty));
        }
        int expired = closed ? 0 : expireDue(now);
        return new SchedulerRun(tally.toppedUp.get(), tally.failed.get(), faulty.size(), expired, tally.renewed.get(),
                tally.renewalsFailed.get(), tally.ended.get());
    }

    /**
     * Runs {@code work} on every subscription, each in exactly one of up to {@code workers} shares
     * that take subscriptions from one queue: the calling thread's and those handed to the host's
     * executor. The calling thread waits only for shares that have started; one that starts later
     * finds nothing left and does nothing, so a saturated executor never stalls the run.
     */
    private void inShares(List<Subscription> subscriptions, int workers, Consumer<Subscription> work) {
        Queue<Subscription> queue = new ConcurrentLinkedQueue<>(subscriptions);
        Runnable share = () -> {
            Subscription next;
            while (!closed && (next = queue.poll()) != null) {
                work.accept(next);
            }
        };
        Shares shares = new Shares();
        for (int i = 1; i < Math.min(workers, subscriptions.size()); i++) {
            try {
                context.topUpExecutor().execute(() -> shares.run(share));
            } catch (RejectedExecutionException e) {
                break;
            }
        }
        share.run();
        shares.awaitStarted();
    }

    /** Tops up each interval of the subscription that is due at {@code now}, in order. */
    private void catchUp(Subscription subscription, Instant now, Tally tally, Set<SubscriptionId> faulty) {
        Optional<Subscription> next = Optional.of(subscription);
        try {
            while (next.isPresent() && next.get().nextTopUpAt().filter(at -> !at.isAfter(now)).isPresent()) {
                next = next.get().renews() ? renewNextPeriod(next.get(), tally) : topUpNextInterval(next.get(), tally);
            }
        } catch (RuntimeException e) {
            LOG.error("time-based top-up or renewal of subscription {} failed; it stays due", subscription.id(), e);
            faulty.add(subscription.id());
        }
    }

    /**
     * Tops up the interval the subscription is due for, as it was read; returns the subscription
     * with its schedule moved on, or empty if another scheduler had moved it on (or it was cancelled)
     * meanwhile, which the conditional update finds out without reading the subscription again.
     */
    private Optional<Subscription> topUpNextInterval(Subscription subscription, Tally tally) {
        return unitOfWork.run(events -> {
            SubscriptionId id = subscription.id();
            long index = subscription.nextTopUpIndex();
            Instant dueAt = subscription.nextTopUpAt().orElseThrow();
            Interval interval = context.catalog().offer(subscription.offerId()).topUp().orElseThrow().interval()
                    .orElseThrow();
            Instant next = interval.periodStart(subscription.startedAt(), context.zone(), index + 1);
            if (!store.subscriptions().advanceTopUp(id, index, index + 1, next)) {
                return Optional.<Counted>empty();
            }
            IdempotencyKey key = IdempotencyKey.of("interval-" + IdempotencyKey.uuidOf(id + "#" + index));
            String fingerprint = Fingerprint.of(id, index);
            long balance = book.wallet(SubscriptionTopUps.walletOf(subscription)).balance();
            TopUpAttempt attempt = topUps.topUp(subscription, balance, key.derive("charge"), key, dueAt, events);
            attempt.failure().ifPresent(events);
            idempotency.record(key, INTERVAL, fingerprint, new IntervalOutcome(attempt.entry().map(LedgerEntry::id),
                    attempt.failure().map(WalletEvent.TopUpFailed::reason)));
            // counted once the unit of work commits: a retried attempt must not count twice
            return Optional.of(new Counted(subscription.scheduledNext(index + 1, next), attempt.entry().isPresent()));
        }).map(counted -> {
            (counted.toppedUp() ? tally.toppedUp : tally.failed).incrementAndGet();
            return counted.subscription();
        });
    }

    /**
     * Renews (or ends) the time-based subscription as it was read; returns it as the step left it,
     * or empty if another scheduler or caller changed it meanwhile.
     */
    private Optional<Subscription> renewNextPeriod(Subscription subscription, Tally tally) {
        return unitOfWork.run(events -> renewals.step(subscription, events).map(step -> {
            // read again: the step may have stored more than one change
            return new Stepped(store.subscriptions().find(subscription.id()).orElseThrow(), step);
        })).map(stepped -> {
            (switch (stepped.step()) {
                case RENEWED -> tally.renewed;
                case FAILED -> tally.renewalsFailed;
                case ENDED -> tally.ended;
            }).incrementAndGet();
            return stepped.subscription();
        });
    }

    private record Stepped(Subscription subscription, Renewals.Step step) {
    }

    /** The shares of one batch that the executor started, and whether it may start any more. */
    private static final class Shares {
        private int running;
        private boolean over;

        void run(Runnable share) {
            synchronized (this) {
                if (over) {
                    return;
                }
                running++;
            }
            try {
                share.run();
            } finally {
                synchronized (this) {
                    running--;
                    notifyAll();
                }
            }
        }

        /** Lets no further share start and waits for those running; an interrupt is kept for the caller. */
        synchronized void awaitStarted() {
            over = true;
            boolean interrupted = false;
            while (running > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record Counted(Subscription subscription, boolean toppedUp) {
    }

    /** What an interval came to: the entry it added, or why its charge failed. */
    private record IntervalOutcome(Optional<LedgerEntryId> entry, Optional<Refusal> failure) {
    }

    private static final class Tally {
        final AtomicInteger toppedUp = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger renewed = new AtomicInteger();
        final AtomicInteger renewalsFailed = new AtomicInteger();
        final AtomicInteger ended = new AtomicInteger();
    }

    private int expireDue(Instant now) {
        int expired = 0;
        while (true) {
            List<CreditLot> lots = store.transactions().inTransaction(() -> store.creditLots().findExpired(now, BATCH));
            Set<CustomerWalletId> wallets = new LinkedHashSet<>();
            lots.forEach(lot -> wallets.add(lot.customerWalletId()));
            int expiredNow = 0;
            for (CustomerWalletId walletId : wallets) {
                expiredNow += unitOfWork.run(events -> {
                    CustomerWallet wallet = book.wallet(walletId);
                    List<DomainEvent> written = new ArrayList<>();
                    book.expireDue(wallet, context.catalog().wallet(wallet.walletId()), now, written::add);
                    written.forEach(events);
                    return written.size();
                });
            }
            if (expiredNow == 0) {
                // nothing (more) to write off; a store whose lots disagree with themselves ends the run here
                return expired;
            }
            expired += expiredNow;
        }
    }
}
