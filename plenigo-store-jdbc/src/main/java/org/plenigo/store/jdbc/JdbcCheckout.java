package org.plenigo.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.checkout.Order;
import org.plenigo.core.checkout.OrderId;
import org.plenigo.core.checkout.OrderLine;
import org.plenigo.core.checkout.OrderRepository;
import org.plenigo.core.checkout.OrderStatus;
import org.plenigo.core.money.Money;
import org.plenigo.core.payment.PaymentMethodId;
import org.plenigo.core.tax.TaxRate;
import org.plenigo.core.tax.TaxTreatment;
import org.plenigo.core.consent.Consent;
import org.plenigo.core.consent.ConsentId;
import org.plenigo.core.consent.ConsentQuestion;
import org.plenigo.core.consent.ConsentRepository;
import org.plenigo.core.customer.CustomerId;

/**
 * Checkout orders and consent answers. An order is one row of {@code checkout_order} plus its lines
 * and consent questions in rows of their own, numbered in order; completing it is one conditional
 * update of its status. A consent answer is one row, never updated; a generated sequence number
 * keeps the order in which answers were stored, which {@code findByCustomer} answers.
 */
final class JdbcCheckout {
    private static final String CONSENT_COLUMNS = "id, customer_id, purpose, text_shown, text_version, recorded_at,"
            + " granted, reference";

    private static final String ORDER_COLUMNS = "id, customer_id, offer_id, quantity, payment_method_id, currency,"
            + " net_amount, tax_amount, gross_amount, treatment, created_at, valid_until, status, completed_at";
    private static final String LINE_COLUMNS = "order_id, ordinal, description, tax_type, quantity, rate, net_amount,"
            + " tax_amount, gross_amount";
    private static final String QUESTION_COLUMNS = "order_id, ordinal, purpose, text_shown, text_version";

    final ConsentRepository consents;
    final OrderRepository orders;

    JdbcCheckout(Sql sql, Tables tables) {
        String order = tables.of("checkout_order");
        String orderLine = tables.of("checkout_order_line");
        String orderQuestion = tables.of("checkout_order_question");
        orders = new OrderRepository() {
            @Override
            public boolean insert(Order o) {
                Require.notNull(o, "order");
                boolean inserted = sql.insert("insert into " + order + " (" + ORDER_COLUMNS + ") values "
                                + Sql.placeholders(14), o.id(), o.customerId(), o.offerId(), o.quantity(),
                        o.paymentMethod(), o.gross().currency().getCurrencyCode(), o.net().amount(), o.tax().amount(),
                        o.gross().amount(), o.treatment(), o.createdAt(), o.validUntil(), o.status(),
                        o.completedAt());
                if (inserted) {
                    List<Object[]> lines = new ArrayList<>();
                    for (int i = 0; i < o.lines().size(); i++) {
                        OrderLine l = o.lines().get(i);
                        lines.add(new Object[]{o.id(), i, l.description(), l.taxType(), l.quantity(),
                                l.rate().percent(), l.net().amount(), l.tax().amount(), l.gross().amount()});
                    }
                    sql.batch("insert into " + orderLine + " (" + LINE_COLUMNS + ") values " + Sql.placeholders(9),
                            lines);
                    List<Object[]> questions = new ArrayList<>();
                    for (int i = 0; i < o.consentQuestions().size(); i++) {
                        ConsentQuestion q = o.consentQuestions().get(i);
                        questions.add(new Object[]{o.id(), i, q.purpose(), q.text(), q.version()});
                    }
                    sql.batch("insert into " + orderQuestion + " (" + QUESTION_COLUMNS + ") values "
                            + Sql.placeholders(5), questions);
                }
                return inserted;
            }

            @Override
            public Optional<Order> find(OrderId id) {
                Require.notNull(id, "orderId");
                Optional<OrderRow> row = sql.one("select " + ORDER_COLUMNS + " from " + order + " where id = ?",
                        JdbcCheckout::orderRow, id);
                if (row.isEmpty()) {
                    return Optional.empty();
                }
                String currency = row.get().currency();
                List<OrderLine> lines = sql.list("select " + LINE_COLUMNS + " from " + orderLine
                        + " where order_id = ? order by ordinal", rs -> new OrderLine(rs.getString("description"),
                        TaxType.valueOf(rs.getString("tax_type")), rs.getInt("quantity"),
                        new TaxRate(rs.getBigDecimal("rate")), Money.of(rs.getBigDecimal("net_amount"), currency),
                        Money.of(rs.getBigDecimal("tax_amount"), currency),
                        Money.of(rs.getBigDecimal("gross_amount"), currency)), id);
                List<ConsentQuestion> questions = sql.list("select " + QUESTION_COLUMNS + " from " + orderQuestion
                        + " where order_id = ? order by ordinal", rs -> new ConsentQuestion(rs.getString("purpose"),
                        rs.getString("text_shown"), rs.getString("text_version")), id);
                return Optional.of(row.get().order(lines, questions));
            }

            @Override
            public boolean complete(OrderId id, Instant at) {
                Require.notNull(id, "orderId");
                Require.notNull(at, "at");
                return sql.update("update " + order + " set status = ?, completed_at = ? where id = ? and status = ?",
                        OrderStatus.COMPLETED, at, id, OrderStatus.OPEN) == 1;
            }
        };
        String consent = tables.of("consent");
        consents = new ConsentRepository() {
            @Override
            public boolean insert(Consent c) {
                Require.notNull(c, "consent");
                return sql.insert("insert into " + consent + " (" + CONSENT_COLUMNS + ") values "
                                + Sql.placeholders(8), c.id(), c.customerId(), c.purpose(), c.question().text(),
                        c.question().version(), c.recordedAt(), c.granted(), c.reference());
            }

            @Override
            public Optional<Consent> find(ConsentId id) {
                Require.notNull(id, "consentId");
                return sql.one("select " + CONSENT_COLUMNS + " from " + consent + " where id = ?",
                        JdbcCheckout::consent, id);
            }

            @Override
            public List<Consent> findByCustomer(CustomerId customerId) {
                Require.notNull(customerId, "customerId");
                return sql.list("select " + CONSENT_COLUMNS + " from " + consent + " where customer_id = ?"
                        + " order by seq", JdbcCheckout::consent, customerId);
            }
        };
    }

    private static Consent consent(ResultSet rs) throws SQLException {
        return new Consent(new ConsentId(rs.getString("id")), new CustomerId(rs.getString("customer_id")),
                new ConsentQuestion(rs.getString("purpose"), rs.getString("text_shown"), rs.getString("text_version")),
                Sql.instant(rs, "recorded_at"), rs.getBoolean("granted"), Mapping.optionalString(rs, "reference"));
    }

    /** An order's own row, before its lines and questions are read. */
    private record OrderRow(OrderId id, CustomerId customerId, OfferId offerId, int quantity,
                            Optional<PaymentMethodId> paymentMethod, String currency, Money net, Money tax, Money gross,
                            TaxTreatment treatment, Instant createdAt, Instant validUntil, OrderStatus status,
                            Optional<Instant> completedAt) {
        Order order(List<OrderLine> lines, List<ConsentQuestion> questions) {
            return new Order(id, customerId, offerId, quantity, paymentMethod, lines, net, tax, gross, treatment,
                    questions, createdAt, validUntil, status, completedAt);
        }
    }

    private static OrderRow orderRow(ResultSet rs) throws SQLException {
        String currency = rs.getString("currency");
        return new OrderRow(new OrderId(rs.getString("id")), new CustomerId(rs.getString("customer_id")),
                new OfferId(rs.getString("offer_id")), rs.getInt("quantity"),
                Mapping.optionalString(rs, "payment_method_id").map(PaymentMethodId::new), currency,
                Money.of(rs.getBigDecimal("net_amount"), currency), Money.of(rs.getBigDecimal("tax_amount"), currency),
                Money.of(rs.getBigDecimal("gross_amount"), currency), TaxTreatment.valueOf(rs.getString("treatment")),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "valid_until"),
                OrderStatus.valueOf(rs.getString("status")), Optional.ofNullable(Sql.instant(rs, "completed_at")));
    }
}
