package org.plenigo.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.Require;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.wallet.BalanceChange;
import org.plenigo.core.wallet.CreditLot;
import org.plenigo.core.wallet.CreditLotId;
import org.plenigo.core.wallet.CreditLotRepository;
import org.plenigo.core.wallet.CustomerWallet;
import org.plenigo.core.wallet.CustomerWalletId;
import org.plenigo.core.wallet.CustomerWalletRepository;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryId;
import org.plenigo.core.wallet.LedgerEntryType;
import org.plenigo.core.wallet.LedgerRepository;

/**
 * Customer wallets, their credit lots and their ledger. A balance changes only by one conditional
 * statement that also counts the version up and returns both, so a debit can never overdraw (the
 * {@code where balance >= ?} and a check constraint both hold the line) and every change gets its
 * ledger sequence number from the row it changed.
 */
final class JdbcWallets {
    final CustomerWalletRepository customerWallets;
    final CreditLotRepository creditLots;
    final LedgerRepository ledger;

    JdbcWallets(Sql sql, Tables tables) {
        String wallet = tables.of("customer_wallet");
        String lot = tables.of("credit_lot");
        String entry = tables.of("ledger_entry");
        String debit = sql.returning("update " + wallet
                + " set balance = balance - ?, version = version + 1 where id = ? and balance >= ?", "balance, version");
        String credit = sql.returning("update " + wallet
                + " set balance = balance + ?, version = version + 1 where id = ?", "balance, version");

        customerWallets = new CustomerWalletRepository() {
            @Override
            public boolean insert(CustomerWallet w) {
                return sql.insert("insert into " + wallet + " (id, customer_id, wallet_id, balance, version)"
                        + " values (?, ?, ?, ?, ?)", w.id(), w.customerId(), w.walletId(), w.balance(), w.version());
            }

            @Override
            public Optional<CustomerWallet> find(CustomerWalletId id) {
                return sql.one("select * from " + wallet + " where id = ?", JdbcWallets::customerWallet, id);
            }

            @Override
            public Optional<CustomerWallet> find(CustomerId customerId, WalletId walletId) {
                return sql.one("select * from " + wallet + " where customer_id = ? and wallet_id = ?",
                        JdbcWallets::customerWallet, customerId, walletId);
            }

            @Override
            public Optional<CustomerWallet> findForUpdate(CustomerWalletId id) {
                return sql.one("select * from " + wallet + " where id = ? for update", JdbcWallets::customerWallet, id);
            }

            @Override
            public BalanceChange credit(CustomerWalletId id, long credits) {
                Require.positive(credits, "credits");
                return sql.one(credit, JdbcWallets::balanceChange, credits, id)
                        .orElseThrow(() -> new NotFoundException("customer wallet", id));
            }

            @Override
            public Optional<BalanceChange> debit(CustomerWalletId id, long credits) {
                Require.positive(credits, "credits");
                return sql.one(debit, JdbcWallets::balanceChange, credits, id, credits);
            }
        };

        creditLots = new CreditLotRepository() {
            @Override
            public boolean insert(CreditLot l) {
                return sql.insert("insert into " + lot + " (id, customer_wallet_id, credits, remaining, added_at,"
                        + " expires_at) values (?, ?, ?, ?, ?, ?)", l.id(), l.customerWalletId(), l.credits(),
                        l.remaining(), l.addedAt(), l.expiresAt());
            }

            @Override
            public List<CreditLot> findOpen(CustomerWalletId customerWalletId) {
                return sql.list("select * from " + lot + " where customer_wallet_id = ? and remaining > 0"
                                + " order by case when expires_at is null then 1 else 0 end, expires_at, added_at, id",
                        JdbcWallets::creditLot, customerWalletId);
            }

            @Override
            public boolean take(CreditLotId id, long credits) {
                Require.positive(credits, "credits");
                return sql.update("update " + lot + " set remaining = remaining - ? where id = ? and remaining >= ?",
                        credits, id, credits) == 1;
            }

            @Override
            public List<CreditLot> findExpired(Instant now, int limit) {
                return sql.list("select * from " + lot + " where remaining > 0 and expires_at is not null"
                        + " and expires_at <= ? order by expires_at, added_at, id limit ?", JdbcWallets::creditLot,
                        now, limit);
            }
        };

        ledger = new LedgerRepository() {
            @Override
            public boolean insert(LedgerEntry e) {
                return sql.insert("insert into " + entry + " (id, customer_wallet_id, sequence_no, type, credits,"
                                + " balance_after, booked_at, subscription_id, idempotency_key, reference)"
                                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        e.id(), e.customerWalletId(), e.sequence(), e.type(), e.credits(), e.balanceAfter(), e.at(),
                        e.paidBy().map(ChargeReference::id), e.key(), e.reference());
            }

            @Override
            public Optional<LedgerEntry> find(LedgerEntryId id) {
                return sql.one("select * from " + entry + " where id = ?", JdbcWallets::ledgerEntry, id);
            }

            @Override
            public List<LedgerEntry> findByCustomerWallet(CustomerWalletId customerWalletId) {
                return sql.list("select * from " + entry + " where customer_wallet_id = ? order by sequence_no",
                        JdbcWallets::ledgerEntry, customerWalletId);
            }

            @Override
            public int countTopUps(ChargeReference paidBy, Instant since) {
                // only subscriptions pay for top-ups, so the column holds nothing else
                Optional<String> subscriptionId = paidBy.idOf(ChargeReference.Kind.SUBSCRIPTION);
                if (subscriptionId.isEmpty()) {
                    return 0;
                }
                return sql.one("select count(*) from " + entry + " where subscription_id = ? and type = 'TOP_UP'"
                        + " and booked_at >= ?", rs -> rs.getInt(1), subscriptionId.get(), since).orElse(0);
            }
        };
    }

    private static CustomerWallet customerWallet(ResultSet rs) throws SQLException {
        return new CustomerWallet(new CustomerWalletId(rs.getString("id")), new CustomerId(rs.getString("customer_id")),
                new WalletId(rs.getString("wallet_id")), rs.getLong("balance"), rs.getLong("version"));
    }

    private static BalanceChange balanceChange(ResultSet rs) throws SQLException {
        return new BalanceChange(rs.getLong("balance"), rs.getLong("version"));
    }

    private static CreditLot creditLot(ResultSet rs) throws SQLException {
        return new CreditLot(new CreditLotId(rs.getString("id")), new CustomerWalletId(rs.getString("customer_wallet_id")),
                rs.getLong("credits"), rs.getLong("remaining"), Sql.instant(rs, "added_at"),
                Optional.ofNullable(Sql.instant(rs, "expires_at")));
    }

    private static LedgerEntry ledgerEntry(ResultSet rs) throws SQLException {
        return new LedgerEntry(new LedgerEntryId(rs.getString("id")),
                new CustomerWalletId(rs.getString("customer_wallet_id")), rs.getLong("sequence_no"),
                LedgerEntryType.valueOf(rs.getString("type")), rs.getLong("credits"), rs.getLong("balance_after"),
                Sql.instant(rs, "booked_at"),
                Mapping.optionalString(rs, "subscription_id").map(ChargeReference::subscription),
                new IdempotencyKey(rs.getString("idempotency_key")), Mapping.optionalString(rs, "reference"));
    }
}
