package org.plenigo.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.plenigo.core.Plenigo;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;
import org.plenigo.core.wallet.internal.CreditBook;
import org.plenigo.core.wallet.LedgerEntry;

/**
 * The data of the consumption benchmarks: one wallet definition, {@code n} customers {@code c-1 ..
 * c-n} and one hot customer {@code c-hot}, each with a customer wallet funded by one GRANT of
 * {@link #FUNDING} credits (balance, credit lot and ledger entry, as a grant writes them), loaded
 * with set-based SQL. Also the raw floor (the debit and the ledger insert over plain JDBC) and the
 * check of the books after a run.
 */
final class FundedWallets {
    static final WalletId WALLET = WalletId.of("article-credits");
    static final CustomerId HOT = CustomerId.of("c-hot");
    /** Far more than a run can spend, so that no consumption is ever refused. */
    static final long FUNDING = 10_000_000L;

    private FundedWallets() {
    }

    static CustomerId customer(int i) {
        return CustomerId.of("c-" + i);
    }

    /** The customer's wallet id as the core derives it, so that loaded rows are found by the services. */
    static String customerWalletOf(CustomerId customer) {
        return CreditBook.walletIdOf(customer, WALLET).value();
    }

    /**
     * Creates the wallet definition through the API and funds {@code customers} customers plus the hot
     * one. The credits never expire, so, as the core keeps them, they need no credit lots.
     */
    static void load(BenchDatabase db, Plenigo plenigo, int customers, Instant at) {
        plenigo.catalog().createWallet(Wallet.of(WALLET, "Article credits", Money.of("0.10", "EUR")));
        String[] customerIds = new String[customers + 1];
        String[] walletIds = new String[customers + 1];
        for (int i = 0; i <= customers; i++) {
            CustomerId customer = i == customers ? HOT : customer(i + 1);
            customerIds[i] = customer.value();
            walletIds[i] = customerWalletOf(customer);
        }
        String funded = db.table("bench_funded");
        db.update("create table " + funded + " as select * from unnest(?::text[], ?::text[]) as c(id, cw)",
                customerIds, walletIds);
        String ids = "(select id, cw from " + funded + ")";
        db.update("insert into " + db.table("customer") + " (id, email, name, country)"
                + " select id, id || '@example.org', 'Reader ' || id, 'DE' from " + ids + " c");
        db.update("insert into " + db.table("customer_wallet") + " (id, customer_id, wallet_id, balance, version)"
                + " select cw, id, ?, ?, 1 from " + ids + " c", WALLET.value(), FUNDING);
        db.update("insert into " + db.table("ledger_entry") + " (id, customer_wallet_id, sequence_no, type, credits,"
                + " balance_after, booked_at, subscription_id, idempotency_key, reference)"
                + " select 'le-grant-' || id, cw, 1, 'GRANT', ?, ?, ?, null, 'grant-' || id, 'benchmark funding'"
                + " from " + ids + " c", FUNDING, FUNDING, at);
        db.update("drop table " + funded);
        db.settle();
    }

    /** The raw floor: the store's own debit and ledger insert, in one transaction over plain JDBC. */
    static final class Floor {
        private final DataSource dataSource;
        private final String debit;
        private final String ledger;

        Floor(BenchDatabase db, DataSource dataSource) {
            this.dataSource = dataSource;
            this.debit = "update " + db.table("customer_wallet") + " set balance = balance - ?, version = version + 1"
                    + " where id = ? and balance >= ? returning balance, version";
            this.ledger = "insert into " + db.table("ledger_entry") + " (id, customer_wallet_id, sequence_no, type,"
                    + " credits, balance_after, booked_at, subscription_id, idempotency_key, reference)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing";
        }

        /** Takes one credit; returns the balance after. */
        long consumeOne(String customerWallet, String key, String reference) {
            try (Connection connection = dataSource.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                if (autoCommit) {
                    connection.setAutoCommit(false);
                }
                try {
                    long balance;
                    long version;
                    try (PreparedStatement statement = connection.prepareStatement(debit)) {
                        statement.setLong(1, 1);
                        statement.setString(2, customerWallet);
                        statement.setLong(3, 1);
                        try (ResultSet rs = statement.executeQuery()) {
                            if (!rs.next()) {
                                throw new IllegalStateException("wallet " + customerWallet + " ran dry");
                            }
                            balance = rs.getLong(1);
                            version = rs.getLong(2);
                        }
                    }
                    try (PreparedStatement statement = connection.prepareStatement(ledger)) {
                        statement.setString(1, "le-" + IdempotencyKey.uuidOf(customerWallet + "#" + version));
                        statement.setString(2, customerWallet);
                        statement.setLong(3, version);
                        statement.setString(4, "CONSUMPTION");
                        statement.setLong(5, -1);
                        statement.setLong(6, balance);
                        statement.setObject(7, BenchDatabase.utc(Instant.now()));
                        statement.setNull(8, Types.VARCHAR);
                        statement.setString(9, key);
                        statement.setString(10, reference);
                        if (statement.executeUpdate() != 1) {
                            throw new IllegalStateException("ledger entry " + version + " of " + customerWallet + " exists");
                        }
                    }
                    connection.commit();
                    return balance;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    if (autoCommit) {
                        connection.setAutoCommit(true);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("floor consumption failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Checks the books after {@code consumptions} successful consumptions of one credit each: no
     * balance below zero, every wallet's balance equal to the sum of its ledger and its version to
     * its number of entries (sequence numbers without gaps), the consumption entries adding up to
     * exactly what was consumed; for the service also the credit lots and the idempotency records.
     * A sample of wallets is read back through the API too.
     *
     * @return a one-line summary
     * @throws IllegalStateException if the books do not add up
     */
    static String verify(BenchDatabase db, Plenigo plenigo, long consumptions, boolean service, int customers) {
        List<String> problems = new ArrayList<>();
        String wallets = db.table("customer_wallet");
        String ledger = db.table("ledger_entry");
        long walletCount = db.queryLong("select count(*) from " + wallets);
        long negative = db.queryLong("select count(*) from " + wallets + " where balance < 0");
        long entries = db.queryLong("select count(*) from " + ledger + " where type = 'CONSUMPTION'");
        long consumed = -db.queryLong("select coalesce(sum(credits), 0) from " + ledger + " where type = 'CONSUMPTION'");
        long spent = walletCount * FUNDING - db.queryLong("select sum(balance) from " + wallets);
        long touched = db.queryLong("select count(*) from " + wallets + " where version > 1");
        long mismatched = db.queryLong("select count(*) from " + wallets + " w left join (select customer_wallet_id,"
                + " sum(credits) as total, count(*) as n, max(sequence_no) as last from " + ledger
                + " group by customer_wallet_id) e on e.customer_wallet_id = w.id"
                + " where w.balance <> coalesce(e.total, 0) or w.version <> coalesce(e.n, 0)"
                + " or w.version <> coalesce(e.last, 0)");
        check(problems, negative == 0, negative + " negative balances");
        check(problems, entries == consumptions, entries + " consumption entries for " + consumptions + " consumptions");
        check(problems, consumed == consumptions, consumed + " credits consumed in the ledger for " + consumptions);
        check(problems, spent == consumptions, spent + " credits gone from balances for " + consumptions);
        check(problems, mismatched == 0, mismatched + " wallets whose balance or version differs from their ledger");
        if (service) {
            long lots = db.queryLong("select count(*) from " + db.table("credit_lot"));
            long records = db.queryLong("select count(*) from " + db.table("idempotency_record")
                    + " where operation = 'wallet.consume'");
            check(problems, lots == 0, lots + " credit lots for credits that never expire");
            check(problems, records == consumptions, records + " idempotency records for " + consumptions);
        }
        Random random = new Random(42);
        List<CustomerId> sample = new ArrayList<>(List.of(HOT));
        for (int i = 0; i < 20; i++) {
            sample.add(customer(1 + random.nextInt(customers)));
        }
        for (CustomerId c : sample) {
            List<LedgerEntry> history = plenigo.wallets().ledger(c, WALLET);
            long running = 0;
            for (int i = 0; i < history.size(); i++) {
                LedgerEntry e = history.get(i);
                running += e.credits();
                check(problems, e.sequence() == i + 1 && e.balanceAfter() == running && running >= 0,
                        "ledger of " + c + " is not a gapless running sum at entry " + e.sequence());
            }
            check(problems, running == plenigo.wallets().balance(c, WALLET), "balance of " + c + " differs from its ledger");
        }
        String summary = consumptions + " consumptions on " + touched + " of " + walletCount + " wallets; "
                + negative + " negative balances, " + mismatched + " balance/ledger mismatches"
                + (service ? ", credit lots and idempotency records agree" : "") + "; " + sample.size()
                + " wallets read back through the API";
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the books do not add up: " + problems + " (" + summary + ")");
        }
        return summary;
    }

    private static void check(List<String> problems, boolean ok, String problem) {
        if (!ok && problems.size() < 20) {
            problems.add(problem);
        }
    }
}
