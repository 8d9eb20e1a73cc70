package org.plenigo.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.charge.Charge;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.charge.ChargeRepository;
import org.plenigo.core.charge.ChargeRequest;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.customer.CustomerRepository;
import org.plenigo.core.customer.PostalAddress;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.idempotency.IdempotencyRecord;
import org.plenigo.core.idempotency.IdempotencyRepository;

/** Customers, idempotency records and recorded charges. */
final class JdbcRecords {
    final CustomerRepository customers;
    final IdempotencyRepository idempotency;
    final ChargeRepository charges;

    JdbcRecords(Sql sql, Tables tables) {
        String customer = tables.of("customer");
        String record = tables.of("idempotency_record");
        String charge = tables.of("charge");

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

        charges = new ChargeRepository() {
            @Override
            public boolean insert(Charge c) {
                ChargeRequest r = c.request();
                return sql.insert("insert into " + charge + " (id, idempotency_key, customer_id, subscription_id,"
                                + " purchase_id, amount, currency, tax_type, description, charged_at)"
                                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        c.id(), r.key(), r.customerId(), r.paysFor().idOf(ChargeReference.Kind.SUBSCRIPTION),
                        r.paysFor().idOf(ChargeReference.Kind.SINGLE_PURCHASE), r.amount().amount(),
                        r.amount().currency().getCurrencyCode(), r.taxType(), r.description(), r.at());
            }

            @Override
            public Optional<Charge> findByKey(IdempotencyKey key) {
                return sql.one("select * from " + charge + " where idempotency_key = ?", JdbcRecords::charge, key);
            }

            @Override
            public List<Charge> findByCustomer(CustomerId customerId) {
                return sql.list("select * from " + charge + " where customer_id = ? order by charged_at, id",
                        JdbcRecords::charge, customerId);
            }
        };
    }

    /** A customer from the columns of its row; also used by the access check's join. */
    static Customer customer(ResultSet rs) throws SQLException {
        return new Customer(new CustomerId(rs.getString("id")), rs.getString("email"), rs.getString("name"),
                rs.getString("country"), Mapping.optionalString(rs, "vat_id"), Mapping.address(rs, "billing"),
                rs.getBoolean("blocked"));
    }

    private static Charge charge(ResultSet rs) throws SQLException {
        // a charge's row holds the id of what it pays for in the column of its kind
        Optional<String> subscriptionId = Mapping.optionalString(rs, "subscription_id");
        ChargeReference paysFor = subscriptionId.isPresent() ? ChargeReference.subscription(subscriptionId.get())
                : ChargeReference.singlePurchase(rs.getString("purchase_id"));
        return new Charge(new ChargeId(rs.getString("id")), new ChargeRequest(
                new IdempotencyKey(rs.getString("idempotency_key")), new CustomerId(rs.getString("customer_id")),
                paysFor, Mapping.money(rs, "amount", "currency"),
                TaxType.valueOf(rs.getString("tax_type")), rs.getString("description"), Sql.instant(rs, "charged_at")));
    }
}
