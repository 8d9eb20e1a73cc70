package org.plenigo.core.access;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.internal.Context;
import org.plenigo.core.Require;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.store.Store;

/** The billable users report: the customers who held an item in a month of the publisher's calendar. */
final class BillableUsersReport {
    private final Context context;
    private final Store store;

    BillableUsersReport(Context context) {
        this.context = context;
        this.store = context.store();
    }

    BillableUsers of(YearMonth month, boolean withList) {
        Require.notNull(month, "month");
        ZoneId zone = context.zone();
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        List<CustomerId> holders = store.transactions().inTransaction(
                () -> store.accessRightItems().findHolders(from, to));
        return new BillableUsers(month, holders.size(), withList ? Optional.of(holders) : Optional.empty());
    }
}
