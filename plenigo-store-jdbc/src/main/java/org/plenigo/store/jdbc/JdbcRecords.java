package org.plenigo.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.customer.CustomerRepository;
import org.plenigo.core.customer.PostalAddress;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.idempotency.IdempotencyRecord;
import org.plenigo.core.idempotency.IdempotencyRepository;

/** Customers and idempotency records. */
final class JdbcRecords {
    final CustomerRepository customers;
    final IdempotencyRepository idempotency;

    JdbcRecords(Sql sql, Tables tables) {
        String customer = tables.of("customer");
        String record = tables.of("idempotency_record");

        customers = new CustomerRepository() {
            @Override
            public boolean insert(Customer c) {
                Optional<PostalAddress> address = c.billingAddress();
                return sql.insert("insert into " + customer + " (id, email, name, country, vat_id, blocked,"
                                + " billing_street, billing_postal_code, billing_city, billing_country)"
                                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", c.id(), c.email(), c.name(), c.country(),
                        c.vatId(), c.blocked(), address.map(PostalAddress::street),
                        address.map(PostalAddress::postalCode), address.map(PostalAddress::city),
                        address.map(PostalAddress::country));
            }

            @Override
            public Optional<Customer> find(CustomerId id) {
                return sql.one("select * from " + customer + " where id = ?", JdbcRecords::customer, id);
            }

            @Override
            public boolean setBlocked(CustomerId id, boolean blocked) {
                return sql.update("update " + customer + " set blocked = ? where id = ?", blocked, id) == 1;
            }
        };

        idempotency = new IdempotencyRepository() {
            @Override
            public Optional<IdempotencyRecord> find(IdempotencyKey key) {
                return sql.one("select * from " + record + " where idempotency_key = ?", rs -> new IdempotencyRecord(
                        new IdempotencyKey(rs.getString("idempotency_key")), rs.getString("operation"),
                        rs.getString("fingerprint"), rs.getString("result"), Sql.instant(rs, "recorded_at")), key);
            }

            @Override
            public boolean insert(IdempotencyRecord r) {
                return sql.insert("insert into " + record + " (idempotency_key, operation, fingerprint, result,"
                        + " recorded_at) values (?, ?, ?, ?, ?)", r.key(), r.operation(), r.fingerprint(), r.result(),
                        r.recordedAt());
            }
        };
    }

    /** A customer from the columns of its row; also used by the access check's join. */
    static Customer customer(ResultSet rs) throws SQLException {
        return new Customer(new CustomerId(rs.getString("id")), rs.getString("email"), rs.getString("name"),
                rs.getString("country"), Mapping.optionalString(rs, "vat_id"), Mapping.address(rs, "billing"),
                rs.getBoolean("blocked"));
    }
}
