package org.plenigo.core.wallet.internal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.plenigo.core.ConflictException;
import org.plenigo.core.internal.Context;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.catalog.internal.CatalogCache;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.event.DomainEvent;
import org.plenigo.core.store.Store;
import org.plenigo.core.wallet.AutomaticTopUpLimit;
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.core.wallet.CustomerWallet;
import org.plenigo.core.wallet.CustomerWalletId;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryId;
import org.plenigo.core.wallet.WalletEvent;
import org.plenigo.core.wallet.WalletService;

/**
 * Spending credits inside the caller's unit of work, with the automatic top-up behaviour: used by
 * {@link WalletService#consume} and by everything sold for credits. Credits whose validity ended
 * are written off first; the credits that expire first are spent first. If the wallet is fed by an
 * active AUTOMATIC subscription (found through the {@link AutomaticTopUps} port), a spend that
 * needs more than the balance first tops up (charged) as often as needed, and a spend that leaves
 * the balance at zero tops up once more at once. A failed charge or the {@link AutomaticTopUpLimit}
 * refuses a spend that needed the top-up; when only the refill after it fails, the spend stands
 * and a {@link WalletEvent.TopUpFailed} is published. The caller records idempotency and, on a
 * refusal, rolls its unit of work back.
 */
public final class CreditSpending {
    private final Context context;
    private final Store store;
    private final CreditBook book;
    private final CatalogCache catalog;

    public CreditSpending(Context context) {
        this.context = context;
        this.store = context.store();
        this.book = new CreditBook(context);
        this.catalog = context.catalog();
    }

    /** What a spend came to. */
    public sealed interface Outcome {
    }

    /**
     * The credits were taken.
     *
     * @param entry        the CONSUMPTION entry
     * @param topUpsBefore how many of {@code consumed.topUps()} were charged before the consumption
     * @param refilled     whether the last of them is a refill after it
     */
    public record Taken(LedgerEntry entry, ConsumptionResult.Consumed consumed, int topUpsBefore, boolean refilled)
            implements Outcome {
    }

    /**
     * Nothing may stand: the caller must roll back (top-ups charged before the refusal may have been
     * written) and publish only {@code events}, facts that stay true after the rollback.
     */
    public record Refused(ConsumptionResult.Refused refusal, List<WalletEvent> events) implements Outcome {
    }

    /**
     * Spends {@code request.credits()} inside the current unit of work.
     *
     * @throws NotFoundException if the customer does not exist (checked only when the wallet does not)
     */
    public Outcome spend(ConsumeCredits request, Consumer<DomainEvent> events) {
        Wallet definition = catalog.wallet(request.walletId());
        CustomerWalletId walletId = CreditBook.walletIdOf(request.customerId(), request.walletId());
        Instant now = context.now();
        List<LedgerEntryId> topUps = new ArrayList<>();
        Optional<AutomaticTopUps.Source> automatic = Optional.empty();
        Optional<LedgerEntry> taken = definition.creditValidity().isPresent() ? Optional.empty()
                : book.consume(walletId, definition, request.credits(), now, request.key(), request.reference());
        if (taken.isEmpty()) {
            // the wallet is missing, its credits may have expired, or it needs topping up:
            // from here on it is held, so that top-ups are counted against the limit one by one
            Optional<CustomerWallet> found = store.customerWallets().findForUpdate(walletId);
            if (found.isEmpty()) {
                if (store.customers().find(request.customerId()).isEmpty()) {
                    throw new NotFoundException("customer", request.customerId());
                }
                return new Refused(new ConsumptionResult.Refused(Refusal.INSUFFICIENT_CREDITS, 0, "customer '"
                        + request.customerId() + "' has no credits of wallet '" + request.walletId() + "'"), List.of());
            }
            long balance = book.expireDue(found.get(), definition, now, events);
            if (balance < request.credits()) {
                automatic = context.automaticTopUps().find(walletId);
                if (automatic.isEmpty()) {
                    return new Refused(new ConsumptionResult.Refused(Refusal.INSUFFICIENT_CREDITS, balance,
                            "balance " + balance + " is less than " + request.credits()), List.of());
                }
                Optional<Refused> refused = topUpToCover(request, walletId, automatic.get(), balance, now, events,
                        topUps);
                if (refused.isPresent()) {
                    return refused.get();
                }
            }
            taken = book.consume(walletId, definition, request.credits(), now, request.key(), request.reference());
        }
        LedgerEntry entry = taken.orElseThrow(() -> new ConflictException(ErrorCode.CONCURRENT_MODIFICATION,
                "balance of wallet " + walletId + " changed concurrently"));
        events.accept(new WalletEvent.CreditsConsumed(request.customerId(), request.walletId(), entry.id(),
                request.credits(), entry.balanceAfter(), request.reference(), now));
        long balanceAfter = entry.balanceAfter();
        boolean refilled = false;
        if (balanceAfter == 0) {
            if (automatic.isEmpty()) {
                automatic = context.automaticTopUps().find(walletId);
            }
            Optional<LedgerEntry> refill = automatic.flatMap(s -> refill(s, request, now, events));
            refilled = refill.isPresent();
            refill.ifPresent(r -> topUps.add(r.id()));
            balanceAfter = refill.map(LedgerEntry::balanceAfter).orElse(0L);
            if (!refilled) {
                events.accept(new WalletEvent.WalletDepleted(request.customerId(), request.walletId(), now));
            }
        }
        return new Taken(entry, new ConsumptionResult.Consumed(entry.id(), request.credits(), balanceAfter, topUps),
                topUps.size() - (refilled ? 1 : 0), refilled);
    }

    /** Charges as many automatic top-ups as the spend needs, or answers why it is refused. */
    private Optional<Refused> topUpToCover(ConsumeCredits request, CustomerWalletId walletId,
                                           AutomaticTopUps.Source source, long balance, Instant now,
                                           Consumer<DomainEvent> events, List<LedgerEntryId> topUps) {
        long perTopUp = source.creditsPerTopUp();
        // the ceiling of shortfall / perTopUp, without the overflow of adding perTopUp first
        long needed = (request.credits() - balance - 1) / perTopUp + 1;
        int used = source.usedInWindow(now);
        if (used + needed > context.automaticTopUpLimit().maxTopUps()) {
            String detail = limitDetail(needed, used);
            return Optional.of(new Refused(new ConsumptionResult.Refused(Refusal.TOP_UP_LIMIT_REACHED, balance,
                    detail), List.of(new WalletEvent.TopUpFailed(request.customerId(), request.walletId(),
                    source.paidBy(), Refusal.TOP_UP_LIMIT_REACHED, detail, now))));
        }
        // all of them, before the first is charged
        CreditBook.requireRoom(walletId, balance, perTopUp, needed, "productContract.creditsPerTopUp");
        long held = balance;
        for (int i = 1; i <= needed; i++) {
            TopUpAttempt attempt = source.topUp(held, request.key().derive("top-up-" + i), request.key(), now,
                    events);
            if (attempt.failure().isPresent()) {
                WalletEvent.TopUpFailed failure = attempt.failure().get();
                return Optional.of(new Refused(new ConsumptionResult.Refused(failure.reason(), balance,
                        failure.detail()), List.of(failure)));
            }
            LedgerEntry entry = attempt.entry().orElseThrow();
            held = entry.balanceAfter();
            topUps.add(entry.id());
        }
        return Optional.empty();
    }

    private Optional<LedgerEntry> refill(AutomaticTopUps.Source source, ConsumeCredits request, Instant now,
                                         Consumer<DomainEvent> events) {
        int used = source.usedInWindow(now);
        if (used + 1 > context.automaticTopUpLimit().maxTopUps()) {
            events.accept(new WalletEvent.TopUpFailed(request.customerId(), request.walletId(), source.paidBy(),
                    Refusal.TOP_UP_LIMIT_REACHED, limitDetail(1, used), now));
            return Optional.empty();
        }
        // only a consumption that emptied the wallet refills it
        TopUpAttempt attempt = source.topUp(0, request.key().derive("refill"), request.key(), now, events);
        attempt.failure().ifPresent(events);
        return attempt.entry();
    }

    private String limitDetail(long needed, int used) {
        AutomaticTopUpLimit limit = context.automaticTopUpLimit();
        return needed + " automatic top-up(s) needed, " + used + " of " + limit.maxTopUps()
                + " allowed within " + limit.window() + " already used";
    }
}
