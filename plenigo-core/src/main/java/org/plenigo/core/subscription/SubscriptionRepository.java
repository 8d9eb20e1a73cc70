package org.plenigo.core.subscription;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.wallet.CustomerWalletId;

/** Storage port for {@link Subscription}s. */
public interface SubscriptionRepository {
    /** Stores {@code subscription} unless its id exists; returns whether it was stored. */
    boolean insert(Subscription subscription);

    Optional<Subscription> find(SubscriptionId id);

    /** All subscriptions of the customer, oldest first (by start, then id). */
    List<Subscription> findByCustomer(CustomerId customerId);

    /** All subscriptions feeding the customer wallet, oldest first (by start, then id). */
    List<Subscription> findByCustomerWallet(CustomerWalletId customerWalletId);

    /**
     * Up to {@code limit} active subscriptions whose {@code nextTopUpAt} is at or before {@code now},
     * earliest due first (then by id).
     */
    List<Subscription> findDueTopUps(Instant now, int limit);

    /**
     * Moves an active subscription's time-based schedule on, only if its {@code nextTopUpIndex} still
     * equals {@code expectedIndex}; returns whether it did. This is how concurrent schedulers agree
     * that exactly one of them tops up an interval.
     */
    boolean advanceTopUp(SubscriptionId id, long expectedIndex, long nextIndex, Instant nextTopUpAt);

    /**
     * Cancels the subscription if it is active (status, cancelledAt, no next top-up, no pending
     * end, the version counted on); returns whether it did.
     */
    boolean cancel(SubscriptionId id, Instant at);

    /**
     * Stores {@code changed} in place of the subscription with its id, only if the stored one's
     * version is {@code changed.version() - 1}; returns whether it did. This is how concurrent
     * schedulers and callers agree that exactly one of them renews a period or changes the
     * subscription. {@link #advanceTopUp} and {@link #cancel} count the version on as well.
     */
    boolean update(Subscription changed);
}
