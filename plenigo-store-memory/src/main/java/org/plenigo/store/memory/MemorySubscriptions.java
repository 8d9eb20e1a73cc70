package org.plenigo.store.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionId;
import org.plenigo.core.subscription.SubscriptionRepository;
import org.plenigo.core.subscription.SubscriptionStatus;
import org.plenigo.core.wallet.CustomerWalletId;

/** Subscriptions; the time-based schedule moves on only by a conditional update. */
final class MemorySubscriptions {
    private static final Comparator<Subscription> OLDEST_FIRST =
            Comparator.comparing(Subscription::startedAt).thenComparing(s -> s.id().value());

    private final MemoryTable<SubscriptionId, Subscription> subscriptions;

    final SubscriptionRepository subscriptionRepository = new SubscriptionRepository() {
        public boolean insert(Subscription subscription) {
            return subscriptions.insert(subscription.id(), subscription);
        }

        public Optional<Subscription> find(SubscriptionId id) {
            return subscriptions.find(id);
        }

        public List<Subscription> findByCustomer(CustomerId customerId) {
            return subscriptions.values().stream().filter(s -> s.customerId().equals(customerId))
                    .sorted(OLDEST_FIRST).toList();
        }

        public List<Subscription> findByCustomerWallet(CustomerWalletId walletId) {
            return subscriptions.values().stream()
                    .filter(s -> s.customerWalletId().filter(walletId::equals).isPresent())
                    .sorted(OLDEST_FIRST).toList();
        }

        public List<Subscription> findDueTopUps(Instant now, int limit) {
            return subscriptions.values().stream()
                    .filter(s -> s.nextTopUpAt().filter(at -> !at.isAfter(now)).isPresent())
                    .sorted(Comparator.<Subscription, Instant>comparing(s -> s.nextTopUpAt().orElseThrow())
                            .thenComparing(s -> s.id().value()))
                    .limit(limit).toList();
        }

        public boolean advanceTopUp(SubscriptionId id, long expectedIndex, long nextIndex, Instant nextTopUpAt) {
            Subscription s = subscriptions.find(id).orElse(null);
            if (s == null || s.status() != SubscriptionStatus.ACTIVE || s.nextTopUpIndex() != expectedIndex
                    || s.nextTopUpAt().isEmpty()) {
                return false;
            }
            subscriptions.update(id, s.scheduledNext(nextIndex, nextTopUpAt));
            return true;
        }

        public boolean cancel(SubscriptionId id, Instant at) {
            Subscription s = subscriptions.find(id).orElse(null);
            if (s == null || !s.isActive()) {
                return false;
            }
            subscriptions.update(id, s.cancelled(at));
            return true;
        }

        public boolean update(Subscription changed) {
            Subscription s = subscriptions.find(changed.id()).orElse(null);
            if (s == null || s.version() != changed.version() - 1) {
                return false;
            }
            subscriptions.update(changed.id(), changed);
            return true;
        }
    };

    MemorySubscriptions(MemoryTransactions transactions) {
        subscriptions = new MemoryTable<>(transactions);
    }
}
