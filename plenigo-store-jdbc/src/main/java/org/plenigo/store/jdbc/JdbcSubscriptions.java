package org.plenigo.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.TopUpType;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.payment.PaymentMethodId;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionId;
import org.plenigo.core.subscription.SubscriptionRepository;
import org.plenigo.core.subscription.SubscriptionStatus;
import org.plenigo.core.wallet.CustomerWalletId;

/** Subscriptions; the time-based schedule moves on only by a conditional update. */
final class JdbcSubscriptions implements SubscriptionRepository {
    private final Sql sql;
    private final String table;

    JdbcSubscriptions(Sql sql, Tables tables) {
        this.sql = sql;
        this.table = tables.of("subscription");
    }

    @Override
    public boolean insert(Subscription s) {
        return sql.insert("insert into " + table + " (id, customer_id, offer_id, status, started_at, cancelled_at,"
                        + " customer_wallet_id, top_up_type, next_top_up_index, next_top_up_at, payment_method_id,"
                        + " paid_until, unpaid_since, ends_at, version)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.id(), s.customerId(), s.offerId(), s.status(), s.startedAt(), s.cancelledAt(), s.customerWalletId(),
                s.topUpType(), s.nextTopUpIndex(), s.nextTopUpAt(), s.paymentMethodId(), s.paidUntil(),
                s.unpaidSince(), s.endsAt(), s.version());
    }

    @Override
    public Optional<Subscription> find(SubscriptionId id) {
        return sql.one("select * from " + table + " where id = ?", JdbcSubscriptions::subscription, id);
    }

    @Override
    public List<Subscription> findByCustomer(CustomerId customerId) {
        return sql.list("select * from " + table + " where customer_id = ? order by started_at, id",
                JdbcSubscriptions::subscription, customerId);
    }

    @Override
    public List<Subscription> findByCustomerWallet(CustomerWalletId customerWalletId) {
        return sql.list("select * from " + table + " where customer_wallet_id = ? order by started_at, id",
                JdbcSubscriptions::subscription, customerWalletId);
    }

    @Override
    public List<Subscription> findDueTopUps(Instant now, int limit) {
        return sql.list("select * from " + table + " where next_top_up_at is not null and next_top_up_at <= ?"
                + " order by next_top_up_at, id limit ?", JdbcSubscriptions::subscription, now, limit);
    }

    @Override
    public boolean advanceTopUp(SubscriptionId id, long expectedIndex, long nextIndex, Instant nextTopUpAt) {
        return sql.update("update " + table + " set next_top_up_index = ?, next_top_up_at = ?, version = version + 1"
                        + " where id = ?"
                        + " and status = 'ACTIVE' and next_top_up_index = ? and next_top_up_at is not null",
                nextIndex, nextTopUpAt, id, expectedIndex) == 1;
    }

    @Override
    public boolean cancel(SubscriptionId id, Instant at) {
        return sql.update("update " + table + " set status = 'CANCELLED', cancelled_at = ?, next_top_up_at = null,"
                + " ends_at = null, version = version + 1 where id = ? and status = 'ACTIVE'", at, id) == 1;
    }

    @Override
    public boolean update(Subscription s) {
        return sql.update("update " + table + " set status = ?, cancelled_at = ?, next_top_up_index = ?,"
                        + " next_top_up_at = ?, payment_method_id = ?, paid_until = ?, unpaid_since = ?, ends_at = ?,"
                        + " version = ? where id = ? and version = ?",
                s.status(), s.cancelledAt(), s.nextTopUpIndex(), s.nextTopUpAt(), s.paymentMethodId(), s.paidUntil(),
                s.unpaidSince(), s.endsAt(), s.version(), s.id(), s.version() - 1) == 1;
    }

    private static Subscription subscription(ResultSet rs) throws SQLException {
        return new Subscription(new SubscriptionId(rs.getString("id")), new CustomerId(rs.getString("customer_id")),
                new OfferId(rs.getString("offer_id")), SubscriptionStatus.valueOf(rs.getString("status")),
                Sql.instant(rs, "started_at"), Optional.ofNullable(Sql.instant(rs, "cancelled_at")),
                Mapping.optionalString(rs, "customer_wallet_id").map(CustomerWalletId::new),
                Mapping.optionalString(rs, "top_up_type").map(TopUpType::valueOf), rs.getLong("next_top_up_index"),
                Optional.ofNullable(Sql.instant(rs, "next_top_up_at")),
                Mapping.optionalString(rs, "payment_method_id").map(PaymentMethodId::new),
                Optional.ofNullable(Sql.instant(rs, "paid_until")), Optional.ofNullable(Sql.instant(rs, "unpaid_since")),
                Optional.ofNullable(Sql.instant(rs, "ends_at")), rs.getLong("version"));
    }
}
