package org.plenigo.store.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.plenigo.core.charge.Charge;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.ChargeRepository;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.customer.CustomerRepository;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.idempotency.IdempotencyRecord;
import org.plenigo.core.idempotency.IdempotencyRepository;

/**
 * Customers, idempotency records and recorded charges. A customer's standing is part of the access
 * check's index, so every write of a customer has {@link MemoryAccess} index it again.
 */
final class MemoryRecords {
    private final MemoryTable<CustomerId, Customer> customers;
    private final MemoryTable<IdempotencyKey, IdempotencyRecord> idempotencyRecords;
    private final MemoryTable<ChargeId, Charge> chargeRows;
    private final MemoryTable<IdempotencyKey, ChargeId> chargesByKey;
    private final MemoryAccess access;

    final CustomerRepository customerRepository = new CustomerRepository() {
        public boolean insert(Customer customer) {
            if (!customers.insert(customer.id(), customer)) {
                return false;
            }
            access.indexChecks(customer.id());
            return true;
        }

        public Optional<Customer> find(CustomerId id) {
            return customers.find(id);
        }

        public boolean setBlocked(CustomerId id, boolean blocked) {
            Customer customer = customers.get(id);
            if (customer == null) {
                return false;
            }
            if (customer.blocked() != blocked) {
                Customer changed = customer.withBlocked(blocked);
                customers.update(id, changed);
                access.indexChecks(id);
            }
            return true;
        }
    };

    final IdempotencyRepository idempotencyRepository = new IdempotencyRepository() {
        public Optional<IdempotencyRecord> find(IdempotencyKey key) {
            return idempotencyRecords.find(key);
        }

        public boolean insert(IdempotencyRecord record) {
            return idempotencyRecords.insert(record.key(), record);
        }
    };

    final ChargeRepository chargeRepository = new ChargeRepository() {
        public boolean insert(Charge charge) {
            if (chargeRows.contains(charge.id()) || chargesByKey.contains(charge.request().key())) {
                return false;
            }
            chargeRows.insert(charge.id(), charge);
            chargesByKey.insert(charge.request().key(), charge.id());
            return true;
        }

        public Optional<Charge> findByKey(IdempotencyKey key) {
            return chargesByKey.find(key).flatMap(chargeRows::find);
        }

        public List<Charge> findByCustomer(CustomerId customerId) {
            Stream<Charge> charges = chargeRows.values().stream()
                    .filter(c -> c.request().customerId().equals(customerId));
            return charges.sorted(Comparator.<Charge, Instant>comparing(c -> c.request().at())
                    .thenComparing(c -> c.id().value())).toList();
        }
    };

    MemoryRecords(MemoryTransactions transactions, MemoryTable<CustomerId, Customer> customers, MemoryAccess access) {
        idempotencyRecords = new MemoryTable<>(transactions);
        chargeRows = new MemoryTable<>(transactions);
        chargesByKey = new MemoryTable<>(transactions);
        this.customers = customers;
        this.access = access;
    }
}
