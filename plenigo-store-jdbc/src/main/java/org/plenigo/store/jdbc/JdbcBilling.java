package org.plenigo.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.StorageException;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.customer.PostalAddress;
import org.plenigo.core.invoice.Invoice;
import org.plenigo.core.invoice.InvoiceId;
import org.plenigo.core.invoice.InvoiceKind;
import org.plenigo.core.invoice.InvoiceLine;
import org.plenigo.core.invoice.InvoiceNumberRepository;
import org.plenigo.core.invoice.InvoiceParty;
import org.plenigo.core.invoice.InvoicePurpose;
import org.plenigo.core.invoice.InvoiceRepository;
import org.plenigo.core.invoice.TaxSummary;
import org.plenigo.core.money.Money;
import org.plenigo.core.tax.TaxRate;
import org.plenigo.core.tax.TaxRule;
import org.plenigo.core.tax.TaxRuleId;
import org.plenigo.core.tax.TaxRuleRepository;
import org.plenigo.core.tax.TaxTreatment;

/**
 * Tax rules, invoices and the counters of invoice number series.
 *
 * <p>{@code lockRules} locks the row of {@code tax_rule_lock} for the country and tax type,
 * inserting it first if it is missing, so that two units of work writing rules for the same
 * country and tax type wait for each other even while there is no rule to lock.
 *
 * <p>An invoice is one row of {@code invoice} plus its lines and its figures per rate in rows of
 * their own, written in one unit of work and never updated. Its number is unique, and so is the
 * invoice a cancellation cancels: a second cancellation loses on that constraint. A counter is one
 * row per series, counted on by {@code update ... set counter = counter + 1} in the caller's
 * transaction: the row stays locked until it ends, so numbers never repeat, and a rollback undoes
 * the count, so they never skip. A series never counted gets its row inserted first (a second
 * writer skips the insert and waits on the row).
 */
final class JdbcBilling {
    /** Rows of {@code insertMissing} per statement on PostgreSQL, well below its limit of bound parameters. */
    private static final int RULES_PER_STATEMENT = 1000;
    private static final String RULE_COLUMNS = "id, country, tax_type, rate, valid_from, valid_until, source";
    private static final String PARTY_COLUMNS = "%1$s_name, %1$s_street, %1$s_postal_code, %1$s_city, %1$s_country,"
            + " %1$s_vat_id";

    final TaxRuleRepository taxRules;
    final InvoiceRepository invoices;
    final InvoiceNumberRepository invoiceNumbers;

    JdbcBilling(Sql sql, Tables tables, Dialect dialect) {
        String rule = tables.of("tax_rule");
        String ruleLock = tables.of("tax_rule_lock");
        String invoice = tables.of("invoice");
        String line = tables.of("invoice_line");
        String summary = tables.of("invoice_tax_summary");
        String counter = tables.of("invoice_counter");

        taxRules = new TaxRuleRepository() {
            @Override
            public List<TaxRule> lockRules(String country, TaxType taxType) {
                requireKey(country, taxType);
                sql.insert("insert into " + ruleLock + " (country, tax_type) values (?, ?)", country, taxType);
                sql.list("select country from " + ruleLock + " where country = ? and tax_type = ? for update",
                        rs -> null, country, taxType);
                return find(country, taxType);
            }

            @Override
            public boolean insert(TaxRule r) {
                Require.notNull(r, "taxRule");
                return sql.insert("insert into " + rule + " (" + RULE_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)",
                        ruleRow(r));
            }

            @Override
            public int insertMissing(Collection<TaxRule> rules) {
                Require.notNull(rules, "taxRules");
                // the first of several rules with one id is the one stored, as on the in-memory store
                Map<TaxRuleId, TaxRule> byId = new LinkedHashMap<>();
                for (TaxRule r : rules) {
                    byId.putIfAbsent(Require.notNull(r, "taxRule").id(), r);
                }
                List<Object[]> rows = byId.values().stream().map(JdbcBilling::ruleRow).toList();
                if (dialect == Dialect.POSTGRESQL) {
                    int stored = 0;
                    for (int from = 0; from < rows.size(); from += RULES_PER_STATEMENT) {
                        List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + RULES_PER_STATEMENT));
                        stored += sql.update("insert into " + rule + " (" + RULE_COLUMNS + ") values "
                                        + String.join(", ", Collections.nCopies(chunk.size(),
                                        Sql.placeholders(7))) + " on conflict do nothing",
                                chunk.stream().flatMap(Arrays::stream).toArray());
                    }
                    return stored;
                }
                // H2 has no "on conflict do nothing" outside its PostgreSQL mode; its batch counts are exact
                List<Object[]> guarded = rows.stream().map(row -> {
                    Object[] params = Arrays.copyOf(row, row.length + 1);
                    params[row.length] = row[0];
                    return params;
                }).toList();
                return sql.batch("insert into " + rule + " (" + RULE_COLUMNS + ") select cast(? as varchar(128)),"
                        + " cast(? as char(2)), cast(? as varchar(32)), cast(? as numeric(5, 2)), cast(? as date),"
                        + " cast(? as date), cast(? as varchar(500))"
                        + " where not exists (select id from " + rule + " where id = ?)", guarded);
            }

            @Override
            public boolean end(TaxRuleId id, LocalDate validUntil) {
                Require.notNull(id, "taxRuleId");
                Require.notNull(validUntil, "validUntil");
                Optional<TaxRule> found = sql.one("select " + RULE_COLUMNS + " from " + rule + " where id = ?",
                        JdbcBilling::rule, id);
                if (found.isEmpty()) {
                    return false;
                }
                found.get().endingOn(validUntil); // refuses a last day before the first, as the rule itself does
                return sql.update("update " + rule + " set valid_until = ? where id = ?", validUntil, id) == 1;
            }

            @Override
            public List<TaxRule> find(String country, TaxType taxType) {
                requireKey(country, taxType);
                return sql.list("select " + RULE_COLUMNS + " from " + rule + " where country = ? and tax_type = ?"
                        + " order by valid_from, id", JdbcBilling::rule, country, taxType);
            }

            @Override
            public List<TaxRule> findAll() {
                return sql.list("select " + RULE_COLUMNS + " from " + rule
                        + " order by country, tax_type, valid_from, id", JdbcBilling::rule);
            }
        };

        String invoiceColumns = "id, number, series, kind, purpose, customer_id, issued_at, issue_date, "
                + PARTY_COLUMNS.formatted("seller") + ", " + PARTY_COLUMNS.formatted("customer")
                + ", currency, net_amount, tax_amount, gross_amount, treatment, subscription_id, purchase_id,"
                + " charge_id, cancels";
        String lineColumns = "invoice_id, ordinal, description, tax_type, supply_from, supply_until, rate,"
                + " net_amount, tax_amount, gross_amount";
        String summaryColumns = "invoice_id, rate, net_amount, tax_amount, gross_amount";

        invoices = new InvoiceRepository() {
            @Override
            public boolean insert(Invoice i) {
                Require.notNull(i, "invoice");
                List<Object> row = new ArrayList<>(List.of(i.id(), i.number(), i.series(), i.kind(), i.purpose(),
                        i.customerId(), i.issuedAt(), i.issueDate()));
                party(row, i.seller());
                party(row, i.customer());
                row.addAll(List.of(i.gross().currency().getCurrencyCode(), i.net().amount(), i.tax().amount(),
                        i.gross().amount(), i.treatment()));
                row.add(i.paysFor().idOf(ChargeReference.Kind.SUBSCRIPTION));
                row.add(i.paysFor().idOf(ChargeReference.Kind.SINGLE_PURCHASE));
                row.add(i.charge());
                row.add(i.cancels());
                if (!sql.insert("insert into " + invoice + " (" + invoiceColumns + ") values "
                        + Sql.placeholders(row.size()), row.toArray())) {
                    // a unique constraint refused it: the id or the cancellation is an answer, the number a fault
                    boolean answered = sql.one("select count(*) from " + invoice + " where id = ? or cancels = ?",
                            rs -> rs.getLong(1) > 0, i.id(), i.cancels().map(InvoiceId::value).orElse(null))
                            .orElse(false);
                    if (answered) {
                        return false;
                    }
                    throw new StorageException("invoice number '" + i.number() + "' is taken already", null);
                }
                List<Object[]> lines = new ArrayList<>();
                for (int n = 0; n < i.lines().size(); n++) {
                    InvoiceLine l = i.lines().get(n);
                    lines.add(new Object[]{i.id(), n, l.description(), l.taxType(), l.supplyFrom(), l.supplyUntil(),
                            l.rate().percent(), l.net().amount(), l.tax().amount(), l.gross().amount()});
                }
                sql.batch("insert into " + line + " (" + lineColumns + ") values " + Sql.placeholders(10), lines);
                sql.batch("insert into " + summary + " (" + summaryColumns + ") values " + Sql.placeholders(5),
                        i.taxSummaries().stream().map(s -> new Object[]{i.id(), s.rate().percent(), s.net().amount(),
                                s.tax().amount(), s.gross().amount()}).toList());
                return true;
            }

            @Override
            public Optional<Invoice> find(InvoiceId id) {
                Require.notNull(id, "invoiceId");
                return first(read("where id = ?", id));
            }

            @Override
            public List<Invoice> findByCustomer(CustomerId customerId, int offset, int limit) {
                Require.notNull(customerId, "customerId");
                Require.notNegative(offset, "offset");
                Require.positive(limit, "limit");
                return read("where customer_id = ? order by issued_at desc, number desc limit ? offset ?",
                        customerId, limit, offset);
            }

            @Override
            public Optional<Invoice> findByCharge(ChargeId chargeId) {
                Require.notNull(chargeId, "chargeId");
                return first(read("where charge_id = ? and kind = ? order by issued_at desc, number desc limit 1",
                        chargeId, InvoiceKind.INVOICE));
            }

            @Override
            public Optional<Invoice> findCancellation(InvoiceId cancelled) {
                Require.notNull(cancelled, "invoiceId");
                return first(read("where cancels = ?", cancelled));
            }

            /**
             * The invoices the condition selects, in its order, each with its lines and figures per rate.
             * Invoices never change once written, so reading them in three statements sees each whole.
             */
            private List<Invoice> read(String condition, Object... params) {
                List<InvoiceRow> rows = sql.list("select " + invoiceColumns + " from " + invoice + " " + condition,
                        JdbcBilling::invoiceRow, params);
                if (rows.isEmpty()) {
                    return List.of();
                }
                Object[] ids = rows.stream().map(InvoiceRow::id).toArray();
                Map<String, List<InvoiceLine>> linesOf = new HashMap<>();
                Map<String, String> currencyOf = new HashMap<>();
                rows.forEach(r -> currencyOf.put(r.id(), r.currency()));
                sql.list("select " + lineColumns + " from " + line + " where invoice_id in "
                        + Sql.placeholders(ids.length) + " order by invoice_id, ordinal", rs -> {
                            String id = rs.getString("invoice_id");
                            String currency = currencyOf.get(id);
                            linesOf.computeIfAbsent(id, k -> new ArrayList<>()).add(new InvoiceLine(
                                    rs.getString("description"), TaxType.valueOf(rs.getString("tax_type")),
                                    rs.getObject("supply_from", LocalDate.class),
                                    rs.getObject("supply_until", LocalDate.class), rate(rs),
                                    money(rs, "net_amount", currency), money(rs, "tax_amount", currency),
                                    money(rs, "gross_amount", currency)));
                            return null;
                        }, ids);
                Map<String, List<TaxSummary>> summariesOf = new HashMap<>();
                sql.list("select " + summaryColumns + " from " + summary + " where invoice_id in "
                        + Sql.placeholders(ids.length) + " order by invoice_id, rate", rs -> {
                            String id = rs.getString("invoice_id");
                            String currency = currencyOf.get(id);
                            summariesOf.computeIfAbsent(id, k -> new ArrayList<>()).add(new TaxSummary(rate(rs),
                                    money(rs, "net_amount", currency), money(rs, "tax_amount", currency),
                                    money(rs, "gross_amount", currency)));
                            return null;
                        }, ids);
                return rows.stream().map(r -> r.invoice(linesOf.getOrDefault(r.id(), List.of()),
                        summariesOf.getOrDefault(r.id(), List.of()))).toList();
            }
        };

        String count = "update " + counter + " set counter = counter + 1 where series = ?";
        invoiceNumbers = seriesId -> {
            Require.id(seriesId, "seriesId");
            Optional<Long> next = sql.one(sql.returning(count, "counter"), rs -> rs.getLong(1), seriesId);
            if (next.isPresent()) {
                return next.get();
            }
            sql.insert("insert into " + counter + " (series, counter) values (?, 0)", seriesId);
            return sql.one(sql.returning(count, "counter"), rs -> rs.getLong(1), seriesId)
                    .orElseThrow(() -> new StorageException("the counter of invoice series '" + seriesId
                            + "' is missing right after it was inserted", null));
        };
    }

    private static void requireKey(String country, TaxType taxType) {
        Require.notNull(country, "country");
        Require.notNull(taxType, "taxType");
    }

    private static Object[] ruleRow(TaxRule r) {
        return new Object[]{r.id(), r.country(), r.taxType(), r.rate().percent(), r.validFrom(), r.validUntil(),
                r.source()};
    }

    private static TaxRule rule(ResultSet rs) throws SQLException {
        return new TaxRule(new TaxRuleId(rs.getString("id")), rs.getString("country"),
                TaxType.valueOf(rs.getString("tax_type")), rate(rs), rs.getObject("valid_from", LocalDate.class),
                Optional.ofNullable(rs.getObject("valid_until", LocalDate.class)), rs.getString("source"));
    }

    private static TaxRate rate(ResultSet rs) throws SQLException {
        return new TaxRate(rs.getBigDecimal("rate"));
    }

    /** An amount of the invoice's currency: lines and figures per rate keep no currency of their own. */
    private static Money money(ResultSet rs, String column, String currency) throws SQLException {
        return Money.of(rs.getBigDecimal(column), currency);
    }

    private static void party(List<Object> row, InvoiceParty p) {
        Optional<PostalAddress> address = p.address();
        row.add(p.name());
        row.add(address.map(PostalAddress::street));
        row.add(address.map(PostalAddress::postalCode));
        row.add(address.map(PostalAddress::city));
        row.add(address.map(PostalAddress::country));
        row.add(p.vatId());
    }

    private static InvoiceParty party(ResultSet rs, String prefix) throws SQLException {
        return new InvoiceParty(rs.getString(prefix + "_name"), Mapping.address(rs, prefix),
                Mapping.optionalString(rs, prefix + "_vat_id"));
    }

    private static <T> Optional<T> first(List<T> found) {
        return found.stream().findFirst();
    }

    private static InvoiceRow invoiceRow(ResultSet rs) throws SQLException {
        Optional<String> subscriptionId = Mapping.optionalString(rs, "subscription_id");
        ChargeReference paysFor = subscriptionId.isPresent() ? ChargeReference.subscription(subscriptionId.get())
                : ChargeReference.singlePurchase(rs.getString("purchase_id"));
        String currency = rs.getString("currency");
        return new InvoiceRow(rs.getString("id"), rs.getString("number"), rs.getString("series"),
                InvoiceKind.valueOf(rs.getString("kind")), InvoicePurpose.valueOf(rs.getString("purpose")),
                new CustomerId(rs.getString("customer_id")), Sql.instant(rs, "issued_at"),
                rs.getObject("issue_date", LocalDate.class), party(rs, "seller"), party(rs, "customer"), currency,
                money(rs, "net_amount", currency), money(rs, "tax_amount", currency),
                money(rs, "gross_amount", currency), TaxTreatment.valueOf(rs.getString("treatment")), paysFor,
                Mapping.optionalString(rs, "charge_id").map(ChargeId::new),
                Mapping.optionalString(rs, "cancels").map(InvoiceId::new));
    }

    /** The columns of an invoice's row, waiting for its lines and figures per rate. */
    private record InvoiceRow(String id, String number, String series, InvoiceKind kind, InvoicePurpose purpose,
                              CustomerId customerId, Instant issuedAt, LocalDate issueDate,
                              InvoiceParty seller, InvoiceParty customer, String currency, Money net, Money tax,
                              Money gross, TaxTreatment treatment, ChargeReference paysFor, Optional<ChargeId> charge,
                              Optional<InvoiceId> cancels) {
        Invoice invoice(List<InvoiceLine> lines, List<TaxSummary> summaries) {
            return new Invoice(new InvoiceId(id), number, series, kind, purpose, customerId, issuedAt, issueDate,
                    seller, customer, lines, summaries, net, tax, gross, treatment, paysFor, charge, cancels);
        }
    }
}
