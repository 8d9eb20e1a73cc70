package org.plenigo.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiConsumer;
import org.plenigo.core.Require;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessRightItemId;
import org.plenigo.core.access.AccessRightItemRepository;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.access.CheckItems;
import org.plenigo.core.access.CustomerStanding;
import org.plenigo.core.access.IpRange;
import org.plenigo.core.access.Meter;
import org.plenigo.core.access.MeterReading;
import org.plenigo.core.access.MeterRepository;
import org.plenigo.core.access.SponsorGrant;
import org.plenigo.core.access.SponsorGrantId;
import org.plenigo.core.access.SponsorGrantRepository;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;

/**
 * The access repositories: the items customers hold, meters of free views, sponsor grants.
 *
 * <p>The access check reads the customer and its matching items with one statement (the customer
 * row left-joined to its items), so a check outside a unit of work is one round trip. A view is
 * counted and a sponsored reader admitted by an insert that refuses a repeat (a primary key) plus
 * one conditional update of the count ({@code where views < ?}, {@code where readers < ?}); if the
 * update finds no row to change, the row just inserted is deleted again, so neither a limit nor a
 * budget is ever exceeded and nothing is counted twice, however many nodes count at once.
 */
final class JdbcAccess {
    final AccessRightItemRepository accessRightItems;
    final MeterRepository meters;
    final SponsorGrantRepository sponsorGrants;

    private static final String ITEM_COLUMNS = "id, customer_id, access_right_id, content_id, source, starts_at,"
            + " ends_at, blocked, reference";

    JdbcAccess(Sql sql, Tables tables) {
        this.accessRightItems = new Items(sql, tables);
        this.meters = new Meters(sql, tables);
        this.sponsorGrants = new SponsorGrants(sql, tables);
    }

    private static final class Items implements AccessRightItemRepository {
        private final Sql sql;
        private final String item;
        private final String customer;

        Items(Sql sql, Tables tables) {
            this.sql = sql;
            this.item = tables.of("access_right_item");
            this.customer = tables.of("customer");
        }

        @Override
        public boolean insert(AccessRightItem i) {
            return sql.insert("insert into " + item + " (" + ITEM_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    i.id(), i.customerId(), i.accessRightId(), i.contentId(), i.source(), i.startsAt(), i.endsAt(),
                    i.blocked(), i.reference());
        }

        @Override
        public Optional<AccessRightItem> find(AccessRightItemId id) {
            return sql.one("select " + ITEM_COLUMNS + " from " + item + " where id = ?", rs -> item(rs, ""), id);
        }

        @Override
        public boolean end(AccessRightItemId id, Instant endsAt) {
            Require.notNull(endsAt, "endsAt");
            return sql.update("update " + item + " set ends_at = greatest(?, starts_at) where id = ?"
                    + " and (ends_at is null or ends_at > greatest(?, starts_at))", endsAt, id, endsAt) == 1;
        }

        @Override
        public boolean extend(AccessRightItemId id, Instant endsAt) {
            Require.notNull(endsAt, "endsAt");
            return sql.update("update " + item + " set ends_at = ? where id = ? and ends_at < ?", endsAt, id,
                    endsAt) == 1;
        }

        @Override
        public boolean setBlocked(AccessRightItemId id, boolean blocked) {
            return sql.update("update " + item + " set blocked = ? where id = ?", blocked, id) == 1;
        }

        @Override
        public List<AccessRightItem> findByCustomer(CustomerId customerId) {
            return sql.list("select " + ITEM_COLUMNS + " from " + item + " where customer_id = ?"
                    + " order by starts_at, id", rs -> item(rs, ""), customerId);
        }

        @Override
        public CheckItems findForCheck(CustomerId customerId, Collection<AccessRightId> accessRights,
                                       Collection<ContentId> contents, Instant at) {
            Require.notNull(customerId, "customerId");
            Require.notNull(accessRights, "accessRights");
            Require.notNull(contents, "contents");
            Require.notNull(at, "at");
            List<Object> params = new ArrayList<>();
            List<String> matches = new ArrayList<>();
            if (!accessRights.isEmpty()) {
                matches.add("i.access_right_id in " + Sql.placeholders(accessRights.size()));
                params.addAll(accessRights);
            }
            if (!contents.isEmpty()) {
                matches.add("i.content_id in " + Sql.placeholders(contents.size()));
                params.addAll(contents);
            }
            String match = matches.isEmpty() ? "1 = 0" : "(" + String.join(" or ", matches) + ")";
            params.add(at);
            params.add(customerId);
            String query = "select c.id, c.email, c.name, c.country, c.vat_id, c.blocked, c.billing_street,"
                    + " c.billing_postal_code, c.billing_city, c.billing_country,"
                    + " i.source as i_source, i.starts_at as i_starts_at, i.ends_at as i_ends_at, i.blocked as i_blocked"
                    + " from " + customer + " c left join " + item + " i on i.customer_id = c.id and " + match
                    + " and (i.ends_at is null or i.ends_at > ?)"
                    + " where c.id = ? order by i.starts_at, i.id";
            Customer[] found = new Customer[1];
            List<CheckItems.Item> items = new ArrayList<>();
            sql.list(query, rs -> {
                if (found[0] == null) {
                    found[0] = JdbcRecords.customer(rs);
                }
                String source = rs.getString("i_source");
                if (source != null) {
                    items.add(new CheckItems.Item(AccessSource.valueOf(source), Sql.instant(rs, "i_starts_at"),
                            Optional.ofNullable(Sql.instant(rs, "i_ends_at")), rs.getBoolean("i_blocked")));
                }
                return null;
            }, params.toArray());
            return found[0] == null ? CheckItems.UNKNOWN
                    : new CheckItems(found[0].blocked() ? CustomerStanding.BLOCKED : CustomerStanding.ACTIVE,
                    Optional.of(found[0]), items);
        }

        @Override
        public List<CustomerId> findHolders(Instant from, Instant to) {
            Require.notNull(from, "from");
            Require.notNull(to, "to");
            return sql.list("select distinct customer_id from " + item + " where starts_at < ?"
                            + " and (ends_at is null or ends_at > ?) order by customer_id",
                    rs -> new CustomerId(rs.getString(1)), to, from);
        }

        private static AccessRightItem item(ResultSet rs, String prefix) throws SQLException {
            return new AccessRightItem(new AccessRightItemId(rs.getString(prefix + "id")),
                    new CustomerId(rs.getString(prefix + "customer_id")),
                    Mapping.optionalString(rs, prefix + "access_right_id").map(AccessRightId::new),
                    Mapping.optionalString(rs, prefix + "content_id").map(ContentId::new),
                    AccessSource.valueOf(rs.getString(prefix + "source")), Sql.instant(rs, prefix + "starts_at"),
                    Optional.ofNullable(Sql.instant(rs, prefix + "ends_at")), rs.getBoolean(prefix + "blocked"),
                    Mapping.optionalString(rs, prefix + "reference"));
        }
    }

    private static final class Meters implements MeterRepository {
        private final Sql sql;
        private final String meter;
        private final String view;

        Meters(Sql sql, Tables tables) {
            this.sql = sql;
            this.meter = tables.of("meter");
            this.view = tables.of("meter_view");
        }

        @Override
        public Optional<MeterReading> read(String reader, AccessRightId accessRightId, ContentId content) {
            return sql.one("select m.reader, m.access_right_id, m.period_start, m.period_end, m.views,"
                    + " exists (select 1 from " + view + " v where v.reader = m.reader"
                    + " and v.access_right_id = m.access_right_id and v.period_start = m.period_start"
                    + " and v.content_id = ?) as viewed from " + meter + " m where m.reader = ? and m.access_right_id = ?",
                    rs -> new MeterReading(new Meter(rs.getString("reader"),
                            new AccessRightId(rs.getString("access_right_id")), Sql.instant(rs, "period_start"),
                            Sql.instant(rs, "period_end"), rs.getInt("views")), rs.getBoolean("viewed")),
                    content, reader, accessRightId);
        }

        @Override
        public boolean insert(Meter m) {
            return sql.insert("insert into " + meter + " (reader, access_right_id, period_start, period_end, views)"
                    + " values (?, ?, ?, ?, ?)", m.reader(), m.accessRightId(), m.periodStart(), m.periodEnd(), m.views());
        }

        @Override
        public boolean restart(String reader, AccessRightId accessRightId, Instant currentStart, Instant newStart,
                               Instant newEnd) {
            Require.notNull(currentStart, "currentStart");
            Require.notNull(newStart, "newStart");
            Require.notNull(newEnd, "newEnd");
            Require.that(newEnd.isAfter(newStart), "newEnd " + newEnd + " must be after newStart " + newStart);
            boolean restarted = sql.update("update " + meter + " set period_start = ?, period_end = ?, views = 0"
                    + " where reader = ? and access_right_id = ? and period_start = ?",
                    newStart, newEnd, reader, accessRightId, currentStart) == 1;
            if (restarted) {
                sql.update("delete from " + view + " where reader = ? and access_right_id = ? and period_start <> ?",
                        reader, accessRightId, newStart);
            }
            return restarted;
        }

        @Override
        public OptionalInt count(String reader, AccessRightId accessRightId, Instant periodStart, ContentId content,
                                 int limit) {
            Require.notNull(periodStart, "periodStart");
            Require.notNull(content, "content");
            Require.notNull(reader, "reader");
            Require.notNull(accessRightId, "accessRightId");
            Require.notNegative(limit, "limit");
            // the view row first: a content counted already (or being counted) stops here
            boolean viewAdded = sql.insert("insert into " + view + " (reader, access_right_id, period_start, content_id)"
                    + " select reader, access_right_id, period_start, ? from " + meter
                    + " where reader = ? and access_right_id = ? and period_start = ?",
                    content, reader, accessRightId, periodStart);
            if (!viewAdded) {
                return OptionalInt.empty();
            }
            Optional<Integer> views = sql.one(sql.returning("update " + meter + " set views = views + 1"
                    + " where reader = ? and access_right_id = ? and period_start = ? and views < ?", "views"),
                    rs -> rs.getInt(1), reader, accessRightId, periodStart, limit);
            if (views.isPresent()) {
                return OptionalInt.of(views.get());
            }
            sql.update("delete from " + view + " where reader = ? and access_right_id = ? and period_start = ?"
                    + " and content_id = ?", reader, accessRightId, periodStart, content);
            return OptionalInt.empty();
        }
    }

    private static final class SponsorGrants implements SponsorGrantRepository {
        private final Sql sql;
        private final String grant;
        private final String right;
        private final String content;
        private final String domain;
        private final String ipRange;
        private final String code;
        private final String reader;

        SponsorGrants(Sql sql, Tables tables) {
            this.sql = sql;
            this.grant = tables.of("sponsor_grant");
            this.right = tables.of("sponsor_grant_right");
            this.content = tables.of("sponsor_grant_content");
            this.domain = tables.of("sponsor_grant_domain");
            this.ipRange = tables.of("sponsor_grant_ip_range");
            this.code = tables.of("sponsor_grant_code");
            this.reader = tables.of("sponsor_reader");
        }

        @Override
        public boolean insert(SponsorGrant g) {
            boolean inserted = sql.insert("insert into " + grant + " (id, sponsor, valid_from, valid_until,"
                    + " reader_budget, readers) values (?, ?, ?, ?, ?, 0)", g.id(), g.sponsor(), g.validFrom(),
                    g.validUntil(), g.readerBudget().isPresent() ? g.readerBudget().getAsLong() : null);
            if (inserted) {
                children(right, "access_right_id", g.id(), g.accessRights());
                children(content, "content_id", g.id(), g.contents());
                children(domain, "domain", g.id(), g.emailDomains());
                children(code, "code", g.id(), g.codes());
                List<Object[]> ranges = new ArrayList<>();
                for (int i = 0; i < g.ipRanges().size(); i++) {
                    ranges.add(new Object[]{g.id(), i, g.ipRanges().get(i).toString()});
                }
                sql.batch("insert into " + ipRange + " (grant_id, ordinal, cidr) values (?, ?, ?)", ranges);
            }
            return inserted;
        }

        @Override
        public Optional<SponsorGrant> find(SponsorGrantId id) {
            return load(List.of(id)).stream().findFirst();
        }

        @Override
        public boolean endAt(SponsorGrantId id, Instant validUntil) {
            Require.notNull(id, "id");
            Require.notNull(validUntil, "validUntil");
            return sql.update("update " + grant + " set valid_until = ? where id = ? and valid_from < ?"
                    + " and (valid_until is null or valid_until > ?)", validUntil, id, validUntil, validUntil) == 1;
        }

        @Override
        public List<SponsorGrant> findFor(Collection<AccessRightId> accessRights, Collection<ContentId> contents,
                                          Instant at) {
            Require.notNull(accessRights, "accessRights");
            Require.notNull(contents, "contents");
            Require.notNull(at, "at");
            List<String> named = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            if (!accessRights.isEmpty()) {
                named.add("select grant_id from " + right + " where access_right_id in "
                        + Sql.placeholders(accessRights.size()));
                params.addAll(accessRights);
            }
            if (!contents.isEmpty()) {
                named.add("select grant_id from " + content + " where content_id in " + Sql.placeholders(contents.size()));
                params.addAll(contents);
            }
            if (named.isEmpty()) {
                return List.of();
            }
            params.add(at);
            params.add(at);
            List<SponsorGrantId> ids = sql.list("select id from " + grant + " where id in ("
                    + String.join(" union ", named) + ") and valid_from <= ? and (valid_until is null or valid_until > ?)"
                    + " order by id", rs -> new SponsorGrantId(rs.getString(1)), params.toArray());
            return load(ids);
        }

        @Override
        public long readers(SponsorGrantId id) {
            return sql.one("select readers from " + grant + " where id = ?", rs -> rs.getLong(1), id).orElse(0L);
        }

        @Override
        public boolean hasReader(SponsorGrantId id, String reader) {
            return sql.one("select 1 from " + this.reader + " where grant_id = ? and reader = ?", rs -> true, id, reader)
                    .isPresent();
        }

        @Override
        public boolean admitReader(SponsorGrantId id, String reader, long budget) {
            Require.notNull(id, "id");
            Require.maxLength(Require.notBlank(reader, "reader"), Meter.MAX_READER_LENGTH, "reader");
            Require.notNegative(budget, "budget");
            // the reader row first: a reader admitted already (or being admitted) stops here
            boolean added = sql.insert("insert into " + this.reader + " (grant_id, reader) select id, ? from " + grant
                    + " where id = ?", reader, id);
            if (!added) {
                return false;
            }
            if (sql.update("update " + grant + " set readers = readers + 1 where id = ? and readers < ?", id, budget) == 1) {
                return true;
            }
            sql.update("delete from " + this.reader + " where grant_id = ? and reader = ?", id, reader);
            return false;
        }

        private void children(String table, String column, SponsorGrantId id, Set<?> values) {
            sql.batch("insert into " + table + " (grant_id, " + column + ") values (?, ?)",
                    values.stream().map(value -> new Object[]{id, value}).toList());
        }

        /** The grants with the given ids that exist, in the given order: one statement, five more if any exists. */
        private List<SponsorGrant> load(List<SponsorGrantId> ids) {
            if (ids.isEmpty()) {
                return List.of();
            }
            record Row(String id, String sponsor, Instant validFrom, Optional<Instant> validUntil,
                       OptionalLong readerBudget) {
            }
            Map<String, Row> rows = new HashMap<>();
            sql.list("select * from " + grant + " where id in " + Sql.placeholders(ids.size()), rs -> {
                long budget = rs.getLong("reader_budget");
                OptionalLong readerBudget = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(budget);
                Row row = new Row(rs.getString("id"), rs.getString("sponsor"), Sql.instant(rs, "valid_from"),
                        Optional.ofNullable(Sql.instant(rs, "valid_until")), readerBudget);
                rows.put(row.id(), row);
                return row;
            }, ids.toArray());
            if (rows.isEmpty()) {
                return List.of();
            }
            Object[] found = rows.keySet().toArray();
            String in = " where grant_id in " + Sql.placeholders(found.length);
            Map<String, Set<AccessRightId>> rights = new HashMap<>();
            Map<String, Set<ContentId>> contents = new HashMap<>();
            Map<String, Set<String>> domains = new HashMap<>();
            Map<String, Set<String>> codes = new HashMap<>();
            Map<String, List<IpRange>> ranges = new HashMap<>();
            collect("select grant_id, access_right_id from " + right + in, found,
                    (g, v) -> rights.computeIfAbsent(g, k -> new HashSet<>()).add(new AccessRightId(v)));
            collect("select grant_id, content_id from " + content + in, found,
                    (g, v) -> contents.computeIfAbsent(g, k -> new HashSet<>()).add(new ContentId(v)));
            collect("select grant_id, domain from " + domain + in, found,
                    (g, v) -> domains.computeIfAbsent(g, k -> new HashSet<>()).add(v));
            collect("select grant_id, code from " + code + in, found,
                    (g, v) -> codes.computeIfAbsent(g, k -> new HashSet<>()).add(v));
            collect("select grant_id, cidr from " + ipRange + in + " order by grant_id, ordinal", found,
                    (g, v) -> ranges.computeIfAbsent(g, k -> new ArrayList<>()).add(IpRange.parse(v)));
            List<SponsorGrant> grants = new ArrayList<>(rows.size());
            for (SponsorGrantId id : ids) {
                Row row = rows.get(id.value());
                if (row != null) {
                    grants.add(new SponsorGrant(id, row.sponsor(), rights.getOrDefault(row.id(), Set.of()),
                            contents.getOrDefault(row.id(), Set.of()), domains.getOrDefault(row.id(), Set.of()),
                            ranges.getOrDefault(row.id(), List.of()), codes.getOrDefault(row.id(), Set.of()),
                            row.validFrom(), row.validUntil(), row.readerBudget()));
                }
            }
            return grants;
        }

        private void collect(String query, Object[] params, BiConsumer<String, String> into) {
            sql.list(query, rs -> {
                into.accept(rs.getString(1), rs.getString(2));
                return null;
            }, params);
        }
    }
}
