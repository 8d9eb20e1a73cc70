package org.plenigo.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.plenigo.core.Plenigo;
import org.plenigo.core.access.AccessCheck;
import org.plenigo.core.access.AccessDecision;
import org.plenigo.core.access.AccessReason;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessRightItemId;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.access.SponsorGrant;
import org.plenigo.core.access.SponsorGrantId;
import org.plenigo.core.access.VisitorId;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.MeterAlignment;
import org.plenigo.core.catalog.MeterRule;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.money.Money;
import org.plenigo.core.store.Store;
import org.plenigo.core.time.Interval;
import org.plenigo.core.time.IntervalUnit;

/**
 * The data of the access benchmarks, defined by formulas so that the in-memory store (loaded item
 * by item through its repositories) and PostgreSQL (loaded with set-based SQL) hold exactly the
 * same, and so that the answer to every check can be computed here without asking a store.
 *
 * <p>{@value #CUSTOMERS} customers {@code c-1 ..}, every hundredth blocked, each holding
 * {@value #ITEMS_PER_CUSTOMER} items (k = 0..9) of distinct rights among {@value #RIGHTS}
 * ({@code r-00 ..}, all HARD): item k of customer i is for right {@code (i + 5k) mod 50}, from a
 * source by {@code k mod 3} and in a state by {@code (7i + 13k) mod 20}: 2 in 20 ended, 1 blocked,
 * 1 starting in the future, 6 active for ever, 10 active with an end 10 to 100 days ahead. A
 * customer never holds rights {@code i + 1} and {@code i + 2} (mod 50). Offers: one per right and
 * five bundles of ten; three sponsor grants (for a domain no customer has). For the metered
 * checks one METERED right and {@value #VISITORS} visitors with a meter in the current month.
 * Lifetimes are whole seconds relative to the instant the data were made. Items of subscriptions and
 * purchases share the catalog's access right id objects, as the core grants them; each EXTERNAL item
 * has its own, as a grant through the API from a request of its own would.
 */
final class AccessData {
    static final int CUSTOMERS = 100_000;
    static final int ITEMS_PER_CUSTOMER = 10;
    static final int RIGHTS = 50;
    static final int VISITORS = 10_000;
    static final int ARTICLES = 5_000;
    /** The required rights of a granted check: those of items k = 0, 1, 2. */
    static final int GRANTED_CHECK_RIGHTS = 3;
    static final AccessRightId METERED = AccessRightId.of("metered-news");
    /** The metered right's free views per month: high enough that no run exhausts a visitor's meter. */
    static final int FREE_VIEWS = MeterRule.MAX_VIEWS;
    static final ProductContractId CONTRACT = ProductContractId.of("monthly-access");
    /** The end, in the floors' numbers, of an item without one. */
    static final long NEVER = Long.MAX_VALUE;

    private static final long DAY = 86_400;
    private static final long HOUR = 3_600;
    private static final AccessSource[] SOURCES = {AccessSource.EXTERNAL, AccessSource.TIME_BASED_SUBSCRIPTION,
            AccessSource.SINGLE_PURCHASE};

    /** The epoch second all lifetimes are relative to. */
    final long t0;
    private final AccessRightId[] rights = new AccessRightId[RIGHTS];
    private final Optional<AccessRightId>[] optionalRights;
    private final CustomerId[] customers = new CustomerId[CUSTOMERS + 1];
    private final ContentId[] articles = new ContentId[ARTICLES];

    @SuppressWarnings("unchecked")
    AccessData(Instant base) {
        this.t0 = base.getEpochSecond();
        optionalRights = new Optional[RIGHTS];
        for (int r = 0; r < RIGHTS; r++) {
            rights[r] = AccessRightId.of(rightName(r));
            optionalRights[r] = Optional.of(rights[r]);
        }
        for (int i = 1; i <= CUSTOMERS; i++) {
            customers[i] = CustomerId.of("c-" + i);
        }
        for (int a = 0; a < ARTICLES; a++) {
            articles[a] = ContentId.of("article-" + a);
        }
    }

    static String rightName(int r) {
        return String.format("r-%02d", r);
    }

    CustomerId customer(int i) {
        return customers[i];
    }

    static VisitorId visitor(int j) {
        return VisitorId.of("visitor-" + j);
    }

    static boolean customerBlocked(int i) {
        return i % 100 == 0;
    }

    static int right(int i, int k) {
        return (i + 5 * k) % RIGHTS;
    }

    static int state(int i, int k) {
        return (7 * i + 13 * k) % 20;
    }

    /** Seconds from {@link #t0} to the item's start; kept equal to {@link #START_SQL}. */
    static long startOffset(int i, int k) {
        int s = state(i, k);
        if (s <= 1) {
            return -400 * DAY - k * HOUR;
        }
        if (s == 2) {
            return -100 * DAY - k * HOUR;
        }
        if (s == 3) {
            return 30 * DAY + (i % 1000) * 60L + k * HOUR;
        }
        if (s <= 9) {
            return -200 * DAY - k * HOUR - i % 1000;
        }
        return -30 * DAY - k * HOUR;
    }

    /** Seconds from {@link #t0} to the item's end, if it has one; kept equal to {@link #END_SQL}. */
    static OptionalLong endOffset(int i, int k) {
        int s = state(i, k);
        if (s <= 1) {
            return OptionalLong.of(-35 * DAY);
        }
        if (s <= 9) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((s - 9) * 10 * DAY + ((i + k) % 1000) * 60L);
    }

    private static final String STATE_SQL = "((7 * i + 13 * k) % 20)";
    private static final String START_SQL = "case when s <= 1 then -400 * 86400 - k * 3600"
            + " when s = 2 then -100 * 86400 - k * 3600"
            + " when s = 3 then 30 * 86400 + (i % 1000) * 60 + k * 3600"
            + " when s <= 9 then -200 * 86400 - k * 3600 - i % 1000"
            + " else -30 * 86400 - k * 3600 end";
    private static final String END_SQL = "case when s <= 1 then -35 * 86400 when s <= 9 then null"
            + " else (s - 9) * 10 * 86400 + ((i + k) % 1000) * 60 end";

    Customer customerRow(int i) {
        return new Customer(customers[i], "c-" + i + "@example.org", "Reader " + i, "DE", Optional.empty(),
                customerBlocked(i));
    }

    AccessRightItem item(int i, int k) {
        OptionalLong end = endOffset(i, k);
        // subscriptions and purchases grant the catalog's own id objects; an EXTERNAL grant the ones
        // of the request that made it, each its own
        Optional<AccessRightId> right = SOURCES[k % 3] == AccessSource.EXTERNAL
                ? Optional.of(new AccessRightId(new String(rightName(right(i, k))))) : optionalRights[right(i, k)];
        return new AccessRightItem(AccessRightItemId.of("ari-" + i + "-" + k), customers[i],
                right, Optional.empty(), SOURCES[k % 3],
                Instant.ofEpochSecond(t0 + startOffset(i, k)),
                end.isPresent() ? Optional.of(Instant.ofEpochSecond(t0 + end.getAsLong())) : Optional.empty(),
                state(i, k) == 2, Optional.of("bench-" + i));
    }

    /** The rights of the granted check of customer {@code i}: those of its items 0, 1 and 2. */
    AccessRightId[] grantedRights(int i) {
        AccessRightId[] required = new AccessRightId[GRANTED_CHECK_RIGHTS];
        for (int k = 0; k < GRANTED_CHECK_RIGHTS; k++) {
            required[k] = rights[right(i, k)];
        }
        return required;
    }

    /** Two rights customer {@code i} holds no item of. */
    AccessRightId[] deniedRights(int i) {
        return new AccessRightId[] {rights[(i + 1) % RIGHTS], rights[(i + 2) % RIGHTS]};
    }

    /** The article customer {@code i} reads (the CMS's content ids, of which there are {@value #ARTICLES}). */
    ContentId article(int i) {
        return articles[i % ARTICLES];
    }

    /** The check a CMS would build for customer {@code i} reading content that requires its {@link #grantedRights}. */
    AccessCheck grantedCheck(int i) {
        return AccessCheck.of(article(i), grantedRights(i)).withCustomer(customers[i]);
    }

    AccessCheck deniedCheck(int i) {
        return AccessCheck.of(article(i), deniedRights(i)).withCustomer(customers[i]);
    }

    /**
     * The answer to a preview of content requiring {@code required} (rights only, HARD, without
     * sponsor grants for the customers' domain) for customer {@code i}, computed from the formulas by
     * the rules of {@code AccessService}, at any instant within 10 days of {@link #t0}.
     */
    AccessDecision expected(int i, AccessRightId[] required) {
        if (customerBlocked(i)) {
            return new AccessDecision(false, AccessReason.CUSTOMER_BLOCKED, OptionalInt.empty(), List.of(),
                    Optional.empty());
        }
        List<AccessRightId> wanted = Arrays.asList(required);
        List<AccessRightItem> held = new ArrayList<>();
        for (int k = 0; k < ITEMS_PER_CUSTOMER; k++) {
            OptionalLong end = endOffset(i, k);
            if (wanted.contains(rights[right(i, k)]) && (end.isEmpty() || end.getAsLong() > 0)) {
                held.add(item(i, k));
            }
        }
        held.sort(Comparator.comparing(AccessRightItem::startsAt).thenComparing(item -> item.id().value()));
        Instant now = Instant.ofEpochSecond(t0);
        AccessRightItem best = null;
        Instant nextStart = null;
        Instant blockedUntil = null;
        boolean blocked = false;
        for (AccessRightItem item : held) {
            if (item.startsAt().isAfter(now)) {
                nextStart = earlier(nextStart, item.startsAt());
            } else if (item.blocked()) {
                blocked = true;
                if (item.endsAt().isPresent()) {
                    blockedUntil = earlier(blockedUntil, item.endsAt().get());
                }
            } else if (best == null || best.endsAt().isPresent()
                    && (item.endsAt().isEmpty() || item.endsAt().get().isAfter(best.endsAt().get()))) {
                best = item;
            }
        }
        if (best != null) {
            AccessReason reason = switch (best.source()) {
                case EXTERNAL -> AccessReason.EXTERNAL;
                case TIME_BASED_SUBSCRIPTION -> AccessReason.SUBSCRIPTION;
                case SINGLE_PURCHASE -> AccessReason.SINGLE_PURCHASE;
                default -> throw new IllegalStateException("no such item in the data: " + best);
            };
            return new AccessDecision(true, reason, OptionalInt.empty(), List.of(), best.endsAt());
        }
        AccessReason reason = blocked ? AccessReason.ACCESS_BLOCKED : AccessReason.NO_ACCESS_RIGHT;
        Instant until = blocked ? earlier(blockedUntil, nextStart) : nextStart;
        return new AccessDecision(false, reason, OptionalInt.empty(), offersGranting(required),
                Optional.ofNullable(until));
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    /** The offers of {@link #createCatalog} that grant one of {@code required}, by id. */
    static List<OfferId> offersGranting(AccessRightId[] required) {
        Set<String> ids = new TreeSet<>();
        for (AccessRightId right : required) {
            if (right.equals(METERED)) {
                ids.add("o-metered");
            } else {
                int r = Integer.parseInt(right.value().substring(2));
                ids.add("o-single-" + rightName(r).substring(2));
                ids.add("o-bundle-" + r / 10);
            }
        }
        return ids.stream().map(OfferId::of).toList();
    }

    /** The granted checks' answers, by customer: the precomputed answers of the HashMap floor. */
    Map<CustomerId, AccessDecision> grantedAnswers() {
        Map<CustomerId, AccessDecision> answers = new HashMap<>(2 * CUSTOMERS);
        for (int i = 1; i <= CUSTOMERS; i++) {
            answers.put(customers[i], expected(i, grantedRights(i)));
        }
        return answers;
    }

    /** {@code instant} in microseconds since the epoch, as the floors keep instants. */
    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    /**
     * Customer {@code i}'s items as numbers, three to an item: the number of its right (that of
     * {@link #right}, with {@code 1 << 32} added when the item is blocked), its start and its end in
     * microseconds ({@link #NEVER} for none). What {@code itemsFloor} scans.
     */
    long[] itemNumbers(int i) {
        long[] numbers = new long[3 * ITEMS_PER_CUSTOMER];
        for (int k = 0; k < ITEMS_PER_CUSTOMER; k++) {
            OptionalLong end = endOffset(i, k);
            numbers[3 * k] = right(i, k) | (state(i, k) == 2 ? 1L << 32 : 0);
            numbers[3 * k + 1] = (t0 + startOffset(i, k)) * 1_000_000L;
            numbers[3 * k + 2] = end.isPresent() ? (t0 + end.getAsLong()) * 1_000_000L : NEVER;
        }
        return numbers;
    }

    /**
     * The latest end of the active, unblocked items for one of three rights at {@code at}, from
     * {@link #itemNumbers} ({@code Long.MIN_VALUE} if there is none): the end of a granted answer
     * (its {@code cacheUntil}). Stops at an item without an end: none ends later.
     */
    static long latestEnd(long[] numbers, int right0, int right1, int right2, long at) {
        long latest = Long.MIN_VALUE;
        for (int j = 0; j < numbers.length; j += 3) {
            long right = numbers[j];
            if ((right == right0 || right == right1 || right == right2) && numbers[j + 1] <= at
                    && numbers[j + 2] > at) {
                latest = Math.max(latest, numbers[j + 2]);
                if (latest == NEVER) {
                    break;
                }
            }
        }
        return latest;
    }

    /** The customers whose granted check is granted (the others are blocked or hold only unusable items). */
    int[] grantedCustomers() {
        return IntStream.rangeClosed(1, CUSTOMERS).filter(i -> expected(i, grantedRights(i)).granted())
                .toArray();
    }

    /** The customers who are not blocked: their denied check is NO_ACCESS_RIGHT. */
    static int[] unblockedCustomers() {
        return IntStream.rangeClosed(1, CUSTOMERS).filter(i -> !customerBlocked(i)).toArray();
    }

    /** Access rights, a contract, offers and sponsor grants, through the API. */
    void createCatalog(Plenigo plenigo) {
        for (AccessRightId right : rights) {
            plenigo.catalog().createAccessRight(new AccessRight(right, "Right " + right));
        }
        plenigo.catalog().createAccessRight(AccessRight.metered(METERED, "Metered news",
                new MeterRule(FREE_VIEWS, FREE_VIEWS, IntervalUnit.MONTH, MeterAlignment.CALENDAR)));
        plenigo.catalog().createProductContract(ProductContract.timeBased(CONTRACT, "Monthly access",
                Money.of("9.90", "EUR"), TaxType.DIGITAL_NEWSPAPER, Interval.months(1)));
        for (int r = 0; r < RIGHTS; r++) {
            plenigo.catalog().createOffer(Offer.timeBased(OfferId.of("o-single-" + rightName(r).substring(2)),
                    "Single right " + r, CONTRACT, Set.of(rights[r])));
        }
        for (int b = 0; b < RIGHTS / 10; b++) {
            plenigo.catalog().createOffer(Offer.timeBased(OfferId.of("o-bundle-" + b), "Bundle " + b, CONTRACT,
                    Set.copyOf(Arrays.asList(rights).subList(10 * b, 10 * b + 10))));
        }
        plenigo.catalog().createOffer(Offer.timeBased(OfferId.of("o-metered"), "Metered news", CONTRACT,
                Set.of(METERED)));
        for (int g = 0; g < 3; g++) {
            plenigo.access().createSponsorGrant(new SponsorGrant(SponsorGrantId.of("sponsor-" + g), "University " + g,
                    Set.of(rights[g], rights[g + 3]), Set.of(), Set.of("university" + g + ".example"), List.of(),
                    Set.of(), Instant.ofEpochSecond(t0 - 10 * DAY), Optional.empty(), OptionalLong.empty()));
        }
    }

    /** Customers and items through the store's repositories, in units of work of 1,000 inserts. */
    void loadMemory(Store store) {
        for (int from = 1; from <= CUSTOMERS; from += 1_000) {
            int first = from;
            store.transactions().inTransaction(() -> {
                for (int i = first; i < first + 1_000 && i <= CUSTOMERS; i++) {
                    if (!store.customers().insert(customerRow(i))) {
                        throw new IllegalStateException("customer " + i + " exists");
                    }
                }
                return null;
            });
        }
        int perUnit = 1_000 / ITEMS_PER_CUSTOMER;
        for (int from = 1; from <= CUSTOMERS; from += perUnit) {
            int first = from;
            store.transactions().inTransaction(() -> {
                for (int i = first; i < first + perUnit && i <= CUSTOMERS; i++) {
                    for (int k = 0; k < ITEMS_PER_CUSTOMER; k++) {
                        if (!store.accessRightItems().insert(item(i, k))) {
                            throw new IllegalStateException("item " + i + "/" + k + " exists");
                        }
                    }
                }
                return null;
            });
        }
    }

    /** Customers and items into the store's own tables with set-based SQL, then VACUUM ANALYZE. */
    void loadPostgres(BenchDatabase db) {
        long began = System.nanoTime();
        db.update("insert into " + db.table("customer") + " (id, email, name, country, vat_id, blocked)"
                + " select 'c-' || i, 'c-' || i || '@example.org', 'Reader ' || i, 'DE', null, i % 100 = 0"
                + " from generate_series(1, ?) i", CUSTOMERS);
        db.update("insert into " + db.table("access_right_item") + " (id, customer_id, access_right_id, content_id,"
                + " source, starts_at, ends_at, blocked, reference)"
                + " select 'ari-' || i || '-' || k, 'c-' || i, 'r-' || lpad(((i + 5 * k) % 50)::text, 2, '0'), null,"
                + " case k % 3 when 0 then 'EXTERNAL' when 1 then 'TIME_BASED_SUBSCRIPTION' else 'SINGLE_PURCHASE' end,"
                + " to_timestamp(?::bigint + " + START_SQL + "), to_timestamp(?::bigint + " + END_SQL + "),"
                + " s = 2, 'bench-' || i"
                + " from generate_series(1, ?) i cross join generate_series(0, ?) k"
                + " cross join lateral (select " + STATE_SQL + " as s) st", t0, t0, CUSTOMERS, ITEMS_PER_CUSTOMER - 1);
        long loaded = System.nanoTime();
        db.settle("customer", "access_right_item");
        System.out.printf("[data] PostgreSQL: customers and items inserted in %.1f s, vacuumed, analyzed and"
                + " checkpointed in %.1f s%n", (loaded - began) / 1e9, (System.nanoTime() - loaded) / 1e9);
    }

    /** The current calendar month in {@code zone}: the period of every visitor's meter. */
    static Instant[] currentMonth(Instant now, ZoneId zone) {
        LocalDate first = now.atZone(zone).toLocalDate().withDayOfMonth(1);
        return new Instant[] {first.atStartOfDay(zone).toInstant(), first.plusMonths(1).atStartOfDay(zone).toInstant()};
    }

    /** Visitors' meters of the METERED right in the current month: visitor j has j mod 8 views counted. */
    static void loadVisitors(BenchDatabase db, Instant now, ZoneId zone) {
        Instant[] month = currentMonth(now, zone);
        db.update("insert into " + db.table("meter") + " (reader, access_right_id, period_start, period_end, views)"
                + " select 'v:visitor-' || j, ?, ?, ?, j % 8 from generate_series(1, ?) j",
                METERED.value(), month[0], month[1], VISITORS);
        db.update("insert into " + db.table("meter_view") + " (reader, access_right_id, period_start, content_id)"
                + " select 'v:visitor-' || j, ?, ?, 'seen-' || x from generate_series(1, ?) j"
                + " cross join lateral generate_series(1, j % 8) x", METERED.value(), month[0], VISITORS);
        db.settle("meter", "meter_view");
    }

    /**
     * The raw floor of a check on PostgreSQL: the indexed SELECT of the customer and those of its
     * items that match the check and have not ended, one statement on an auto-commit connection,
     * reading every column of every row.
     */
    static final class SelectFloor {
        private final DataSource dataSource;
        private final String select;

        SelectFloor(BenchDatabase db, DataSource dataSource) {
            this.dataSource = dataSource;
            this.select = "select c.id, c.email, c.name, c.country, c.vat_id, c.blocked, i.source, i.starts_at,"
                    + " i.ends_at, i.blocked from " + db.table("customer") + " c left join "
                    + db.table("access_right_item") + " i"
                    + " on i.customer_id = c.id and (i.access_right_id in (?, ?, ?) or i.content_id in (?))"
                    + " and (i.ends_at is null or i.ends_at > ?) where c.id = ? order by i.starts_at, i.id";
        }

        /** The number of items found for the check, -1 if the customer is unknown. */
        int select(AccessCheck check, Instant now) {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(select)) {
                List<AccessRightId> required = check.requiredRights();
                for (int r = 0; r < GRANTED_CHECK_RIGHTS; r++) {
                    statement.setString(1 + r, required.get(r).value());
                }
                statement.setString(4, check.contentId().value());
                statement.setObject(5, BenchDatabase.utc(now));
                statement.setString(6, check.customerId().orElseThrow().value());
                int rows = 0;
                int items = 0;
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        rs.getString(1);
                        rs.getString(2);
                        rs.getString(3);
                        rs.getString(4);
                        rs.getString(5);
                        rs.getBoolean(6);
                        if (rs.getString(7) == null) {
                            continue;
                        }
                        items++;
                        rs.getObject(8, OffsetDateTime.class);
                        rs.getObject(9, OffsetDateTime.class);
                        rs.getBoolean(10);
                    }
                }
                return rows == 0 ? -1 : items;
            } catch (SQLException e) {
                throw new IllegalStateException("floor select failed: " + e.getMessage(), e);
            }
        }
    }
}
