package org.plenigo.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenigo.store.tck.StoreContractSupport.SELLER;
import static org.quicktheories.QuickTheory.qt;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.plenigo.core.Plenigo;
import org.plenigo.core.access.AccessCheck;
import org.plenigo.core.access.AccessDecision;
import org.plenigo.core.access.AccessReason;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessRightItemId;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.access.IpRange;
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
import org.plenigo.core.time.Interval;
import org.plenigo.core.time.IntervalUnit;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.plenigo.store.tck.MutableClock;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * Random catalogs (HARD and METERED rights, offers), customers (blocked or not), access right items
 * (every source, for a right or for a content, started or not, ended or not, blocked or not) and
 * sponsor grants (by email domain, IP range or code, with or without a budget of readers), then a
 * random run of checks, previews, blocks and revokes while the clock moves on over days, weeks and
 * months in Europe/Berlin, across a clock change: every decision of the in-memory store (granted,
 * reason, free views left, offers, cacheUntil) equals that of {@link Rules}, a plain evaluation of
 * the documented rules (docs/access.md) that keeps its own meters and sponsor readers.
 */
class AccessCheckPropertiesTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Saturday evening before the spring clock change, two days before the month ends. */
    private static final Instant T0 = Instant.parse("2025-03-29T20:00:00Z");
    private static final int RIGHTS = 4;
    private static final int CONTENTS = 5;
    /** Customers c0 to c2 are registered, c3 never is. */
    private static final int CUSTOMERS = 4;
    private static final List<String> EMAIL_DOMAINS = List.of("a.example", "x.a.example", "b.example", "other.example");
    /** Those a grant can name; other.example never matches. */
    private static final List<String> GRANT_DOMAINS = List.of("a.example", "x.a.example", "b.example");
    private static final List<String> IPS = List.of("10.0.0.1", "10.0.1.7", "10.1.0.1", "192.0.2.1");
    private static final List<String> RANGES = List.of("10.0.0.0/16", "10.0.1.0/24", "192.0.2.1/32", "10.0.0.0/8");
    /** Those a grant can name; the last is presented but never granted. */
    private static final List<String> CODES = List.of("CODE-1", "CODE-2", "WRONG-1");

    private record RightSpec(Optional<MeterRule> meter) {
    }

    /** @param rights a bit mask over the rights (taken modulo their number, at least one) */
    private record OfferSpec(int rights) {
    }

    private record CustomerSpec(int emailDomain, boolean blocked) {
    }

    /** @param target the content, or the right (modulo the number of rights); lengths in minutes */
    private record ItemSpec(int customer, boolean forContent, int target, AccessSource source, long startMinute,
                            Optional<Long> lengthMinutes, boolean blocked) {
    }

    /** The sets are bit masks over the pools; an empty pair is filled with the first of its pool. */
    private record GrantSpec(int rights, int contents, int domains, int ranges, int codes, long fromMinute,
                             Optional<Long> lengthMinutes, OptionalLong budget) {
    }

    /** @param rights indices of the required rights (modulo their number), repeats included */
    private record CheckSpec(int content, int partOf, List<Integer> rights, Optional<Integer> customer,
                             Optional<Integer> visitor, Optional<Integer> ip, Optional<Integer> code,
                             boolean exempt) {
    }

    private enum Kind { CHECK, PREVIEW, BLOCK_ITEM, UNBLOCK_ITEM, REVOKE_ITEM, BLOCK_CUSTOMER, UNBLOCK_CUSTOMER }

    /** Moves the clock on by {@code advanceNanos}, then does {@code kind} to item or customer {@code target}. */
    private record Step(long advanceNanos, Kind kind, int target, CheckSpec check) {
    }

    private record Scenario(List<RightSpec> rights, List<OfferSpec> offers, List<CustomerSpec> customers,
                            List<ItemSpec> items, List<GrantSpec> grants, List<Step> steps) {
    }

    @Test
    void everyDecisionIsTheOneThePlainRulesGive() {
        qt().withExamples(400).withShrinkCycles(300)
                .forAll(scenarios())
                .checkAssert(scenario -> new Run(scenario).execute());
    }

    // ----- generators -----

    private static Gen<Scenario> scenarios() {
        return in -> new Scenario(list(in, 1, RIGHTS, AccessCheckPropertiesTest::right),
                list(in, 0, 4, i -> new OfferSpec(between(i, 1, 15))),
                list(in, CUSTOMERS - 1, CUSTOMERS - 1, i -> new CustomerSpec(between(i, 0, EMAIL_DOMAINS.size() - 1),
                        between(i, 0, 5) == 0)),
                list(in, 0, 16, AccessCheckPropertiesTest::item),
                list(in, 0, 3, AccessCheckPropertiesTest::grant),
                list(in, 1, 40, AccessCheckPropertiesTest::step));
    }

    private static RightSpec right(RandomnessSource in) {
        if (between(in, 0, 2) == 0) {
            return new RightSpec(Optional.empty());
        }
        return new RightSpec(Optional.of(new MeterRule(between(in, 0, 3), between(in, 0, 3),
                Generate.enumValues(IntervalUnit.class).generate(in),
                Generate.enumValues(MeterAlignment.class).generate(in))));
    }

    private static ItemSpec item(RandomnessSource in) {
        boolean forContent = between(in, 0, 2) == 0;
        return new ItemSpec(between(in, 0, CUSTOMERS - 2), forContent, between(in, 0, CONTENTS - 1),
                Generate.enumValues(AccessSource.class).generate(in), longBetween(in, -3 * 1440, 10 * 1440),
                optional(in, () -> between(in, 0, 4) == 0 ? 0L : longBetween(in, 1, 14 * 1440)), between(in, 0, 3) == 0);
    }

    private static GrantSpec grant(RandomnessSource in) {
        return new GrantSpec(between(in, 0, 15), between(in, 0, 31), between(in, 0, 7), between(in, 0, 15),
                between(in, 0, 3), longBetween(in, -3 * 1440, 10 * 1440),
                optional(in, () -> longBetween(in, 1, 14 * 1440)),
                between(in, 0, 1) == 0 ? OptionalLong.empty() : OptionalLong.of(between(in, 1, 2)));
    }

    private static Step step(RandomnessSource in) {
        long advance = switch (between(in, 0, 3)) {
            case 0 -> 0;
            case 1 -> longBetween(in, 0, 1_000_000);
            case 2 -> longBetween(in, 0, Duration.ofHours(6).toNanos());
            default -> longBetween(in, 0, Duration.ofDays(3).toNanos());
        };
        Kind kind = switch (between(in, 0, 19)) {
            case 0, 1, 2, 3, 4, 5, 6, 7, 8 -> Kind.CHECK;
            case 9, 10, 11, 12 -> Kind.PREVIEW;
            case 13, 14 -> Kind.BLOCK_ITEM;
            case 15 -> Kind.UNBLOCK_ITEM;
            case 16, 17 -> Kind.REVOKE_ITEM;
            case 18 -> Kind.BLOCK_CUSTOMER;
            default -> Kind.UNBLOCK_CUSTOMER;
        };
        return new Step(advance, kind, between(in, 0, 20), check(in));
    }

    private static CheckSpec check(RandomnessSource in) {
        return new CheckSpec(between(in, 0, CONTENTS - 1), between(in, 0, 2) == 0 ? between(in, 0, 31) : 0,
                between(in, 0, 7) == 0 ? List.of() : list(in, 1, 3, i -> between(i, 0, RIGHTS - 1)),
                between(in, 0, 2) == 0 ? Optional.empty()
                        : Optional.of(between(in, 0, 7) == 0 ? CUSTOMERS - 1 : between(in, 0, CUSTOMERS - 2)),
                optional(in, () -> between(in, 0, 1)),
                optional(in, () -> between(in, 0, IPS.size() - 1)), optional(in, () -> between(in, 0, CODES.size() - 1)),
                between(in, 0, 4) == 0);
    }

    private static int between(RandomnessSource in, int min, int max) {
        return Generate.range(min, max).generate(in);
    }

    private static long longBetween(RandomnessSource in, long min, long max) {
        return Generate.longRange(min, max).generate(in);
    }

    private static <T> Optional<T> optional(RandomnessSource in, Supplier<T> value) {
        return between(in, 0, 1) == 0 ? Optional.empty() : Optional.of(value.get());
    }

    private static <T> List<T> list(RandomnessSource in, int min, int max, Gen<T> element) {
        int size = between(in, min, max);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.generate(in));
        }
        return list;
    }

    // ----- names -----

    private static AccessRightId rightId(int i) {
        return AccessRightId.of("r" + i);
    }

    private static ContentId contentId(int i) {
        return ContentId.of("content-" + i);
    }

    private static CustomerId customerId(int i) {
        return CustomerId.of("c" + i);
    }

    private static <T> Set<T> pick(int mask, List<T> pool) {
        Set<T> picked = new LinkedHashSet<>();
        for (int i = 0; i < pool.size(); i++) {
            if ((mask & 1 << i) != 0) {
                picked.add(pool.get(i));
            }
        }
        return picked;
    }

    private static List<ContentId> contents() {
        List<ContentId> contents = new ArrayList<>();
        for (int i = 0; i < CONTENTS; i++) {
            contents.add(contentId(i));
        }
        return contents;
    }

    /** One scenario on a fresh in-memory store, and the same on {@link Rules}. */
    private static final class Run {
        private final Scenario scenario;
        private final MutableClock clock = MutableClock.at(T0, BERLIN);
        private final MemoryStore store = new MemoryStore();
        private final Plenigo plenigo = Plenigo.builder().seller(SELLER).store(store).clock(clock)
                .paymentProvider(new SimulatedPaymentProvider()).build();
        private final Rules rules = new Rules();
        private final List<AccessRightId> rights = new ArrayList<>();
        private final List<AccessRightItemId> itemIds = new ArrayList<>();

        Run(Scenario scenario) {
            this.scenario = scenario;
        }

        void execute() {
            setUp();
            for (int s = 0; s < scenario.steps().size(); s++) {
                Step step = scenario.steps().get(s);
                clock.advance(Duration.ofNanos(step.advanceNanos()));
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                switch (step.kind()) {
                    case CHECK, PREVIEW -> {
                        AccessCheck check = check(step.check());
                        boolean counting = step.kind() == Kind.CHECK;
                        AccessDecision actual = counting ? plenigo.access().check(check) : plenigo.access().preview(check);
                        assertThat(actual).as("step %d at %s: %s of %s", s, now, step.kind(), check)
                                .isEqualTo(rules.decide(check, now, counting));
                    }
                    case BLOCK_ITEM, UNBLOCK_ITEM -> {
                        if (!itemIds.isEmpty()) {
                            AccessRightItemId id = itemIds.get(step.target() % itemIds.size());
                            boolean blocked = step.kind() == Kind.BLOCK_ITEM;
                            if (blocked) {
                                plenigo.access().block(id);
                            } else {
                                plenigo.access().unblock(id);
                            }
                            rules.items.get(id).blocked = blocked;
                        }
                    }
                    case REVOKE_ITEM -> {
                        if (!itemIds.isEmpty()) {
                            AccessRightItemId id = itemIds.get(step.target() % itemIds.size());
                            plenigo.access().revoke(id);
                            rules.items.get(id).revoke(now);
                        }
                    }
                    case BLOCK_CUSTOMER, UNBLOCK_CUSTOMER -> {
                        CustomerId id = customerId(step.target() % (CUSTOMERS - 1));
                        boolean blocked = step.kind() == Kind.BLOCK_CUSTOMER;
                        if (blocked) {
                            plenigo.access().blockCustomer(id);
                        } else {
                            plenigo.access().unblockCustomer(id);
                        }
                        rules.customers.get(id).blocked = blocked;
                    }
                }
            }
        }

        private void setUp() {
            for (int i = 0; i < scenario.rights().size(); i++) {
                AccessRight right = new AccessRight(rightId(i), "Right " + i, scenario.rights().get(i).meter());
                plenigo.catalog().createAccessRight(right);
                rights.add(right.id());
                rules.rights.put(right.id(), right);
            }
            ProductContractId monthly = ProductContractId.of("monthly");
            plenigo.catalog().createProductContract(ProductContract.timeBased(monthly, "Monthly", Money.of("9.99", "EUR"),
                    TaxType.DIGITAL_NEWSPAPER, Interval.months(1)));
            for (int i = 0; i < scenario.offers().size(); i++) {
                Set<AccessRightId> granted = new HashSet<>();
                for (int bit = 0; bit < RIGHTS; bit++) {
                    if ((scenario.offers().get(i).rights() & 1 << bit) != 0) {
                        granted.add(rights.get(bit % rights.size()));
                    }
                }
                Offer offer = Offer.timeBased(OfferId.of("o" + i), "Offer " + i, monthly, granted);
                plenigo.catalog().createOffer(offer);
                rules.offers.put(offer.id(), granted);
            }
            for (int i = 0; i < scenario.customers().size(); i++) {
                CustomerSpec spec = scenario.customers().get(i);
                String email = "reader" + i + "@" + EMAIL_DOMAINS.get(spec.emailDomain());
                plenigo.customers().register(Customer.of(customerId(i), email, "Reader " + i, "DE")
                        .withBlocked(spec.blocked()));
                rules.customers.put(customerId(i), new CustomerState(email, spec.blocked()));
            }
            for (int i = 0; i < scenario.items().size(); i++) {
                ItemSpec spec = scenario.items().get(i);
                Instant start = T0.plus(Duration.ofMinutes(spec.startMinute()));
                Optional<Instant> end = spec.lengthMinutes().map(length -> start.plus(Duration.ofMinutes(length)));
                AccessRightItemId id = new AccessRightItemId(String.format(Locale.ROOT, "item-%02d", i));
                AccessRightItem item = new AccessRightItem(id, customerId(spec.customer()),
                        spec.forContent() ? Optional.empty() : Optional.of(rights.get(spec.target() % rights.size())),
                        spec.forContent() ? Optional.of(contentId(spec.target())) : Optional.empty(), spec.source(),
                        start, end, spec.blocked(), Optional.empty());
                store.transactions().inTransaction(() -> store.accessRightItems().insert(item));
                itemIds.add(id);
                rules.items.put(id, new ItemState(item));
            }
            for (int i = 0; i < scenario.grants().size(); i++) {
                GrantSpec spec = scenario.grants().get(i);
                Set<AccessRightId> grantRights = new HashSet<>();
                for (int bit = 0; bit < RIGHTS; bit++) {
                    if ((spec.rights() & 1 << bit) != 0) {
                        grantRights.add(rights.get(bit % rights.size()));
                    }
                }
                Set<ContentId> grantContents = pick(spec.contents(), contents());
                if (grantRights.isEmpty() && grantContents.isEmpty()) {
                    grantRights.add(rights.get(0));
                }
                Set<String> codes = pick(spec.codes(), CODES.subList(0, 2));
                Set<String> domains = pick(spec.domains(), GRANT_DOMAINS);
                List<IpRange> ranges = pick(spec.ranges(), RANGES).stream().map(IpRange::parse).toList();
                if (codes.isEmpty() && domains.isEmpty() && ranges.isEmpty()) {
                    codes.add(CODES.get(0));
                }
                Instant from = T0.plus(Duration.ofMinutes(spec.fromMinute()));
                SponsorGrant grant = new SponsorGrant(SponsorGrantId.of("g" + i), "Sponsor " + i, grantRights,
                        grantContents, domains, ranges, codes, from,
                        spec.lengthMinutes().map(length -> from.plus(Duration.ofMinutes(length))), spec.budget());
                plenigo.access().createSponsorGrant(grant);
                rules.grants.put(grant.id().value(), grant);
            }
        }

        private AccessCheck check(CheckSpec spec) {
            List<AccessRightId> required = spec.rights().stream().map(r -> rights.get(r % rights.size())).toList();
            AccessCheck check = new AccessCheck(contentId(spec.content()), required, pick(spec.partOf(), contents()),
                    spec.customer().map(AccessCheckPropertiesTest::customerId),
                    spec.visitor().map(v -> VisitorId.of("visitor-" + v)), Optional.empty(),
                    spec.code().map(CODES::get), spec.exempt());
            return spec.ip().isPresent() ? check.withIpAddress(IPS.get(spec.ip().get())) : check;
        }
    }

    private static final class CustomerState {
        final String email;
        boolean blocked;

        CustomerState(String email, boolean blocked) {
            this.email = email;
            this.blocked = blocked;
        }
    }

    private static final class ItemState {
        final AccessRightItem item;
        Optional<Instant> end;
        boolean blocked;

        ItemState(AccessRightItem item) {
            this.item = item;
            this.end = item.endsAt();
            this.blocked = item.blocked();
        }

        Instant start() {
            return item.startsAt();
        }

        boolean activeAt(Instant now) {
            return !start().isAfter(now) && (end.isEmpty() || now.isBefore(end.get()));
        }

        /** Ended now, or at its start if that is later; an earlier end stays. */
        void revoke(Instant now) {
            Instant at = now.isBefore(start()) ? start() : now;
            if (end.isEmpty() || end.get().isAfter(at)) {
                end = Optional.of(at);
            }
        }
    }

    private static final class MeterState {
        final Instant start;
        final Instant end;
        final Set<ContentId> viewed = new HashSet<>();

        MeterState(Instant start, Instant end) {
            this.start = start;
            this.end = end;
        }
    }

    /**
     * The rules of docs/access.md, evaluated plainly over everything at once: no index, no early
     * exit, no store. Keeps the meters and the readers admitted under sponsor budgets itself.
     */
    private static final class Rules {
        final Map<AccessRightId, AccessRight> rights = new HashMap<>();
        final Map<OfferId, Set<AccessRightId>> offers = new HashMap<>();
        final Map<CustomerId, CustomerState> customers = new HashMap<>();
        final Map<AccessRightItemId, ItemState> items = new HashMap<>();
        /** By id, the order in which they are tried. */
        final Map<String, SponsorGrant> grants = new TreeMap<>();
        final Map<String, Set<String>> admitted = new HashMap<>();
        /** By reader and right. */
        final Map<String, MeterState> meters = new HashMap<>();

        AccessDecision decide(AccessCheck check, Instant now, boolean counting) {
            List<AccessRightId> required = check.requiredRights();
            if (required.isEmpty()) {
                return decision(AccessReason.FREE_CONTENT, OptionalInt.empty(), List.of(), Optional.empty());
            }
            Set<ContentId> contents = new HashSet<>(check.partOf());
            contents.add(check.contentId());
            Optional<Instant> nextStart = Optional.empty();
            if (check.customerId().isPresent()) {
                CustomerState customer = customers.get(check.customerId().get());
                if (customer == null) {
                    return denied(check, AccessReason.NO_ACCESS_RIGHT, OptionalInt.empty(), Optional.empty());
                }
                if (customer.blocked) {
                    return decision(AccessReason.CUSTOMER_BLOCKED, OptionalInt.empty(), List.of(), Optional.empty());
                }
                List<ItemState> relevant = items.values().stream()
                        .filter(i -> i.item.customerId().equals(check.customerId().get()))
                        .filter(i -> i.item.accessRightId().map(required::contains).orElse(false)
                                || i.item.contentId().map(contents::contains).orElse(false))
                        .sorted(Comparator.comparing(ItemState::start).thenComparing(i -> i.item.id().value()))
                        .toList();
                ItemState deciding = null;
                for (ItemState item : relevant) {
                    if (item.activeAt(now) && !item.blocked && (deciding == null || endsLater(item, deciding))) {
                        deciding = item;
                    }
                }
                if (deciding != null) {
                    return decision(reasonOf(deciding.item.source()), OptionalInt.empty(), List.of(), deciding.end);
                }
                // an item ended at its start (revoked before it began) never opens anything
                nextStart = relevant.stream().filter(i -> i.start().isAfter(now))
                        .filter(i -> i.end.isEmpty() || i.end.get().isAfter(i.start()))
                        .map(ItemState::start).min(Comparator.naturalOrder());
                List<ItemState> blocked = relevant.stream().filter(i -> i.activeAt(now) && i.blocked).toList();
                if (!blocked.isEmpty()) {
                    Optional<Instant> firstEnd = blocked.stream().flatMap(i -> i.end.stream())
                            .min(Comparator.naturalOrder());
                    return denied(check, AccessReason.ACCESS_BLOCKED, OptionalInt.empty(), earlier(firstEnd, nextStart));
                }
            }
            Optional<AccessDecision> sponsored = sponsored(check, contents, now, counting);
            if (sponsored.isPresent()) {
                return sponsored.get();
            }
            List<AccessRight> metered = required.stream().map(rights::get).filter(r -> r.meter().isPresent()).toList();
            if (!check.meteringExempt() && !metered.isEmpty()) {
                return metered(check, metered, nextStart, now, counting);
            }
            return denied(check, AccessReason.NO_ACCESS_RIGHT, OptionalInt.empty(), nextStart);
        }

        private Optional<AccessDecision> sponsored(AccessCheck check, Set<ContentId> contents, Instant now,
                                                   boolean counting) {
            if (check.customerId().isEmpty() && check.ipAddress().isEmpty() && check.sponsorCode().isEmpty()) {
                return Optional.empty();
            }
            Optional<String> email = check.customerId().map(id -> customers.get(id).email);
            for (SponsorGrant grant : grants.values()) {
                boolean valid = !grant.validFrom().isAfter(now)
                        && (grant.validUntil().isEmpty() || now.isBefore(grant.validUntil().get()));
                boolean covers = check.requiredRights().stream().anyMatch(grant.accessRights()::contains)
                        || contents.stream().anyMatch(grant.contents()::contains);
                if (!valid || !covers || !admits(grant, email, check)) {
                    continue;
                }
                if (grant.readerBudget().isPresent()) {
                    Optional<String> reader = check.customerId().map(c -> "customer " + c)
                            .or(() -> check.visitorId().map(v -> "visitor " + v))
                            .or(() -> check.ipAddress().map(ip -> "address " + ip));
                    if (reader.isEmpty()) {
                        continue;
                    }
                    Set<String> readers = admitted.computeIfAbsent(grant.id().value(), g -> new HashSet<>());
                    if (!readers.contains(reader.get())) {
                        if (readers.size() >= grant.readerBudget().getAsLong()) {
                            continue;
                        }
                        if (counting) {
                            readers.add(reader.get());
                        }
                    }
                }
                return Optional.of(decision(AccessReason.SPONSORED, OptionalInt.empty(), List.of(), grant.validUntil()));
            }
            return Optional.empty();
        }

        private static boolean admits(SponsorGrant grant, Optional<String> email, AccessCheck check) {
            if (check.sponsorCode().isPresent() && grant.codes().contains(check.sponsorCode().get())) {
                return true;
            }
            if (check.ipAddress().isPresent()) {
                long address = ipv4(check.ipAddress().get().toString());
                for (IpRange range : grant.ipRanges()) {
                    String[] cidr = range.toString().split("/");
                    int prefix = Integer.parseInt(cidr[1]);
                    if (address >>> (32 - prefix) == ipv4(cidr[0]) >>> (32 - prefix)) {
                        return true;
                    }
                }
            }
            if (email.isPresent()) {
                String domain = email.get().substring(email.get().indexOf('@') + 1);
                for (String granted : grant.emailDomains()) {
                    if (domain.equals(granted) || domain.endsWith("." + granted)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static long ipv4(String text) {
            long address = 0;
            for (String part : text.split("\\.")) {
                address = address << 8 | Integer.parseInt(part);
            }
            return address;
        }

        private AccessDecision metered(AccessCheck check, List<AccessRight> metered, Optional<Instant> nextStart,
                                       Instant now, boolean counting) {
            boolean registered = check.customerId().isPresent();
            Optional<String> reader = check.customerId().map(c -> "customer " + c)
                    .or(() -> check.visitorId().map(v -> "visitor " + v));
            if (reader.isEmpty()) {
                return denied(check, AccessReason.LOGIN_REQUIRED, OptionalInt.empty(), nextStart);
            }
            Optional<Instant> exhaustedUntil = Optional.empty();
            boolean registeringHelps = false;
            for (AccessRight right : metered) {
                MeterRule rule = right.meter().orElseThrow();
                int limit = registered ? rule.registeredViews() : rule.anonymousViews();
                if (limit == 0) {
                    registeringHelps |= !registered && rule.registeredViews() > 0;
                    continue;
                }
                String key = reader.get() + " of " + right.id();
                MeterState meter = meters.get(key);
                if (meter != null && !now.isBefore(meter.end)) {
                    meter = null;
                }
                if (meter != null && meter.viewed.contains(check.contentId())) {
                    return decision(AccessReason.METERED_FREE_VIEW,
                            OptionalInt.of(Math.max(0, limit - meter.viewed.size())), List.of(), Optional.of(meter.end));
                }
                if (meter == null) {
                    Instant[] period = period(rule, now);
                    meter = new MeterState(period[0], period[1]);
                }
                if (meter.viewed.size() >= limit) {
                    exhaustedUntil = earlier(exhaustedUntil, Optional.of(meter.end));
                    continue;
                }
                int left = limit - meter.viewed.size();
                if (counting) {
                    meter.viewed.add(check.contentId());
                    meters.put(key, meter);
                    left--;
                }
                return decision(AccessReason.METERED_FREE_VIEW, OptionalInt.of(left), List.of(), Optional.of(meter.end));
            }
            if (exhaustedUntil.isEmpty() && registeringHelps) {
                return denied(check, AccessReason.LOGIN_REQUIRED, OptionalInt.of(0), nextStart);
            }
            return denied(check, AccessReason.METER_EXHAUSTED, OptionalInt.of(0), earlier(exhaustedUntil, nextStart));
        }

        /** The meter period a first view at {@code now} starts, in the publisher's calendar. */
        private static Instant[] period(MeterRule rule, Instant now) {
            ChronoUnit unit = switch (rule.period()) {
                case DAY -> ChronoUnit.DAYS;
                case WEEK -> ChronoUnit.WEEKS;
                case MONTH -> ChronoUnit.MONTHS;
                case YEAR -> ChronoUnit.YEARS;
            };
            if (rule.alignment() == MeterAlignment.ROLLING) {
                return new Instant[] {now, now.atZone(BERLIN).plus(1, unit).toInstant()};
            }
            LocalDate day = now.atZone(BERLIN).toLocalDate();
            LocalDate first = switch (rule.period()) {
                case DAY -> day;
                case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> day.withDayOfMonth(1);
                case YEAR -> day.withDayOfYear(1);
            };
            return new Instant[] {first.atStartOfDay(BERLIN).toInstant(),
                    first.plus(1, unit).atStartOfDay(BERLIN).toInstant()};
        }

        private AccessDecision denied(AccessCheck check, AccessReason reason, OptionalInt remaining,
                                      Optional<Instant> until) {
            List<OfferId> granting = offers.entrySet().stream()
                    .filter(o -> check.requiredRights().stream().anyMatch(o.getValue()::contains))
                    .map(Map.Entry::getKey).sorted(Comparator.comparing(OfferId::value))
                    .collect(Collectors.toList());
            return decision(reason, remaining, granting, until);
        }

        private static AccessDecision decision(AccessReason reason, OptionalInt remaining, List<OfferId> offers,
                                               Optional<Instant> until) {
            return new AccessDecision(reason.grants(), reason, remaining, offers, until);
        }

        /** Whether {@code a} ends after {@code b}; no end is after every end. */
        private static boolean endsLater(ItemState a, ItemState b) {
            return b.end.isPresent() && (a.end.isEmpty() || a.end.get().isAfter(b.end.get()));
        }

        private static Optional<Instant> earlier(Optional<Instant> a, Optional<Instant> b) {
            return a.isEmpty() ? b : b.isEmpty() ? a : Optional.of(a.get().isBefore(b.get()) ? a.get() : b.get());
        }

        private static AccessReason reasonOf(AccessSource source) {
            return switch (source) {
                case TIME_BASED_SUBSCRIPTION -> AccessReason.SUBSCRIPTION;
                case SINGLE_PURCHASE -> AccessReason.SINGLE_PURCHASE;
                case CREDIT_UNLOCK -> AccessReason.CREDIT_UNLOCK;
                case SPONSOR -> AccessReason.SPONSORED;
                case EXTERNAL -> AccessReason.EXTERNAL;
            };
        }
    }
}
