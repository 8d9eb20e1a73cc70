package org.plenigo.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.payment.CreditorId;
import org.plenigo.core.payment.MaskedIban;
import org.plenigo.core.payment.PaymentMethod;
import org.plenigo.core.payment.PaymentMethodDetails;
import org.plenigo.core.payment.PaymentMethodDetails.CreditCard;
import org.plenigo.core.payment.PaymentMethodDetails.Ideal;
import org.plenigo.core.payment.PaymentMethodDetails.PayPal;
import org.plenigo.core.payment.PaymentMethodDetails.SepaDirectDebit;
import org.plenigo.core.payment.PaymentMethodId;
import org.plenigo.core.payment.PaymentMethodRepository;
import org.plenigo.core.payment.PaymentMethodType;

/**
 * Customers' payment methods, one row each with the details in the columns of its type. One
 * default per customer is a unique index (on H2 a unique generated column); switching the default
 * first locks the customer's row, so that two switches run one after the other and the later one
 * clears the default the earlier one set.
 */
final class JdbcPayments implements PaymentMethodRepository {
    private static final String COLUMNS = "id, customer_id, type, is_default, added_at, provider_token, card_brand,"
            + " card_last_four, card_expiry_month, card_expiry_year, iban_country, iban_check_digits, iban_last_four,"
            + " mandate_reference, mandate_date, creditor_id, payer_email, issuer_bic";

    private final Sql sql;
    private final String table;
    private final String customer;

    JdbcPayments(Sql sql, Tables tables) {
        this.sql = sql;
        this.table = tables.of("payment_method");
        this.customer = tables.of("customer");
    }

    @Override
    public boolean insert(PaymentMethod m) {
        Require.notNull(m, "paymentMethod");
        Object[] row = new Object[18];
        row[0] = m.id();
        row[1] = m.customerId();
        row[2] = m.type();
        row[3] = m.isDefault();
        row[4] = m.addedAt();
        PaymentMethodDetails details = m.details();
        if (details instanceof CreditCard card) {
            row[5] = card.providerToken();
            row[6] = card.brand();
            row[7] = card.lastFour();
            row[8] = card.expiryMonth();
            row[9] = card.expiryYear();
        } else if (details instanceof SepaDirectDebit sepa) {
            mandate(row, sepa);
        } else if (details instanceof PayPal payPal) {
            row[5] = payPal.billingAgreementOrVaultToken();
            row[16] = payPal.payerEmail();
        } else if (details instanceof Ideal ideal) {
            ideal.mandate().ifPresent(sepa -> mandate(row, sepa));
            row[17] = ideal.issuerBic();
        }
        return sql.insert("insert into " + table + " (" + COLUMNS + ") values " + Sql.placeholders(row.length), row);
    }

    private static void mandate(Object[] row, SepaDirectDebit sepa) {
        row[5] = sepa.providerToken();
        row[10] = sepa.maskedIban().country();
        row[11] = sepa.maskedIban().checkDigits();
        row[12] = sepa.maskedIban().lastFour();
        row[13] = sepa.mandateReference();
        row[14] = sepa.mandateDate();
        row[15] = sepa.creditorId();
    }

    @Override
    public Optional<PaymentMethod> find(PaymentMethodId id) {
        Require.notNull(id, "paymentMethodId");
        return sql.one("select " + COLUMNS + " from " + table + " where id = ?", JdbcPayments::method, id);
    }

    @Override
    public List<PaymentMethod> findByCustomer(CustomerId customerId) {
        Require.notNull(customerId, "customerId");
        return sql.list("select " + COLUMNS + " from " + table + " where customer_id = ? order by added_at, id",
                JdbcPayments::method, customerId);
    }

    @Override
    public boolean makeDefault(CustomerId customerId, PaymentMethodId id) {
        Require.notNull(customerId, "customerId");
        Require.notNull(id, "paymentMethodId");
        if (sql.one("select id from " + customer + " where id = ? for update", rs -> rs.getString(1), customerId)
                .isEmpty()) {
            return false;
        }
        if (sql.one("select id from " + table + " where id = ? and customer_id = ?", rs -> rs.getString(1), id,
                customerId).isEmpty()) {
            return false;
        }
        sql.update("update " + table + " set is_default = false where customer_id = ? and is_default = true"
                + " and id <> ?", customerId, id);
        sql.update("update " + table + " set is_default = true where id = ? and is_default = false", id);
        return true;
    }

    private static PaymentMethod method(ResultSet rs) throws SQLException {
        PaymentMethodDetails details = switch (PaymentMethodType.valueOf(rs.getString("type"))) {
            case CREDIT_CARD -> new CreditCard(rs.getString("provider_token"), rs.getString("card_brand"),
                    rs.getString("card_last_four"), rs.getInt("card_expiry_month"), rs.getInt("card_expiry_year"));
            case SEPA_DIRECT_DEBIT -> mandate(rs);
            case PAYPAL -> new PayPal(rs.getString("provider_token"), rs.getString("payer_email"));
            case IDEAL -> new Ideal(Mapping.optionalString(rs, "issuer_bic"),
                    rs.getString("mandate_reference") == null ? Optional.empty() : Optional.of(mandate(rs)));
        };
        return new PaymentMethod(new PaymentMethodId(rs.getString("id")), new CustomerId(rs.getString("customer_id")),
                details, rs.getBoolean("is_default"), Sql.instant(rs, "added_at"));
    }

    private static SepaDirectDebit mandate(ResultSet rs) throws SQLException {
        return new SepaDirectDebit(new MaskedIban(rs.getString("iban_country"), rs.getString("iban_check_digits"),
                rs.getString("iban_last_four")), rs.getString("provider_token"), rs.getString("mandate_reference"),
                rs.getObject("mandate_date", LocalDate.class), new CreditorId(rs.getString("creditor_id")));
    }
}
