package org.plenigo.core.wallet.internal;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.plenigo.core.ConflictException;
import org.plenigo.core.internal.Context;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.internal.CatalogCache;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.event.DomainEvent;
import org.plenigo.core.idempotency.internal.Fingerprint;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.store.Store;
import org.plenigo.core.wallet.BalanceChange;
import org.plenigo.core.wallet.CreditLot;
import org.plenigo.core.wallet.CreditLotId;
import org.plenigo.core.wallet.CustomerWallet;
import org.plenigo.core.wallet.CustomerWalletId;
import org.plenigo.core.wallet.CustomerWalletRepository;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryId;
import org.plenigo.core.wallet.LedgerEntryType;
import org.plenigo.core.wallet.WalletEvent;

/**
 * The bookkeeping of credits, shared by the services that move them; always called inside their
 * unit of work. Internal: not part of the stable API.
 *
 * <p>Every change goes through the customer wallet's balance first (a conditional debit or a credit,
 * which also hands out the change's sequence number), then, for wallets whose credits expire, the
 * credit lots, then the ledger entry. Taking the wallet row first, everywhere, keeps concurrent
 * units of work on one wallet in one order. Credits that expire are kept in lots: a consumption
 * takes from the lots that expire first, and a lot whose validity ended is written off with an
 * EXPIRY entry before anything is taken from that wallet. Credits that never expire need no lots:
 * the balance is all there is to know about them.
 *
 * <p>Ids are derived rather than drawn: a customer wallet's from its customer and wallet, a ledger
 * entry's from its wallet and sequence number. So a wallet is addressed without reading it first,
 * and a result names its entries by sequence number.
 */
public final class CreditBook {
    private final Context context;
    private final Store store;
    private final CatalogCache catalog;

    public CreditBook(Context context) {
        this.context = context;
        this.store = context.store();
        this.catalog = context.catalog();
    }

    /** The id the customer's wallet of this kind has, or will have once it is opened. */
    public static CustomerWalletId walletIdOf(CustomerId customerId, WalletId walletId) {
        return new CustomerWalletId("cw-" + IdempotencyKey.uuidOf(Fingerprint.of(customerId, walletId)));
    }

    /** The id of the wallet's ledger entry number {@code sequence}. */
    public static LedgerEntryId entryId(CustomerWalletId walletId, long sequence) {
        return new LedgerEntryId("le-" + IdempotencyKey.uuidOf(walletId + "#" + sequence));
    }

    /** The customer's wallet of this kind, created empty if the customer has none yet. */
    public CustomerWallet openWallet(CustomerId customerId, WalletId walletId) {
        CustomerWalletRepository wallets = store.customerWallets();
        CustomerWalletId id = walletIdOf(customerId, walletId);
        return wallets.find(id).orElseGet(() -> {
            CustomerWallet created = new CustomerWallet(id, customerId, walletId, 0, 0);
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

    /** Adds credits (TOP_UP, GRANT or REVERSAL); if they expire, as a new lot whose validity starts at {@code at}. */
    public LedgerEntry add(CustomerWalletId walletId, Wallet definition, LedgerEntryType type, long credits,
                           Instant at, Optional<ChargeReference> paidBy, IdempotencyKey key,
                           Optional<String> reference) {
        BalanceChange change = store.customerWallets().credit(walletId, credits);
        LedgerEntry entry = append(walletId, change, type, credits, at, paidBy, key, reference);
        if (definition.creditValidity().isPresent()) {
            Instant expiresAt = definition.creditValidity().get().after(at, context.zone());
            CreditLot lot = new CreditLot(new CreditLotId("lot-" + entry.id().value().substring(3)), walletId,
                    credits, credits, at, Optional.of(expiresAt));
            if (!store.creditLots().insert(lot)) {
                throw lostRace("credit lot " + lot.id());
            }
        }
        return entry;
    }

    /**
     * Takes credits for a consumption, from the lots that expire first if the credits expire;
     * empty if the wallet does not exist or its balance is too low.
     */
    public Optional<LedgerEntry> consume(CustomerWalletId walletId, Wallet definition, long credits, Instant at,
                                         IdempotencyKey key, Optional<String> reference) {
        return take(walletId, definition, LedgerEntryType.CONSUMPTION, credits, at, key, reference);
    }

    /**
     * Takes back credits a returned payment had bought ({@link LedgerEntryType#CHARGEBACK}), from
     * the lots that expire first; empty if the wallet does not exist or its balance is too low.
     */
    public Optional<LedgerEntry> takeBack(CustomerWalletId walletId, Wallet definition, long credits, Instant at,
                                          IdempotencyKey key, Optional<String> reference) {
        return take(walletId, definition, LedgerEntryType.CHARGEBACK, credits, at, key, reference);
    }

    private Optional<LedgerEntry> take(CustomerWalletId walletId, Wallet definition, LedgerEntryType type,
                                       long credits, Instant at, IdempotencyKey key, Optional<String> reference) {
        Optional<BalanceChange> change = store.customerWallets().debit(walletId, credits);
        if (change.isEmpty()) {
            return Optional.empty();
        }
        if (definition.creditValidity().isPresent()) {
            long left = credits;
            for (CreditLot lot : store.creditLots().findOpen(walletId)) {
                long take = Math.min(left, lot.remaining());
                takeFromLot(lot, take);
                left -= take;
                if (left == 0) {
                    break;
                }
            }
            if (left != 0) {
                throw new IllegalStateException("credit lots of wallet " + walletId + " do not cover its balance");
            }
        }
        return Optional.of(append(walletId, change.get(), type, -credits, at, Optional.empty(), key, reference));
    }

    /**
     * Writes off every lot of the wallet whose validity ended at or before {@code now}.
     *
     * @return the wallet's balance afterwards
     */
    public long expireDue(CustomerWallet wallet, Wallet definition, Instant now, Consumer<DomainEvent> events) {
        long balance = wallet.balance();
        if (definition.creditValidity().isEmpty()) {
            return balance;
        }
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
            balance = change.balanceAfter();
            events.accept(new WalletEvent.CreditsExpired(wallet.customerId(), wallet.walletId(), entry.id(),
                    lot.remaining(), balance, expiresAt));
        }
        return balance;
    }

    /**
     * Refuses to add {@code times} additions of {@code credits} each that would take the balance
     * beyond {@link Long#MAX_VALUE}: a store could not hold it (one would fail, the other report a
     * fault worth retrying), so it is refused as bad input before anything is written or charged.
     *
     * @param field the input that asks for the credits, named in the message
     * @throws ValidationException with {@link ErrorCode#INVALID_INPUT}
     */
    public static void requireRoom(CustomerWalletId walletId, long balance, long credits, long times, String field) {
        if (credits > (Long.MAX_VALUE - balance) / times) {
            throw new ValidationException(field + " " + credits + (times == 1 ? "" : " (" + times + " times)")
                    + " would take the balance " + balance + " of customer wallet '" + walletId + "' beyond "
                    + Long.MAX_VALUE);
        }
    }

    private void takeFromLot(CreditLot lot, long credits) {
        if (credits > 0 && !store.creditLots().take(lot.id(), credits)) {
            throw lostRace("credit lot " + lot.id());
        }
    }

    private LedgerEntry append(CustomerWalletId walletId, BalanceChange change, LedgerEntryType type, long credits,
                               Instant at, Optional<ChargeReference> paidBy, IdempotencyKey key,
                               Optional<String> reference) {
        LedgerEntry entry = new LedgerEntry(entryId(walletId, change.version()), walletId, change.version(), type,
                credits, change.balanceAfter(), at, paidBy, key, reference);
        if (!store.ledger().insert(entry)) {
            throw lostRace("ledger entry " + change.version() + " of wallet " + walletId);
        }
        return entry;
    }

    private static ConflictException lostRace(String what) {
        return new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, what + " was changed concurrently");
    }
}
