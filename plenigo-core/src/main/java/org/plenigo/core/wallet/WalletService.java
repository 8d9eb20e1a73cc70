package org.plenigo.core.wallet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.catalog.internal.CatalogCache;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.idempotency.internal.Fingerprint;
import org.plenigo.core.idempotency.internal.Idempotency;
import org.plenigo.core.idempotency.internal.IdempotentOperation;
import org.plenigo.core.idempotency.internal.ResultCodec;
import org.plenigo.core.idempotency.internal.ResultFields;
import org.plenigo.core.internal.Context;
import org.plenigo.core.Require;
import org.plenigo.core.internal.UnitOfWork;
import org.plenigo.core.store.Store;
import org.plenigo.core.wallet.internal.CreditBook;
import org.plenigo.core.wallet.internal.CreditSpending;

/**
 * Customers' credit balances: consuming, grants and reversals, balance and ledger queries (a
 * subscription's external top-up is {@code SubscriptionService.topUp}). Thread-safe. Every
 * operation that moves credits takes an idempotency key: the same key again returns the first
 * result and changes nothing; the same key with other content fails with
 * {@link ErrorCode#IDEMPOTENCY_KEY_REUSED}. A refused operation changed nothing and is not recorded
 * under its key, so sending it again evaluates it anew: a charge that was declined or failed is
 * then attempted again (under a key of its own, as a provider answers a key it has seen with its
 * first answer), while one that paid is not charged twice.
 */
public final class WalletService {
    /**
     * A consumption is kept by its entry's wallet and sequence number rather than by the ids of its
     * entries: however many top-ups it caused, they are its ledger neighbours.
     */
    private static final IdempotentOperation<RecordedConsumption> CONSUME = IdempotentOperation.of("wallet.consume",
            ResultCodec.of(c -> ResultFields.create().with("wallet", c.wallet().value()).with("sequence", c.sequence())
                            .with("credits", c.credits()).with("balance", c.balance()).with("before", c.topUpsBefore())
                            .with("refill", c.refilled()),
                    f -> new RecordedConsumption(new CustomerWalletId(f.text("wallet")), f.number("sequence"),
                            f.number("credits"), f.number("balance"), f.number("before"), f.flag("refill"))));
    /** Read back as a replay: a {@link CreditsAdded} says itself whether it is one. */
    private static final ResultCodec<CreditsAdded> ADDED = ResultCodec.of(
            a -> ResultFields.create().with("entry", a.entryId().value()).with("credits", a.credits())
                    .with("balance", a.balance()),
            f -> new CreditsAdded(new LedgerEntryId(f.text("entry")), f.number("credits"), f.number("balance"), true));
    private static final IdempotentOperation<CreditsAdded> GRANT = IdempotentOperation.of("wallet.grant", ADDED);
    private static final IdempotentOperation<CreditsAdded> REVERSE = IdempotentOperation.of("wallet.reverse", ADDED);
    /** Recorded under a key derived from the consumption, so that it is reversed once whatever the caller's key. */
    private static final IdempotentOperation<LedgerEntryId> REVERSED_ONCE = IdempotentOperation.of(
            "wallet.reversed-once", ResultCodec.of(id -> ResultFields.create().with("entry", id.value()),
                    f -> new LedgerEntryId(f.text("entry"))));

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
            LedgerEntry entry = taken.entry();
            idempotency.record(request.key(), CONSUME, fingerprint, new RecordedConsumption(entry.customerWalletId(),
                    entry.sequence(), request.credits(), taken.consumed().balance(), taken.topUpsBefore(),
                    taken.refilled()));
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
        return idempotency.find(request.key(), CONSUME, fingerprint)
                .map(previous -> new ConsumptionResult.Replayed(previous.consumed()));
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
        return unitOfWork.run(events -> idempotency.run(key, GRANT, fingerprint, added -> added, () -> {
            requireCustomer(customerId);
            Wallet definition = catalog.wallet(walletId);
            Instant now = context.now();
            CustomerWallet wallet = book.openWallet(customerId, walletId);
            CreditBook.requireRoom(wallet.id(), wallet.balance(), credits, 1, "credits");
            LedgerEntry entry = book.add(wallet.id(), definition, LedgerEntryType.GRANT, credits, now, Optional.empty(), key,
                    Optional.of(reason));
            events.accept(new WalletEvent.CreditsGranted(customerId, walletId, entry.id(), credits,
                    entry.balanceAfter(), now));
            return new CreditsAdded(entry.id(), credits, entry.balanceAfter(), false);
        }));
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
        return unitOfWork.run(events -> idempotency.run(key, REVERSE, fingerprint, added -> added, () -> {
            LedgerEntry consumption = store.ledger().find(consumptionId)
                    .orElseThrow(() -> new NotFoundException("ledger entry", consumptionId));
            if (consumption.type() != LedgerEntryType.CONSUMPTION) {
                throw new ValidationException("consumptionId '" + consumptionId + "' is a " + consumption.type()
                        + " entry, not a CONSUMPTION");
            }
            IdempotencyKey once = IdempotencyKey.of("reversal-of-" + consumptionId);
            if (idempotency.find(once, REVERSED_ONCE, fingerprint).isPresent()) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "consumption '" + consumptionId
                        + "' was already reversed");
            }
            Instant now = context.now();
            CustomerWallet wallet = book.wallet(consumption.customerWalletId());
            CreditBook.requireRoom(wallet.id(), wallet.balance(), -consumption.credits(), 1, "credits");
            LedgerEntry entry = book.add(wallet.id(), catalog.wallet(wallet.walletId()), LedgerEntryType.REVERSAL,
                    -consumption.credits(), now,
                    Optional.empty(), key, Optional.of(consumptionId.value()));
            events.accept(new WalletEvent.CreditsReversed(wallet.customerId(), wallet.walletId(), entry.id(),
                    entry.credits(), entry.balanceAfter(), now));
            idempotency.record(once, REVERSED_ONCE, fingerprint, entry.id());
            return new CreditsAdded(entry.id(), entry.credits(), entry.balanceAfter(), false);
        }));
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

    /**
     * What a consumption keeps under its key: its entry's wallet and sequence number, how many of
     * its top-ups came before it and whether one refilled the wallet after it.
     */
    private record RecordedConsumption(CustomerWalletId wallet, long sequence, long credits, long balance,
                                       long topUpsBefore, boolean refilled) {
        ConsumptionResult.Consumed consumed() {
            List<LedgerEntryId> topUps = new ArrayList<>();
            for (long s = sequence - topUpsBefore; s < sequence; s++) {
                topUps.add(CreditBook.entryId(wallet, s));
            }
            if (refilled) {
                topUps.add(CreditBook.entryId(wallet, sequence + 1));
            }
            return new ConsumptionResult.Consumed(CreditBook.entryId(wallet, sequence), credits, balance, topUps);
        }
    }
}
