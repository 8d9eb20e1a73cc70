package org.plenigo.store.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.checkout.Order;
import org.plenigo.core.checkout.OrderId;
import org.plenigo.core.checkout.OrderRepository;
import org.plenigo.core.checkout.OrderStatus;
import org.plenigo.core.consent.Consent;
import org.plenigo.core.consent.ConsentId;
import org.plenigo.core.consent.ConsentRepository;
import org.plenigo.core.customer.CustomerId;

/**
 * Checkout orders, kept whole by id; completing one replaces its row with the completed order. And
 * consent answers, kept by id with each customer's ids in the order they were stored. Units of
 * work run one at a time under the store's lock, so the order of appending is the order of commits
 * within a customer, and the undo log takes an answer back with its unit of work.
 */
final class MemoryCheckout {
    private final MemoryTable<OrderId, Order> orders;
    private final MemoryTable<ConsentId, Consent> consents;
    private final MemoryTable<CustomerId, List<ConsentId>> consentsByCustomer;

    final ConsentRepository consentRepository = new ConsentRepository() {
        public boolean insert(Consent consent) {
            Require.notNull(consent, "consent");
            if (!consents.insert(consent.id(), consent)) {
                return false;
            }
            List<ConsentId> ids = new ArrayList<>(consentsByCustomer.find(consent.customerId()).orElse(List.of()));
            ids.add(consent.id());
            consentsByCustomer.update(consent.customerId(), List.copyOf(ids));
            return true;
        }

        public Optional<Consent> find(ConsentId id) {
            Require.notNull(id, "consentId");
            return consents.find(id);
        }

        public List<Consent> findByCustomer(CustomerId customerId) {
            Require.notNull(customerId, "customerId");
            return consentsByCustomer.find(customerId).orElse(List.of()).stream().map(consents::get).toList();
        }
    };

    final OrderRepository orderRepository = new OrderRepository() {
        public boolean insert(Order order) {
            Require.notNull(order, "order");
            return orders.insert(order.id(), order);
        }

        public Optional<Order> find(OrderId id) {
            Require.notNull(id, "orderId");
            return orders.find(id);
        }

        public boolean complete(OrderId id, Instant at) {
            Require.notNull(id, "orderId");
            Require.notNull(at, "at");
            Order order = orders.get(id);
            if (order == null || order.status() != OrderStatus.OPEN) {
                return false;
            }
            orders.update(id, order.completed(at));
            return true;
        }
    };

    MemoryCheckout(MemoryTransactions transactions) {
        orders = new MemoryTable<>(transactions);
        consents = new MemoryTable<>(transactions);
        consentsByCustomer = new MemoryTable<>(transactions);
    }
}
