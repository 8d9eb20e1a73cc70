package org.plenigo.core.wallet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.plenigo.core.ConflictException;
import org.plenigo.core.Context;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.Require;
import org.plenigo.core.UnitOfWork;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.CatalogCache;
import org.plenigo.core.catalog.TopUpType;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.event.DomainEvent;
import org.plenigo.core.idempotency.Fingerprint;
import org.plenigo.core.idempotency.Idempotency;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.store.Store;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionId;

/**
 * Customers' credit balances: consuming, explicit (external) top-ups, grants and reversals, balance
 * and ledger queries. Thread-safe. Every operation that moves credits takes an idempotency key:
 * the same key again returns the first result and changes nothing; the same key with other content
 * fails with {@link ErrorCode#IDEMPOTENCY_KEY_REUSED}. A refused operation changed nothing and is
 * not recorded under its key, so sending it again evaluates it anew; but the charges it attempted
 * carry keys derived from it, and a payment provider answers a repeated charge key with its first
 * outcome: after {@link Refusal#PAYMENT_FAILED}, send the retry under a new key.
 */
public final class WalletService {
    private static final String CONSUME = "wallet.consume";
    private static final String TOP_UP = "wallet.top-up";
    private static final String GRANT = "wallet.grant";
    private static final String REVERSE = "wallet.reverse";
    private static final String REVERSED_ONCE = "wallet.reversed-once";

    private final Context context;
    private final Store store;
    private final CreditBook book;
    private final CreditSpending spending;
    private final CatalogCache catalog;
    private final Idempotency idempotency;
    private final UnitOfWork unitOfWork;

    public WalletService(Context context) {
        this.context = context;
        this.store = context.store();
        this.book = new CreditBook(context);
        this.spending = new CreditSpending(context);
        this.catalog = context.catalog();
        this.idempotency = context.idempotency();
        this.unitOfWork = context.unitOfWork();
    }

    /**
     * Spends credits. Credits whose validity ended are written off first; the credits that expire
     * first are spent first. If the wallet is fed by an active AUTOMATIC subscription, a consumption
     * that needs more than the balance first tops up (charged) as often as needed, and a
     * consumption that leaves the balance at zero tops up once more at once. A failed charge or the
     * {@link AutomaticTopUpLimit} refuses a consumption that needed the top-up and leaves everything
     * as it was; when only the refill after the consumption fails, the consumption stands, the
     * wallet stays empty and a {@link WalletEvent.TopUpFailed} is published.
     *
     * @throws NotFoundException   if the customer or the wallet does not exist
     * @throws ConflictException   if the key was used for another request
     */
    public ConsumptionResult consume(ConsumeCredits request) {
        Require.notNull(request, "request");
        String fingerprint = Fingerprint.of(request.customerId(), request.walletId(), request.credits(),
                request.reference().orElse(""));
        // A new key is the common case, so the first attempt does not look it up: its record is
        // written last, and its unique key stops a replay, which rolls the attempt back. Every retry,
        // and every attempt that would refuse, looks the key up first.
        AtomicBoolean retry = new AtomicBoolean();
        return unitOfWork.run(events -> {
            if (retry.getAndSet(true)) {
                Optional<ConsumptionResult> replay = replay(request, fingerprint);
                if (replay.isPresent()) {
                    return replay.get();
                }
            }
            CreditSpending.Outcome outcome = spending.spend(request, events);
            if (outcome instanceof CreditSpending.Refused refused) {
                throw refuse(request, fingerprint, refused.refusal(), refused.events());
            }
            CreditSpending.Taken taken = (CreditSpending.Taken) outcome;
            // The top-ups before the consumption and the refill after it are its ledger neighbours
            // (the wallet is held meanwhile), so sequence numbers name them, however many there are.
            LedgerEntry entry = taken.entry();
            idempotency.record(request.key(), CONSUME, fingerprint, Map.of("wallet", entry.customerWalletId().value(),
                    "sequence", Long.toString(entry.sequence()), "credits", Long.toString(request.credits()),
                    "balance", Long.toString(taken.consumed().balance()),
                    "before", Integer.toString(taken.topUpsBefore()), "refill", taken.refilled() ? "1" : "0"));
            return taken.consumed();
        });
    }

    /**
     * Rolls the attempt back and answers with the refusal, or with the replay of the first result if
     * the key was used before (then nothing is published).
     */
    private RuntimeException refuse(ConsumeCredits request, String fingerprint, ConsumptionResult.Refused refusal,
                                    List<WalletEvent> events) {
        Optional<ConsumptionResult> replay = replay(request, fingerprint);
        return UnitOfWork.abort(replay.orElse(refusal), replay.isPresent() ? List.of() : events);
    }

    private Optional<ConsumptionResult> replay(ConsumeCredits request, String fingerprint) {
        return idempotency.previousResult(request.key(), CONSUME, fingerprint)
                .map(previous -> new ConsumptionResult.Replayed(decodeConsumed(previous)));
    }

    /**
     * Tops up the offer's credits of an EXTERNAL top-up subscription, charged; the call an outside
     * event or an operator triggers.
     *
     * @throws NotFoundException if the subscription does not exist
     * @throws ConflictException with {@link ErrorCode#INVALID_STATE} if the subscription is not an
     *                           active EXTERNAL top-up subscription; with
     *                           {@link ErrorCode#IDEMPOTENCY_KEY_REUSED} if the key was used for another request
     */
    public TopUpResult topUp(SubscriptionId subscriptionId, IdempotencyKey key) {
        Require.notNull(subscriptionId, "subscriptionId");
        Require.notNull(key, "idempotencyKey");
        String fingerprint = Fingerprint.of(subscriptionId);
        return unitOfWork.run(events -> {
            Optional<Map<String, String>> previous = idempotency.previousResult(key, TOP_UP, fingerprint);
            if (previous.isPresent()) {
                Map<String, String> p = previous.get();
                return new TopUpResult.Replayed(new TopUpResult.ToppedUp(new LedgerEntryId(p.get("entry")),
                        Long.parseLong(p.get("credits")), Long.parseLong(p.get("balance"))));
            }
            Subscription subscription = store.subscriptions().find(subscriptionId)
                    .orElseThrow(() -> new NotFoundException("subscription", subscriptionId));
            TopUpType type = subscription.topUpType().orElse(null);
            if (type != TopUpType.EXTERNAL) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "subscription '" + subscriptionId
                        + "' is topped up " + (type == null ? "never" : type) + ", not EXTERNAL");
            }
            if (!subscription.isActive()) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "subscription '" + subscriptionId + "' is cancelled");
            }
            Instant now = context.now();
            CreditBook.TopUpAttempt attempt = book.topUp(subscription, key.derive("charge"), key, now, events);
            if (attempt.failure().isPresent()) {
                events.accept(attempt.failure().get());
                return new TopUpResult.Refused(Refusal.PAYMENT_FAILED, attempt.failure().get().detail());
            }
            LedgerEntry entry = attempt.entry().orElseThrow();
            idempotency.record(key, TOP_UP, fingerprint, entryResult(entry));
            return new TopUpResult.ToppedUp(entry.id(), entry.credits(), entry.balanceAfter());
        });
    }

    /**
     * Gives a customer credits without a charge (goodwill, compensation, a promotion), creating the
     * customer's wallet if needed.
     *
     * @param reason why, kept in the ledger
     * @throws NotFoundException if the customer or the wallet does not exist
     */
    public CreditsAdded grant(CustomerId customerId, WalletId walletId, long credits, String reason,
                              IdempotencyKey key) {
        Require.notNull(customerId, "customerId");
        Require.notNull(walletId, "walletId");
        Require.positive(credits, "credits");
        Require.maxLength(Require.notBlank(reason, "reason"), 200, "reason");
        Require.notNull(key, "idempotencyKey");
        String fingerprint = Fingerprint.of(customerId, walletId, credits, reason);
        return unitOfWork.run(events -> {
            Optional<Map<String, String>> previous = idempotency.previousResult(key, GRANT, fingerprint);
            if (previous.isPresent()) {
                return replayedAddition(previous.get());
            }
            requireCustomer(customerId);
            Wallet definition = catalog.wallet(walletId);
            Instant now = context.now();
            CustomerWallet wallet = book.openWallet(customerId, walletId);
            LedgerEntry entry = book.add(wallet.id(), definition, LedgerEntryType.GRANT, credits, now, Optional.empty(), key,
                    Optional.of(reason));
            events.accept(new WalletEvent.CreditsGranted(customerId, walletId, entry.id(), credits,
                    entry.balanceAfter(), now));
            idempotency.record(key, GRANT, fingerprint, entryResult(entry));
            return new CreditsAdded(entry.id(), credits, entry.balanceAfter(), false);
        });
    }

    /**
     * Gives back the credits of a consumption (e.g. content that could not be delivered). Each
     * consumption can be reversed once. The credits come back as a new lot whose validity, if the
     * wallet has one, starts now.
     *
     * @throws NotFoundException   if the entry does not exist
     * @throws ValidationException if the entry is not a CONSUMPTION
     * @throws ConflictException   with {@link ErrorCode#INVALID_STATE} if it was reversed before (under another key)
     */
    public CreditsAdded reverse(LedgerEntryId consumptionId, IdempotencyKey key) {
        Require.notNull(consumptionId, "consumptionId");
        Require.notNull(key, "idempotencyKey");
        String fingerprint = Fingerprint.of(consumptionId);
        return unitOfWork.run(events -> {
            Optional<Map<String, String>> previous = idempotency.previousResult(key, REVERSE, fingerprint);
            if (previous.isPresent()) {
                return replayedAddition(previous.get());
            }
            LedgerEntry consumption = store.ledger().find(consumptionId)
                    .orElseThrow(() -> new NotFoundException("ledger entry", consumptionId));
            if (consumption.type() != LedgerEntryType.CONSUMPTION) {
                throw new ValidationException("consumptionId '" + consumptionId + "' is a " + consumption.type()
                        + " entry, not a CONSUMPTION");
            }
            IdempotencyKey once = IdempotencyKey.of("reversal-of-" + consumptionId);
            if (idempotency.previousResult(once, REVERSED_ONCE, fingerprint).isPresent()) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "consumption '" + consumptionId
                        + "' was already reversed");
            }
            Instant now = context.now();
            CustomerWallet wallet = book.wallet(consumption.customerWalletId());
            LedgerEntry entry = book.add(wallet.id(), catalog.wallet(wallet.walletId()), LedgerEntryType.REVERSAL,
                    -consumption.credits(), now,
                    Optional.empty(), key, Optional.of(consumptionId.value()));
            events.accept(new WalletEvent.CreditsReversed(wallet.customerId(), wallet.walletId(), entry.id(),
                    entry.credits(), entry.balanceAfter(), now));
            idempotency.record(once, REVERSED_ONCE, fingerprint, Map.of("entry", entry.id().value()));
            idempotency.record(key, REVERSE, fingerprint, entryResult(entry));
            return new CreditsAdded(entry.id(), entry.credits(), entry.balanceAfter(), false);
        });
    }

    /** The customer's balance of the wallet; 0 if the customer never had credits of it. */
    public long balance(CustomerId customerId, WalletId walletId) {
        return find(customerId, walletId).map(CustomerWallet::balance).orElse(0L);
    }

    /** The customer's wallet of this kind, if the customer ever had credits of it. */
    public Optional<CustomerWallet> find(CustomerId customerId, WalletId walletId) {
        Require.notNull(customerId, "customerId");
        Require.notNull(walletId, "walletId");
        return store.transactions().inTransaction(() -> store.customerWallets().find(customerId, walletId));
    }

    /** The customer's ledger of the wallet, oldest first; empty if the customer never had credits of it. */
    public List<LedgerEntry> ledger(CustomerId customerId, WalletId walletId) {
        Require.notNull(customerId, "customerId");
        Require.notNull(walletId, "walletId");
        return store.transactions().inTransaction(() -> store.customerWallets().find(customerId, walletId)
                .map(w -> store.ledger().findByCustomerWallet(w.id())).orElse(List.of()));
    }

    private void requireCustomer(CustomerId id) {
        if (store.customers().find(id).isEmpty()) {
            throw new NotFoundException("customer", id);
        }
    }

    private static Map<String, String> entryResult(LedgerEntry entry) {
        return Map.of("entry", entry.id().value(), "credits", Long.toString(entry.credits()),
                "balance", Long.toString(entry.balanceAfter()));
    }

    private static CreditsAdded replayedAddition(Map<String, String> previous) {
        return new CreditsAdded(new LedgerEntryId(previous.get("entry")), Long.parseLong(previous.get("credits")),
                Long.parseLong(previous.get("balance")), true);
    }

    private static ConsumptionResult.Consumed decodeConsumed(Map<String, String> previous) {
        CustomerWalletId wallet = new CustomerWalletId(previous.get("wallet"));
        long sequence = Long.parseLong(previous.get("sequence"));
        long before = Long.parseLong(previous.get("before"));
        List<LedgerEntryId> topUps = new ArrayList<>();
        for (long s = sequence - before; s < sequence; s++) {
            topUps.add(CreditBook.entryId(wallet, s));
        }
        if (previous.get("refill").equals("1")) {
            topUps.add(CreditBook.entryId(wallet, sequence + 1));
        }
        return new ConsumptionResult.Consumed(CreditBook.entryId(wallet, sequence),
                Long.parseLong(previous.get("credits")), Long.parseLong(previous.get("balance")), topUps);
    }
}
