package org.plenigo.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.consent.Consent;
import org.plenigo.core.consent.ConsentId;
import org.plenigo.core.consent.ConsentQuestion;
import org.plenigo.core.consent.ConsentRepository;
import org.plenigo.core.customer.CustomerId;

/**
 * Consent answers: one row each, never updated; a generated sequence number keeps the order in
 * which they were stored, which {@code findByCustomer} answers.
 */
final class JdbcCheckout {
    private static final String CONSENT_COLUMNS = "id, customer_id, purpose, text_shown, text_version, recorded_at,"
            + " granted, reference";

    final ConsentRepository consents;

    JdbcCheckout(Sql sql, Tables tables) {
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
}
