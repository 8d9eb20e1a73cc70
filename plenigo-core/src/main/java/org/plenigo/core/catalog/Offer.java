package org.plenigo.core.catalog;

import java.util.Optional;
import java.util.Set;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.time.Interval;

/**
 * What a customer buys. Rules checked here (the catalog checks the references):
 * <ul>
 *   <li>every offer names a product contract;</li>
 *   <li>a USAGE_BASED_SUBSCRIPTION names a wallet ({@link ErrorCode#WALLET_REQUIRED} without one) and a
 *       top-up plan;</li>
 *   <li>a TIME_BASED_SUBSCRIPTION grants at least one access right and has no wallet;</li>
 *   <li>a SINGLE_PURCHASE grants access rights or a one-time credit pack (a wallet), without a top-up plan;</li>
 *   <li>only a SINGLE_PURCHASE of access rights may limit how long they last ({@code accessDuration}).</li>
 * </ul>
 *
 * @param accessDuration how long the access rights of a SINGLE_PURCHASE last; empty: for ever
 * @param allowsSeveral  whether a customer may hold several active subscriptions to this offer at once;
 *                       when false (the default) subscribing again to a TIME_BASED_SUBSCRIPTION the
 *                       customer holds is refused with {@link ErrorCode#ALREADY_SUBSCRIBED}
 */
public record Offer(OfferId id, String title, OfferType type, ProductContractId productContractId,
                    Optional<WalletId> walletId, Optional<TopUpPlan> topUp, Set<AccessRightId> accessRights,
                    Optional<Interval> accessDuration, boolean allowsSeveral) {
    public Offer {
        Require.notNull(id, "offer.id");
        Require.maxLength(Require.notBlank(title, "offer.title"), 200, "offer.title");
        Require.notNull(type, "offer.type");
        Require.notNull(productContractId, "offer.productContractId");
        Require.notNull(walletId, "offer.walletId");
        Require.notNull(topUp, "offer.topUp");
        Require.notNull(accessRights, "offer.accessRights");
        accessRights = Set.copyOf(accessRights);
        Require.notNull(accessDuration, "offer.accessDuration");
        if (accessDuration.isPresent() && (type != OfferType.SINGLE_PURCHASE || accessRights.isEmpty())) {
            throw new ValidationException("offer.accessDuration is only allowed for a SINGLE_PURCHASE of access rights");
        }
        switch (type) {
            case USAGE_BASED_SUBSCRIPTION -> {
                if (walletId.isEmpty()) {
                    throw new ValidationException(ErrorCode.WALLET_REQUIRED,
                            "offer.walletId is required for a USAGE_BASED_SUBSCRIPTION");
                }
                if (topUp.isEmpty()) {
                    throw new ValidationException("offer.topUp is required for a USAGE_BASED_SUBSCRIPTION");
                }
            }
            case TIME_BASED_SUBSCRIPTION -> {
                if (accessRights.isEmpty()) {
                    throw new ValidationException("offer.accessRights must not be empty for a TIME_BASED_SUBSCRIPTION");
                }
                if (walletId.isPresent() || topUp.isPresent()) {
                    throw new ValidationException("offer.walletId and offer.topUp are not allowed for a TIME_BASED_SUBSCRIPTION");
                }
            }
            case SINGLE_PURCHASE -> {
                if (topUp.isPresent()) {
                    throw new ValidationException("offer.topUp is not allowed for a SINGLE_PURCHASE");
                }
                if (walletId.isEmpty() && accessRights.isEmpty()) {
                    throw new ValidationException("offer.accessRights or offer.walletId is required for a SINGLE_PURCHASE");
                }
            }
        }
    }

    /** An offer that a customer holds at most once at a time. */
    public Offer(OfferId id, String title, OfferType type, ProductContractId productContractId,
                 Optional<WalletId> walletId, Optional<TopUpPlan> topUp, Set<AccessRightId> accessRights,
                 Optional<Interval> accessDuration) {
        this(id, title, type, productContractId, walletId, topUp, accessRights, accessDuration, false);
    }

    /** An offer without an access duration. */
    public Offer(OfferId id, String title, OfferType type, ProductContractId productContractId,
                 Optional<WalletId> walletId, Optional<TopUpPlan> topUp, Set<AccessRightId> accessRights) {
        this(id, title, type, productContractId, walletId, topUp, accessRights, Optional.empty());
    }

    /** A usage-based subscription: credits of {@code walletId}, refilled by {@code topUp}. */
    public static Offer usageBased(OfferId id, String title, ProductContractId productContractId, WalletId walletId,
                                   TopUpPlan topUp) {
        return new Offer(id, title, OfferType.USAGE_BASED_SUBSCRIPTION, productContractId,
                Optional.ofNullable(walletId), Optional.ofNullable(topUp), Set.of(), Optional.empty());
    }

    /** A time-based subscription granting {@code accessRights} while active. */
    public static Offer timeBased(OfferId id, String title, ProductContractId productContractId,
                                  Set<AccessRightId> accessRights) {
        return new Offer(id, title, OfferType.TIME_BASED_SUBSCRIPTION, productContractId, Optional.empty(),
                Optional.empty(), accessRights, Optional.empty());
    }

    /**
     * A single purchase of {@code accessRights}, for ever ({@code accessDuration} empty) or for the
     * given duration from the purchase.
     */
    public static Offer singlePurchase(OfferId id, String title, ProductContractId productContractId,
                                       Set<AccessRightId> accessRights, Optional<Interval> accessDuration) {
        return new Offer(id, title, OfferType.SINGLE_PURCHASE, productContractId, Optional.empty(), Optional.empty(),
                accessRights, accessDuration);
    }

    /** This offer, which a customer may hold several times at once (e.g. gift subscriptions). */
    public Offer allowingSeveral() {
        return new Offer(id, title, type, productContractId, walletId, topUp, accessRights, accessDuration, true);
    }

    /** The top-up type; only for usage-based offers. */
    public TopUpType topUpType() {
        return topUp.map(TopUpPlan::type).orElseThrow(
                () -> new ValidationException("offer '" + id + "' is not a usage-based subscription"));
    }
}
