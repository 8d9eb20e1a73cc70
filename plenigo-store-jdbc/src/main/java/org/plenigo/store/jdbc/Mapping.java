package org.plenigo.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.plenigo.core.customer.PostalAddress;
import org.plenigo.core.money.Money;
import org.plenigo.core.time.Interval;
import org.plenigo.core.time.IntervalUnit;

/**
 * Column conventions shared by the repositories: an interval is a count and a unit column; money an
 * amount and a currency; a postal address a street, postal code, city and country column, all null
 * when there is none.
 */
final class Mapping {
    private Mapping() {
    }

    static Integer count(Optional<Interval> interval) {
        return interval.map(Interval::count).orElse(null);
    }

    static String unit(Optional<Interval> interval) {
        return interval.map(i -> i.unit().name()).orElse(null);
    }

    static Optional<Interval> interval(ResultSet rs, String prefix) throws SQLException {
        String unit = rs.getString(prefix + "_unit");
        return unit == null ? Optional.empty()
                : Optional.of(new Interval(rs.getInt(prefix + "_count"), IntervalUnit.valueOf(unit)));
    }

    static Money money(ResultSet rs, String amountColumn, String currencyColumn) throws SQLException {
        return Money.of(rs.getBigDecimal(amountColumn), rs.getString(currencyColumn));
    }

    static Optional<String> optionalString(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    static Optional<PostalAddress> address(ResultSet rs, String prefix) throws SQLException {
        String street = rs.getString(prefix + "_street");
        return street == null ? Optional.empty() : Optional.of(new PostalAddress(street,
                rs.getString(prefix + "_postal_code"), rs.getString(prefix + "_city"), rs.getString(prefix + "_country")));
    }
}
