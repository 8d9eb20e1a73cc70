package org.plenigo.core.access;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.plenigo.core.ValidationException;
import org.plenigo.core.access.internal.ItemBook;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.CreditProduct;
import org.plenigo.core.catalog.CreditProductId;
import org.plenigo.core.catalog.CreditProductKind;
import org.plenigo.core.catalog.internal.CatalogCache;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.event.DomainEvent;
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
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.LedgerEntryId;
import org.plenigo.core.wallet.internal.CreditBook;
import org.plenigo.core.wallet.internal.CreditSpending;

/**
 * Credit unlocks: content sold for credits. An unlock finds what the customer holds of the content
 * asked for, holds the wallet while it charges, spends the product's credits and grants one item
 * per content not held yet, all in one unit of work.
 */
final class CreditUnlocks {
    private static final String UNLOCK = "access.unlock";

    private final Context context;
    private final Store store;
    private final CatalogCache catalog;
    private final Idempotency idempotency;
    private final UnitOfWork unitOfWork;
    private final CreditSpending spending;
    private final ItemBook items;
    private final IdempotentOperation<UnlockResult> unlockOperation =
            IdempotentOperation.of(UNLOCK, ResultCodec.of(this::encode, this::decode));

    CreditUnlocks(Context context) {
        this.context = context;
        this.store = context.store();
        this.catalog = context.catalog();
        this.idempotency = context.idempotency();
        this.unitOfWork = context.unitOfWork();
        this.spending = new CreditSpending(context);
        this.items = new ItemBook(context);
    }

    UnlockResult unlock(CustomerId customerId, CreditProductId productId, List<ContentId> picks,
                        IdempotencyKey key) {
        Require.notNull(customerId, "customerId");
        Require.notNull(productId, "creditProductId");
        Require.notNull(picks, "picks");
        Require.notNull(key, "idempotencyKey");
        return unitOfWork.run(events -> {
            CreditProduct product = catalog.creditProduct(productId);
            List<ContentId> chosen = chosen(product, picks);
            String fingerprint = Fingerprint.of(customerId, productId, chosen);
            return idempotency.run(key, unlockOperation, fingerprint, UnlockResult.Replayed::new,
                    () -> apply(customerId, product, chosen, key, events));
        });
    }

    private UnlockResult apply(CustomerId customerId, CreditProduct product, List<ContentId> chosen,
                               IdempotencyKey key, Consumer<DomainEvent> events) {
        AccessFaults.requireCustomer(store, customerId);
        Instant now = context.now();
        Map<ContentId, AccessRightItem> held = held(customerId, chosen, now);
        if (held.size() < chosen.size()) {
            // hold the wallet: a second unlock of the same content waits here and then finds it held
            store.customerWallets().findForUpdate(CreditBook.walletIdOf(customerId, product.walletId()));
            held = held(customerId, chosen, now);
        }
        if (held.size() == chosen.size()) {
            return new UnlockResult.AlreadyHeld(List.copyOf(held.values()));
        }
        CreditSpending.Outcome outcome = spending.spend(new ConsumeCredits(customerId, product.walletId(),
                product.credits(), Optional.of(product.id().value()), key.derive("spend")), events);
        if (outcome instanceof CreditSpending.Refused refused) {
            throw UnitOfWork.abort(new UnlockResult.Refused(refused.refusal().reason(),
                    refused.refusal().balance(), refused.refusal().detail()), refused.events());
        }
        CreditSpending.Taken taken = (CreditSpending.Taken) outcome;
        List<AccessRightItem> granted = new ArrayList<>();
        for (ContentId content : chosen) {
            if (!held.containsKey(content)) {
                AccessRightItem item = AccessRightItem.forContent(unlockItemId(customerId, content, now), customerId,
                        content, AccessSource.CREDIT_UNLOCK, now, Optional.empty(),
                        Optional.of(product.id().value()));
                items.insert(item, events);
                granted.add(item);
            }
        }
        return new UnlockResult.Unlocked(granted, product.credits(), taken.entry().id(),
                taken.consumed().balance(), taken.consumed().topUps());
    }

    /**
     * The id of the customer's next unlock of {@code content}: the first of a sequence derived from
     * both that is not taken (the ones before were revoked). Two unlocks at once derive the same id,
     * so one of them fails on its insert and is run again, whatever the database's isolation: the
     * hold on the wallet already makes the second wait and find the content held, and the id makes
     * sure of it where a database lets it read too early (H2 may, right after a lock is released).
     */
    private AccessRightItemId unlockItemId(CustomerId customerId, ContentId content, Instant now) {
        for (int n = 0; ; n++) {
            AccessRightItemId id = ItemBook.itemId(UNLOCK + "/" + customerId + "/" + content + "/" + n);
            Optional<AccessRightItem> taken = store.accessRightItems().find(id);
            if (taken.isEmpty()) {
                return id;
            }
            if (taken.get().endsAt().isEmpty() || taken.get().endsAt().get().isAfter(now)) {
                throw AccessFaults.lostRace("the unlock of " + content + " by " + customerId);
            }
        }
    }

    private static List<ContentId> chosen(CreditProduct product, List<ContentId> picks) {
        if (product.kind() != CreditProductKind.WEBINAR_SERIES) {
            if (!picks.isEmpty() && !picks.equals(product.contents())) {
                throw new ValidationException("picks " + picks + " must be empty or " + product.contents()
                        + " for " + product.kind() + " '" + product.id() + "'");
            }
            return product.contents();
        }
        Set<ContentId> distinct = new HashSet<>(picks);
        if (picks.size() != product.picks() || distinct.size() != picks.size()) {
            throw new ValidationException("picks must name " + product.picks() + " distinct sessions of '"
                    + product.id() + "', was " + picks);
        }
        for (ContentId pick : picks) {
            if (!product.contents().contains(pick)) {
                throw new ValidationException("picks '" + pick + "' is not a session of '" + product.id() + "'");
            }
        }
        return picks.stream().sorted((a, b) -> a.value().compareTo(b.value())).toList();
    }

    /** The customer's items, by content, that have not ended for the given contents. */
    private Map<ContentId, AccessRightItem> held(CustomerId customerId, List<ContentId> contents, Instant now) {
        Map<ContentId, AccessRightItem> held = new LinkedHashMap<>();
        for (AccessRightItem item : store.accessRightItems().findByCustomer(customerId)) {
            if (item.endsAt().isEmpty() || item.endsAt().get().isAfter(now)) {
                item.contentId().filter(contents::contains).ifPresent(c -> held.putIfAbsent(c, item));
            }
        }
        return held;
    }

    /** An unlock that spent credits keeps what it spent; one that found everything held, only the items. */
    private ResultFields encode(UnlockResult result) {
        ResultFields fields = ResultFields.create()
                .with("items", result.grantedItems().orElseThrow().stream().map(i -> i.id().value()).toList());
        if (result instanceof UnlockResult.Unlocked unlocked) {
            fields.with("credits", unlocked.credits()).with("consumption", unlocked.consumption().value())
                    .with("balance", unlocked.balance())
                    .with("topUps", unlocked.topUps().stream().map(LedgerEntryId::value).toList());
        }
        return fields;
    }

    private UnlockResult decode(ResultFields fields) {
        List<AccessRightItem> granted = items.require(fields.list("items").stream().map(AccessRightItemId::new).toList());
        if (!fields.has("consumption")) {
            return new UnlockResult.AlreadyHeld(granted);
        }
        return new UnlockResult.Unlocked(granted, fields.number("credits"), new LedgerEntryId(fields.text("consumption")),
                fields.number("balance"), fields.list("topUps").stream().map(LedgerEntryId::new).toList());
    }
}
