package org.plenigo.store.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.payment.Payment;
import org.plenigo.core.payment.PaymentMethod;
import org.plenigo.core.payment.PaymentMethodId;
import org.plenigo.core.payment.PaymentMethodRepository;
import org.plenigo.core.payment.PaymentRepository;

/**
 * Customers' payment methods and payments. Payment methods are kept by id, with each customer's
 * ids in the order they were added and the id of each customer's default; payments by id, with
 * indexes of their keys, provider references and each customer's ids, oldest first. Units of work
 * run one at a time under the store's lock, so switching the default reads and replaces both rows
 * within one, a payment's conditional update compares and replaces at once, and the undo log
 * restores every table and index when a unit of work rolls back.
 */
final class MemoryPayments {
    private final MemoryTable<PaymentMethodId, PaymentMethod> methods;
    private final MemoryTable<CustomerId, List<PaymentMethodId>> byCustomer;
    private final MemoryTable<CustomerId, PaymentMethodId> defaults;
    private final MemoryTable<ChargeId, Payment> payments;
    private final MemoryTable<IdempotencyKey, ChargeId> paymentsByKey;
    private final MemoryTable<String, ChargeId> paymentsByReference;
    private final MemoryTable<CustomerId, List<ChargeId>> paymentsByCustomer;

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

    final PaymentRepository paymentRepository = new PaymentRepository() {
        public boolean insert(Payment payment) {
            Require.notNull(payment, "payment");
            if (payments.contains(payment.id()) || paymentsByKey.contains(payment.key())
                    || payment.providerReference().map(paymentsByReference::contains).orElse(false)) {
                return false;
            }
            payments.insert(payment.id(), payment);
            paymentsByKey.insert(payment.key(), payment.id());
            payment.providerReference().ifPresent(r -> paymentsByReference.insert(r, payment.id()));
            Comparator<ChargeId> oldestFirst = Comparator.comparing((ChargeId id) -> payments.get(id).request().at())
                    .thenComparing(ChargeId::value);
            MemoryTable.addSorted(paymentsByCustomer, payment.customerId(), payment.id(), oldestFirst);
            return true;
        }

        public Optional<Payment> find(ChargeId id) {
            Require.notNull(id, "paymentId");
            return payments.find(id);
        }

        public Optional<Payment> findByKey(IdempotencyKey key) {
            Require.notNull(key, "key");
            return paymentsByKey.find(key).map(payments::get);
        }

        public Optional<Payment> findByProviderReference(String providerReference) {
            Require.notNull(providerReference, "providerReference");
            return paymentsByReference.find(providerReference).map(payments::get);
        }

        public List<Payment> findByCustomer(CustomerId customerId) {
            Require.notNull(customerId, "customerId");
            return paymentsByCustomer.find(customerId).orElse(List.of()).stream().map(payments::get).toList();
        }

        public boolean update(Payment expected, Payment updated) {
            Require.notNull(expected, "expected");
            Require.notNull(updated, "updated");
            Payment stored = payments.get(expected.id());
            if (stored == null || stored.status() != expected.status()
                    || !stored.refunded().equals(expected.refunded())) {
                return false;
            }
            payments.update(stored.id(), stored.with(updated.status(), updated.reason(), updated.refunded(),
                    updated.updatedAt()));
            return true;
        }
    };

    MemoryPayments(MemoryTransactions transactions) {
        payments = new MemoryTable<>(transactions);
        paymentsByKey = new MemoryTable<>(transactions);
        paymentsByReference = new MemoryTable<>(transactions);
        paymentsByCustomer = new MemoryTable<>(transactions);
        methods = new MemoryTable<>(transactions);
        byCustomer = new MemoryTable<>(transactions);
        defaults = new MemoryTable<>(transactions);
    }
}
