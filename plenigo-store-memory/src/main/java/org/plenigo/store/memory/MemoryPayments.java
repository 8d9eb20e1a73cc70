package org.plenigo.store.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.payment.PaymentMethod;
import org.plenigo.core.payment.PaymentMethodId;
import org.plenigo.core.payment.PaymentMethodRepository;

/**
 * Customers' payment methods, kept by id, with each customer's ids in the order they were added
 * and the id of each customer's default. Units of work run one at a time under the store's lock,
 * so switching the default reads and replaces both rows within one, and the undo log restores
 * both when it rolls back.
 */
final class MemoryPayments {
    private final MemoryTable<PaymentMethodId, PaymentMethod> methods;
    private final MemoryTable<CustomerId, List<PaymentMethodId>> byCustomer;
    private final MemoryTable<CustomerId, PaymentMethodId> defaults;

    final PaymentMethodRepository paymentMethodRepository = new PaymentMethodRepository() {
        public boolean insert(PaymentMethod method) {
            Require.notNull(method, "paymentMethod");
            if (methods.contains(method.id()) || method.isDefault() && defaults.contains(method.customerId())) {
                return false;
            }
            methods.insert(method.id(), method);
            Comparator<PaymentMethodId> inOrderOfAdding = Comparator.comparing(
                    (PaymentMethodId id) -> methods.get(id).addedAt()).thenComparing(PaymentMethodId::value);
            MemoryTable.addSorted(byCustomer, method.customerId(), method.id(), inOrderOfAdding);
            if (method.isDefault()) {
                defaults.insert(method.customerId(), method.id());
            }
            return true;
        }

        public Optional<PaymentMethod> find(PaymentMethodId id) {
            Require.notNull(id, "paymentMethodId");
            return methods.find(id);
        }

        public List<PaymentMethod> findByCustomer(CustomerId customerId) {
            Require.notNull(customerId, "customerId");
            List<PaymentMethod> found = new ArrayList<>();
            byCustomer.find(customerId).orElse(List.of()).forEach(id -> found.add(methods.get(id)));
            return List.copyOf(found);
        }

        public boolean makeDefault(CustomerId customerId, PaymentMethodId id) {
            Require.notNull(customerId, "customerId");
            Require.notNull(id, "paymentMethodId");
            PaymentMethod method = methods.get(id);
            if (method == null || !method.customerId().equals(customerId)) {
                return false;
            }
            PaymentMethodId previous = defaults.get(customerId);
            if (id.equals(previous)) {
                return true;
            }
            if (previous != null) {
                methods.update(previous, methods.get(previous).withDefault(false));
            }
            methods.update(id, method.withDefault(true));
            defaults.update(customerId, id);
            return true;
        }
    };

    MemoryPayments(MemoryTransactions transactions) {
        methods = new MemoryTable<>(transactions);
        byCustomer = new MemoryTable<>(transactions);
        defaults = new MemoryTable<>(transactions);
    }
}
