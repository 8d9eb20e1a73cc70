package org.plenigo.core.wallet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.plenigo.core.ConflictException;
import org.plenigo.core.Context;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.charge.ChargeOutcome;
import org.plenigo.core.charge.ChargeRequest;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.event.DomainEvent;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.store.Store;
import org.plenigo.core.subscription.Subscription;

/**
 * The bookkeeping of credits, shared by the services that move them; always called inside their
 * unit of work. Internal: not part of the stable API.
 *
 * <p>Every change goes through the customer wallet's balance first (a conditional debit or a credit,
 * which also hands out the change's sequence number), then the credit lots, then the ledger entry.
 * Taking the wallet row first, everywhere, keeps concurrent units of work on one wallet in one order.
 * Credits are taken from the lots that expire first; a lot whose validity ended is written off with
 * an EXPIRY entry before anything is taken from that wallet.
 */
public final class CreditBook {
    private final Context context;
    private final Store store;

    public CreditBook(Context context) {
        this.context = context;
        this.store = context.store();
    }

    /** The customer's wallet of this kind, created empty if the customer has none yet. */
    public CustomerWallet openWallet(CustomerId customerId, Wallet wallet) {
        CustomerWalletRepository wallets = store.customerWallets();
        return wallets.find(customerId, wallet.id()).orElseGet(() -> {
            CustomerWallet created = new CustomerWallet(
                    new CustomerWalletId("cw-" + IdempotencyKey.uuidOf(customerId + "/" + wallet.id())),
                    customerId, wallet.id(), 0, 0);
            if (!wallets.insert(created)) {
                throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION,
                        "wallet of customer '" + customerId + "' was created concurrently");
            }
            return created;
        });
    }

    public CustomerWallet wallet(CustomerWalletId id) {
        return store.customerWallets().find(id).orElseThrow(() -> new NotFoundException("customer wallet", id));
    }

    public Wallet definition(CustomerWallet wallet) {
        return store.wallets().find(wallet.walletId())
                .orElseThrow(() -> new NotFoundException("wallet", wallet.walletId()));
    }

    /** Adds credits (TOP_UP, GRANT or REVERSAL) as a new lot whose validity starts at {@code at}. */
    public LedgerEntry add(CustomerWallet wallet, LedgerEntryType type, long credits, Instant at,
                           Optional<Subscription> paidBy, IdempotencyKey key, Optional<String> reference) {
        BalanceChange change = store.customerWallets().credit(wallet.id(), credits);
        LedgerEntry entry = append(wallet.id(), change, type, credits, at, paidBy, key, reference);
        Optional<Instant> expiresAt = definition(wallet).creditValidity().map(v -> v.after(at, context.zone()));
        CreditLot lot = new CreditLot(new CreditLotId("lot-" + entry.id().value().substring(3)), wallet.id(), credits,
                credits, at, expiresAt);
        if (!store.creditLots().insert(lot)) {
            throw lostRace("credit lot " + lot.id());
        }
        return entry;
    }

    /** Takes credits for a consumption, from the lots that expire first; empty if the balance is too low. */
    public Optional<LedgerEntry> consume(CustomerWallet wallet, long credits, Instant at, IdempotencyKey key,
                                         Optional<String> reference) {
        Optional<BalanceChange> change = store.customerWallets().debit(wallet.id(), credits);
        if (change.isEmpty()) {
            return Optional.empty();
        }
        long left = credits;
        for (CreditLot lot : store.creditLots().findOpen(wallet.id())) {
            long take = Math.min(left, lot.remaining());
            takeFromLot(lot, take);
            left -= take;
            if (left == 0) {
                break;
            }
        }
        if (left != 0) {
            throw new IllegalStateException("credit lots of wallet " + wallet.id() + " do not cover its balance");
        }
        return Optional.of(append(wallet.id(), change.get(), LedgerEntryType.CONSUMPTION, -credits, at,
                Optional.empty(), key, reference));
    }

    /** Writes off every lot of the wallet whose validity ended at or before {@code now}. */
    public List<LedgerEntry> expireDue(CustomerWallet wallet, Instant now, Consumer<DomainEvent> events) {
        List<LedgerEntry> entries = new ArrayList<>();
        for (CreditLot lot : store.creditLots().findOpen(wallet.id())) {
            Instant expiresAt = lot.expiresAt().orElse(null);
            if (expiresAt == null || expiresAt.isAfter(now)) {
                // open lots come earliest expiry first: the rest are still valid
                break;
            }
            BalanceChange change = store.customerWallets().debit(wallet.id(), lot.remaining())
                    .orElseThrow(() -> lostRace("balance of wallet " + wallet.id()));
            takeFromLot(lot, lot.remaining());
            LedgerEntry entry = append(wallet.id(), change, LedgerEntryType.EXPIRY, -lot.remaining(), expiresAt,
                    Optional.empty(), IdempotencyKey.of("expiry-" + lot.id()), Optional.of(lot.id().value()));
            entries.add(entry);
            events.accept(new WalletEvent.CreditsExpired(wallet.customerId(), wallet.walletId(), entry.id(),
                    lot.remaining(), change.balanceAfter(), expiresAt));
        }
        return entries;
    }

    /**
     * Charges the subscription's offer price and, if the charge succeeds, adds the offer's credits
     * dated {@code at}. A failed charge adds nothing.
     */
    public TopUpAttempt topUp(Subscription subscription, IdempotencyKey chargeKey, IdempotencyKey key, Instant at,
                              Consumer<DomainEvent> events) {
        CustomerWallet wallet = wallet(subscription.customerWalletId().orElseThrow(
                () -> new IllegalStateException("subscription " + subscription.id() + " feeds no wallet")));
        Offer offer = store.offers().find(subscription.offerId())
                .orElseThrow(() -> new NotFoundException("offer", subscription.offerId()));
        ProductContract contract = store.productContracts().find(offer.productContractId())
                .orElseThrow(() -> new NotFoundException("product contract", offer.productContractId()));
        ChargeOutcome outcome = context.charges().charge(new ChargeRequest(chargeKey, subscription.customerId(),
                subscription.id(), contract.price(), contract.taxType(),
                abbreviate(contract.creditsPerTopUp() + " credits: " + offer.title(),
                        ChargeRequest.MAX_DESCRIPTION_LENGTH), at));
        if (outcome instanceof ChargeOutcome.Failed failed) {
            return TopUpAttempt.refused(new WalletEvent.TopUpFailed(wallet.customerId(), wallet.walletId(),
                    subscription.id(), Refusal.PAYMENT_FAILED, failed.reason(), at));
        }
        LedgerEntry entry = add(wallet, LedgerEntryType.TOP_UP, contract.creditsPerTopUp(), at,
                Optional.of(subscription), key, Optional.of(offer.id().value()));
        events.accept(new WalletEvent.CreditsToppedUp(wallet.customerId(), wallet.walletId(), subscription.id(),
                entry.id(), entry.credits(), entry.balanceAfter(), at));
        return TopUpAttempt.done(entry);
    }

    /** Credits per top-up of the subscription's offer. */
    public long creditsPerTopUp(Subscription subscription) {
        Offer offer = store.offers().find(subscription.offerId())
                .orElseThrow(() -> new NotFoundException("offer", subscription.offerId()));
        return store.productContracts().find(offer.productContractId())
                .orElseThrow(() -> new NotFoundException("product contract", offer.productContractId()))
                .creditsPerTopUp();
    }

    /** Automatic top-ups of the subscription within the limit's window ending at {@code now}. */
    public int automaticTopUpsInWindow(Subscription subscription, Instant now) {
        Instant since = now.minus(context.automaticTopUpLimit().window());
        int topUps = store.ledger().countTopUps(subscription.id(), since);
        // the top-up bought with the subscription itself is not an automatic one
        return subscription.startedAt().isBefore(since) ? topUps : topUps - 1;
    }

    private void takeFromLot(CreditLot lot, long credits) {
        if (credits > 0 && !store.creditLots().take(lot.id(), credits)) {
            throw lostRace("credit lot " + lot.id());
        }
    }

    private LedgerEntry append(CustomerWalletId walletId, BalanceChange change, LedgerEntryType type, long credits,
                               Instant at, Optional<Subscription> paidBy, IdempotencyKey key,
                               Optional<String> reference) {
        LedgerEntry entry = new LedgerEntry(
                new LedgerEntryId("le-" + IdempotencyKey.uuidOf(walletId + "#" + change.version())), walletId,
                change.version(), type, credits, change.balanceAfter(), at, paidBy.map(Subscription::id), key,
                reference);
        if (!store.ledger().insert(entry)) {
            throw lostRace("ledger entry " + change.version() + " of wallet " + walletId);
        }
        return entry;
    }

    /** {@code text} cut to at most {@code max} characters, ending in an ellipsis if cut, never inside a surrogate pair. */
    private static String abbreviate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\u2026";
    }

    private static ConflictException lostRace(String what) {
        return new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, what + " was changed concurrently");
    }

    /** Result of {@link #topUp}: the entry written, or the event saying why nothing was. */
    public record TopUpAttempt(Optional<LedgerEntry> entry, Optional<WalletEvent.TopUpFailed> failure) {
        static TopUpAttempt done(LedgerEntry entry) {
            return new TopUpAttempt(Optional.of(entry), Optional.empty());
        }

        static TopUpAttempt refused(WalletEvent.TopUpFailed failure) {
            return new TopUpAttempt(Optional.empty(), Optional.of(failure));
        }
    }
}
