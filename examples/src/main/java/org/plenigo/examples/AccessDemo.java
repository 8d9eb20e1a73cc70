package org.plenigo.examples;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.plenigo.core.Plenigo;
import org.plenigo.core.access.*;
import org.plenigo.core.catalog.*;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.time.Interval;
import org.plenigo.core.time.IntervalUnit;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.plenigo.store.memory.MemoryStore;

/**
 * The question a CMS asks on every page view, "may this reader see this content?", answered for a
 * few readers under each paywall model, on the in-memory store and a simulated clock running from
 * March to June 2025. Each section prints its decisions as a table: granted or denied, the reason,
 * the free views left, the offers the paywall should show, and until when the CMS may cache the
 * answer. Run it with {@code mvn -q -B compile exec:java -pl examples -am} from the repository root.
 */
public final class AccessDemo {
    private static final AccessRightId PREMIUM = AccessRightId.of("premium");
    private static final AccessRightId PLUS = AccessRightId.of("plus");
    private static final WalletId CREDITS = WalletId.of("article-credits");
    private static final OfferId PREMIUM_MONTHLY = OfferId.of("premium-monthly");
    private static final OfferId PREMIUM_30_DAYS = OfferId.of("premium-30-days");
    private static final ContentId LONGREAD = ContentId.of("premium:longread-7");
    private static final ContentId ISSUE = ContentId.of("issue:2025-19");
    private static final List<ContentId> SESSIONS = List.of(ContentId.of("webinar:session-1"),
            ContentId.of("webinar:session-2"), ContentId.of("webinar:session-3"), ContentId.of("webinar:session-4"));

    private final PrintStream out;
    private final SimulatedClock clock = new SimulatedClock(berlin(2025, 3, 3, 9, 0));
    private final DecisionTable table = new DecisionTable(Plenigo.DEFAULT_ZONE);
    private final Plenigo plenigo;

    public static void main(String[] args) {
        new AccessDemo(System.out).run();
    }

    public AccessDemo(PrintStream out) {
        this.out = out;
        MemoryStore store = new MemoryStore();
        // charges are recorded in the store and always succeed: no money is taken in this demo
        this.plenigo = Plenigo.builder().seller(DemoPublisher.SELLER).store(store)
                .paymentProvider(new SimulatedPaymentProvider()).clock(clock).eventPublisher(table::onEvent).build();
    }

    public void run() {
        out.println("plenigo access demo: each paywall model deciding for a few readers");
        out.println("In-memory store, simulated clock, times in " + Plenigo.DEFAULT_ZONE + ". An empty 'Cache until'"
                + " means: until something is bought, granted, revoked or blocked.");
        createCatalog();
        freemium();
        metered();
        hard();
        sponsored();
        creditUnlocks();
        externalGrantAndSinglePurchase();
        billableUsers();
    }

    private void createCatalog() {
        section("Catalog");
        plenigo.catalog().createAccessRight(new AccessRight(PREMIUM, "Premium articles"));
        plenigo.catalog().createAccessRight(AccessRight.metered(PLUS, "Plus articles",
                new MeterRule(3, 5, IntervalUnit.MONTH, MeterAlignment.CALENDAR)));
        sell(PREMIUM_MONTHLY, "9.99", Interval.months(1), PREMIUM, false);
        sell(OfferId.of("plus-monthly"), "4.99", Interval.months(1), PLUS, false);
        sell(PREMIUM_30_DAYS, "6.99", Interval.days(30), PREMIUM, true);
        ProductContractId tenCredits = ProductContractId.of("ten-credits");
        plenigo.catalog().createProductContract(ProductContract.creditBased(
                tenCredits, "10 credits", Money.of("8.90", "EUR"), TaxType.DIGITAL_NEWSPAPER, 10));
        plenigo.catalog().createOffer(Offer.usageBased(OfferId.of("credit-pass"), "10 credits", tenCredits, CREDITS,
                TopUpPlan.automatic()), Wallet.of(CREDITS, "Credits", Money.of("0.89", "EUR")));
        List.of(CreditProduct.article(CreditProductId.of("longread-7"), "Longread", CREDITS, 1, LONGREAD),
                CreditProduct.issue(CreditProductId.of("issue-2025-19"), "Issue 19", CREDITS, 3, ISSUE),
                CreditProduct.webinarSeries(CreditProductId.of("webinars"), "Webinars", CREDITS, 4, SESSIONS, 2))
                .forEach(plenigo.catalog()::createCreditProduct);
        out.println("    rights: premium (HARD), plus (METERED: 3 free views a calendar month, 5 when logged in)");
        out.println("    offers: premium-monthly 9.99 EUR a month, premium-30-days 6.99 EUR once for 30 days,"
                + " plus-monthly 4.99 EUR a month, credit-pass 10 credits for 8.90 EUR");
        out.println("    for credits: longread-7 (1 credit), issue-2025-19 (3), webinars (2 of 4 sessions, 4)");
    }

    private void freemium() {
        section("FREEMIUM: content that requires no access right is free");
        check("anonymous", AccessCheck.of(ContentId.of("news:weather")));
        check("visitor v-1", AccessCheck.of(ContentId.of("news:weather")).withVisitor(VisitorId.of("v-1")));
    }

    private void metered() {
        section("METERED: plus articles, 3 free a calendar month for visitors, 5 for registered readers");
        VisitorId v42 = VisitorId.of("v-42");
        for (int n = 1; n <= 4; n++) {
            clock.set(berlin(2025, 3, 10 + n, 8, 0));
            check("visitor v-42", plus(n).withVisitor(v42));
        }
        check("visitor v-42, re-read", plus(2).withVisitor(v42));
        VisitorId v7 = VisitorId.of("v-7");
        table.note(clock.instant(), "a teaser list previews two articles for visitor v-7: nothing is counted");
        for (int n = 5; n <= 6; n++) {
            AccessDecision preview = plenigo.access().preview(plus(n).withVisitor(v7));
            table.add(clock.instant(), "visitor v-7, preview", "plus:" + n, preview);
        }
        check("visitor v-7", plus(5).withVisitor(v7));
        table.note(clock.instant(), "plus:dossier is exempt from metering: no free views");
        check("visitor v-7", AccessCheck.of(ContentId.of("plus:dossier"), PLUS).withVisitor(v7).exemptFromMetering());
        check("no customer, no visitor id", plus(5));
        clock.set(berlin(2025, 3, 20, 19, 0));
        CustomerId ben = register("ben", "ben@example.org");
        table.note(clock.instant(), "visitor v-42 registers and logs in as ben: counted by customer id now");
        check("ben (visitor v-42)", plus(4).withCustomer(ben).withVisitor(v42));
        clock.set(berlin(2025, 4, 1, 0, 0));
        check("visitor v-42", plus(4).withVisitor(v42));
    }

    private void hard() {
        section("HARD: premium articles only with an access right; a time-based subscription grants it");
        clock.set(berlin(2025, 4, 1, 9, 0));
        CustomerId anna = register("anna", "anna@example.org");
        var subscribed = (SubscriptionResult.Activated) plenigo.subscriptions()
                .subscribe(anna, PREMIUM_MONTHLY, IdempotencyKey.of("order-2001"));
        table.note(clock.instant(), "anna subscribes to premium-monthly: " + table.describe(subscribed.items()));
        AccessCheck interview = AccessCheck.of(ContentId.of("premium:interview"), PREMIUM);
        check("anna", interview.withCustomer(anna));
        check("anonymous", interview);
        clock.set(berlin(2025, 4, 15, 10, 0));
        table.note(clock.instant(), "anna cancels: access lasts until the end of the month she paid for"
                + " (30 April; the items end with the paid period anyway)");
        plenigo.subscriptions().cancel(subscribed.subscription().id());
        check("anna", interview.withCustomer(anna));
        clock.set(berlin(2025, 5, 1, 9, 0));
        check("anna", interview.withCustomer(anna));
    }

    private void sponsored() {
        section("SPONSORED: sponsors open premium articles");
        clock.set(berlin(2025, 5, 2, 9, 0));
        plenigo.access().createSponsorGrant(new SponsorGrant(SponsorGrantId.of("university"), "Example University",
                Set.of(PREMIUM), Set.of(), Set.of("uni.example"),
                List.of(IpRange.parse("198.51.100.0/24"), IpRange.parse("2001:db8:100::/48")), Set.of(),
                clock.instant(), Optional.of(berlin(2025, 10, 1, 0, 0)), OptionalLong.empty()));
        plenigo.access().createSponsorGrant(new SponsorGrant(SponsorGrantId.of("bank"), "Example Bank",
                Set.of(PREMIUM), Set.of(), Set.of(), List.of(), Set.of("BANK-2025"),
                clock.instant(), Optional.empty(), OptionalLong.of(2)));
        table.note(clock.instant(), "grant university: email domain uni.example, IP ranges 198.51.100.0/24 and"
                + " 2001:db8:100::/48, until 1 October; grant bank: code BANK-2025, a budget of 2 readers");
        CustomerId clara = register("clara", "clara@physics.uni.example");
        AccessCheck essay = AccessCheck.of(ContentId.of("premium:essay"), PREMIUM);
        check("clara@physics.uni.example", essay.withCustomer(clara));
        for (String ip : List.of("198.51.100.23", "2001:db8:100:7::12", "203.0.113.9")) {
            check("IP " + ip, essay.withIpAddress(ip));
        }
        for (String visitor : List.of("v-1", "v-2", "v-3")) {
            check("visitor " + visitor + ", BANK-2025",
                    essay.withVisitor(VisitorId.of(visitor)).withSponsorCode("BANK-2025"));
        }
        clock.set(berlin(2025, 5, 3, 9, 0));
        check("visitor v-1, BANK-2025", essay.withVisitor(VisitorId.of("v-1")).withSponsorCode("BANK-2025"));
        table.note(clock.instant(), "readers admitted under the bank's budget: "
                + plenigo.access().sponsorReaders(SponsorGrantId.of("bank")));
    }

    private void creditUnlocks() {
        section("Credit unlocks and blocking: premium content bought with credits");
        clock.set(berlin(2025, 5, 5, 9, 0));
        CustomerId dora = register("dora", "dora@example.org");
        plenigo.subscriptions().subscribe(dora, OfferId.of("credit-pass"), IdempotencyKey.of("order-3001"));
        table.note(clock.instant(), "dora buys credit-pass: 10 credits");
        AccessRightItem longread = unlock(dora, "longread-7", List.of(), "unlock-1").get(0);
        AccessCheck readLongread = AccessCheck.of(LONGREAD, PREMIUM).withCustomer(dora);
        check("dora", readLongread);
        unlock(dora, "longread-7", List.of(), "unlock-2");
        unlock(dora, "issue-2025-19", List.of(), "unlock-3");
        check("dora", AccessCheck.of(ContentId.of("issue:2025-19/page-3"), PREMIUM).withPartOf(ISSUE)
                .withCustomer(dora));
        unlock(dora, "webinars", List.of(SESSIONS.get(0), SESSIONS.get(2)), "unlock-4");
        check("dora", AccessCheck.of(SESSIONS.get(0), PREMIUM).withCustomer(dora));
        check("dora", AccessCheck.of(SESSIONS.get(1), PREMIUM).withCustomer(dora));
        clock.set(berlin(2025, 5, 6, 9, 0));
        table.note(clock.instant(), "an operator blocks dora's longread item, later dora herself");
        plenigo.access().block(longread.id());
        check("dora", readLongread);
        plenigo.access().unblock(longread.id());
        plenigo.access().blockCustomer(dora);
        check("dora", readLongread);
        check("dora", AccessCheck.of(ContentId.of("news:weather")).withCustomer(dora));
        plenigo.access().unblockCustomer(dora);
        check("dora", readLongread);
    }

    private void externalGrantAndSinglePurchase() {
        section("EXTERNAL and SINGLE_PURCHASE: a print subscriber, and premium bought for 30 days");
        clock.set(berlin(2025, 5, 8, 9, 0));
        CustomerId fiona = register("fiona", "fiona@example.org");
        plenigo.access().grant(GrantAccess.external(fiona, PREMIUM, clock.instant(),
                Optional.of(berlin(2026, 1, 1, 0, 0)), "print-subscription-88412", IdempotencyKey.of("print-88412")));
        table.note(clock.instant(), "the print system grants fiona premium until the end of 2025");
        check("fiona", AccessCheck.of(ContentId.of("premium:interview"), PREMIUM).withCustomer(fiona));
        clock.set(berlin(2025, 5, 9, 10, 0));
        CustomerId erik = register("erik", "erik@example.org");
        List<AccessRightItem> bought = plenigo.purchases().buy(erik, PREMIUM_30_DAYS, IdempotencyKey.of("order-4001"))
                .grantedItems().orElseThrow();
        table.note(clock.instant(), "erik buys premium-30-days: " + table.describe(bought));
        AccessCheck interview = AccessCheck.of(ContentId.of("premium:interview"), PREMIUM).withCustomer(erik);
        check("erik", interview);
        clock.set(berlin(2025, 6, 8, 10, 0));
        check("erik", interview);
    }

    private void billableUsers() {
        section("Billable users: customers holding an access right item in the month");
        for (int month = 4; month <= 6; month++) {
            BillableUsers users = plenigo.access().billableUsers(YearMonth.of(2025, month), true);
            out.println("    " + users.month() + ": " + users.count() + " " + users.customers().orElseThrow());
        }
    }

    // --- the calls into plenigo, and the lines they print ---

    private void check(String reader, AccessCheck check) {
        table.add(clock.instant(), reader, check.contentId(), plenigo.access().check(check));
    }

    private List<AccessRightItem> unlock(CustomerId customer, String product, List<ContentId> picks, String key) {
        UnlockResult result = plenigo.access().unlock(customer, CreditProductId.of(product), picks,
                IdempotencyKey.of(key));
        String outcome = result instanceof UnlockResult.Unlocked u ? u.credits() + " credit(s) spent"
                : result instanceof UnlockResult.AlreadyHeld ? "already held, nothing charged" : result.toString();
        table.note(clock.instant(), customer + " unlocks " + product + (picks.isEmpty() ? "" : " " + picks) + ": "
                + outcome + ", balance " + plenigo.wallets().balance(customer, CREDITS));
        return result.grantedItems().orElseThrow();
    }

    /** A product contract and an offer of the same id: a time-based subscription or a single purchase. */
    private void sell(OfferId id, String price, Interval interval, AccessRightId right, boolean once) {
        ProductContract contract = plenigo.catalog().createProductContract(ProductContract.timeBased(
                ProductContractId.of(id.value()), id.value(), Money.of(price, "EUR"), TaxType.DIGITAL_NEWSPAPER,
                interval));
        plenigo.catalog().createOffer(once
                ? Offer.singlePurchase(id, id.value(), contract.id(), Set.of(right), Optional.of(interval))
                : Offer.timeBased(id, id.value(), contract.id(), Set.of(right)));
    }

    private CustomerId register(String id, String email) {
        CustomerId customer = CustomerId.of(id);
        plenigo.customers().register(Customer.of(customer, email, id, "DE"));
        plenigo.paymentMethods().add(customer, SimulatedPaymentProvider.testCard(), true, IdempotencyKey.of("card-" + id));
        return customer;
    }

    private static AccessCheck plus(int n) {
        return AccessCheck.of(ContentId.of("plus:" + n), PLUS);
    }

    /** Prints the decisions of the section before, then the heading of the next. */
    private void section(String title) {
        table.print(out);
        out.println();
        out.println("=== " + title + " ===");
    }

    private static Instant berlin(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(Plenigo.DEFAULT_ZONE).toInstant();
    }
}
