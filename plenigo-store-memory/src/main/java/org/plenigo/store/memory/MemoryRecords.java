package org.plenigo.store.memory;

import java.util.Optional;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.customer.CustomerRepository;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.idempotency.IdempotencyRecord;
import org.plenigo.core.idempotency.IdempotencyRepository;

/**
 * Customers and idempotency records. A customer's standing is part of the access
 * check's index, so every write of a customer has {@link MemoryAccess} index it again.
 */
final class MemoryRecords {
    private final MemoryTable<CustomerId, Customer> customers;
    private final MemoryTable<IdempotencyKey, IdempotencyRecord> idempotencyRecords;
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

    MemoryRecords(MemoryTransactions transactions, MemoryTable<CustomerId, Customer> customers, MemoryAccess access) {
        idempotencyRecords = new MemoryTable<>(transactions);
        this.customers = customers;
        this.access = access;
    }
}
