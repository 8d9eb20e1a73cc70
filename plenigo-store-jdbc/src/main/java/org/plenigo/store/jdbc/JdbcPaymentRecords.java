package org.plenigo.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.charge.ChargeRequest;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;
import org.plenigo.core.payment.Payment;
import org.plenigo.core.payment.PaymentMethodId;
import org.plenigo.core.payment.PaymentRepository;
import org.plenigo.core.payment.PaymentStatus;

/**
 * Customers' payments, one row each; what a payment pays for in the column of its kind. Uniqueness
 * of ids, keys and provider references is the table's constraints; a change of status is one
 * conditional update on the status and refunded amount the caller read.
 */
final class JdbcPaymentRecords implements PaymentRepository {
    private final Sql sql;
    private final String table;

    JdbcPaymentRecords(Sql sql, Tables tables) {
        this.sql = sql;
        this.table = tables.of("payment");
    }

    @Override
    public boolean insert(Payment p) {
        Require.notNull(p, "payment");
        ChargeRequest r = p.request();
        return sql.insert("insert into " + table + " (id, idempotency_key, customer_id, subscription_id, purchase_id,"
                        + " amount, currency, tax_type, description, charged_at, payment_method_id, status, reason,"
                        + " provider_reference, refunded, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.id(), r.key(), r.customerId(), r.paysFor().idOf(ChargeReference.Kind.SUBSCRIPTION),
                r.paysFor().idOf(ChargeReference.Kind.SINGLE_PURCHASE), r.amount().amount(),
                r.amount().currency().getCurrencyCode(), r.taxType(), r.description(), r.at(), p.method(), p.status(),
                p.reason(), p.providerReference(), p.refunded().amount(), p.updatedAt());
    }

    @Override
    public Optional<Payment> find(ChargeId id) {
        Require.notNull(id, "paymentId");
        return sql.one("select * from " + table + " where id = ?", JdbcPaymentRecords::payment, id);
    }

    @Override
    public Optional<Payment> findByKey(IdempotencyKey key) {
        Require.notNull(key, "key");
        return sql.one("select * from " + table + " where idempotency_key = ?", JdbcPaymentRecords::payment, key);
    }

    @Override
    public Optional<Payment> findByProviderReference(String providerReference) {
        Require.notNull(providerReference, "providerReference");
        return sql.one("select * from " + table + " where provider_reference = ?", JdbcPaymentRecords::payment,
                providerReference);
    }

    @Override
    public List<Payment> findByCustomer(CustomerId customerId) {
        Require.notNull(customerId, "customerId");
        return sql.list("select * from " + table + " where customer_id = ? order by charged_at, id",
                JdbcPaymentRecords::payment, customerId);
    }

    @Override
    public boolean update(Payment expected, Payment updated) {
        Require.notNull(expected, "expected");
        Require.notNull(updated, "updated");
        return sql.update("update " + table + " set status = ?, reason = ?, refunded = ?, updated_at = ?"
                        + " where id = ? and status = ? and refunded = ?", updated.status(), updated.reason(),
                updated.refunded().amount(), updated.updatedAt(), expected.id(), expected.status(),
                expected.refunded().amount()) == 1;
    }

    private static Payment payment(ResultSet rs) throws SQLException {
        Optional<String> subscriptionId = Mapping.optionalString(rs, "subscription_id");
        ChargeReference paysFor = subscriptionId.isPresent() ? ChargeReference.subscription(subscriptionId.get())
                : ChargeReference.singlePurchase(rs.getString("purchase_id"));
        Money amount = Mapping.money(rs, "amount", "currency");
        ChargeRequest request = new ChargeRequest(new IdempotencyKey(rs.getString("idempotency_key")),
                new CustomerId(rs.getString("customer_id")), paysFor, amount, TaxType.valueOf(rs.getString("tax_type")),
                rs.getString("description"), Sql.instant(rs, "charged_at"));
        return new Payment(new ChargeId(rs.getString("id")), request,
                Mapping.optionalString(rs, "payment_method_id").map(PaymentMethodId::new),
                PaymentStatus.valueOf(rs.getString("status")), Mapping.optionalString(rs, "reason"),
                Mapping.optionalString(rs, "provider_reference"),
                Money.of(rs.getBigDecimal("refunded"), amount.currency().getCurrencyCode()),
                Sql.instant(rs, "updated_at"));
    }
}
