package org.plenigo.examples;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plenigo.core.Plenigo;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.customer.PostalAddress;
import org.plenigo.core.event.DomainEvent;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.invoice.Invoice;
import org.plenigo.core.invoice.InvoiceEvent;
import org.plenigo.core.invoice.InvoiceRenderer;
import org.plenigo.core.invoice.InvoiceService;
import org.plenigo.core.money.Money;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.time.Interval;
import org.plenigo.core.topup.SchedulerRun;
import org.plenigo.core.wallet.AutomaticTopUpLimit;
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.core.wallet.TopUpResult;
import org.plenigo.core.wallet.WalletEvent;
import org.plenigo.store.memory.MemoryStore;

/**
 * A walk through plenigo's prepaid credit wallets and their three top-up strategies, on the
 * in-memory store and a simulated clock that runs from January to September 2025:
 * <ol>
 *   <li>AUTOMATIC: 5 credits; once they are used up, 5 more;</li>
 *   <li>the limit that stops automatic top-ups from running away;</li>
 *   <li>a declined charge refusing a consumption that needed a top-up;</li>
 *   <li>EXTERNAL: an outside event tops up through an API call, exactly once per event;</li>
 *   <li>TIME_BASED: bought on 1 May with 5 credits a month, 1 used by 1 June, 5 added on 1 June at 00:00: 9;</li>
 *   <li>the scheduler catching up months it missed.</li>
 * </ol>
 * Run it with {@code mvn -q -B compile exec:java -pl examples -am} from the repository root.
 */
public final class WalletDemo {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(Plenigo.DEFAULT_ZONE);
    private static final String INDENT = " ".repeat(18);

    private static final ProductContractId FIVE_CREDITS = ProductContractId.of("five-credits");
    private static final WalletId ARTICLE_CREDITS = WalletId.of("article-credits");
    private static final OfferId PASS_AUTOMATIC = OfferId.of("pass-automatic");
    private static final OfferId PASS_EXTERNAL = OfferId.of("pass-external");
    private static final OfferId PASS_MONTHLY = OfferId.of("pass-monthly");

    private final PrintStream out;
    private final SimulatedClock clock;
    private final SimulatedPaymentProvider charges;
    private final Plenigo plenigo;
    private final LedgerTable ledgerTable = new LedgerTable(Plenigo.DEFAULT_ZONE);
    private final List<String> events = new ArrayList<>();
    private final Map<CustomerId, OfferId> customers = new LinkedHashMap<>();

    public static void main(String[] args) {
        new WalletDemo(System.out).run();
    }

    public WalletDemo(PrintStream out) {
        this.out = out;
        MemoryStore store = new MemoryStore();
        this.clock = new SimulatedClock(berlin(2025, 1, 2, 9, 0));
        // charges are recorded in the store, unless the customer's card is declined
        this.charges = new SimulatedPaymentProvider();
        // the publisher's time zone (Europe/Berlin) and the automatic top-up limit keep their defaults
        this.plenigo = Plenigo.builder()
                .seller(DemoPublisher.SELLER)
                .store(store)
                .clock(clock)
                .paymentProvider(charges)
                .eventPublisher(this::onEvent)
                .build();
    }

    public void run() {
        out.println("plenigo wallet demo: prepaid credits with three top-up strategies");
        out.println("In-memory store, simulated clock, times in " + Plenigo.DEFAULT_ZONE + ".");
        createCatalog();
        automaticTopUp();
        automaticTopUpLimit();
        declinedCharge();
        externalTopUp();
        timeBasedTopUp();
        printBalances();
        printInvoice(CustomerId.of("anna"));
    }

    /** A product contract (what one top-up sells and costs), a wallet, and three offers, one per strategy. */
    private void createCatalog() {
        section("Catalog");
        ProductContract fiveCredits = plenigo.catalog().createProductContract(ProductContract.creditBased(
                FIVE_CREDITS, "5 article credits", Money.of("4.90", "EUR"), TaxType.DIGITAL_NEWSPAPER, 5));
        Wallet wallet = Wallet.of(ARTICLE_CREDITS, "Article credits", Money.of("0.98", "EUR"));
        // the first offer creates the wallet in-line, in the same call; the others use it
        plenigo.catalog().createOffer(Offer.usageBased(PASS_AUTOMATIC, "Article pass, refilled when used up",
                FIVE_CREDITS, ARTICLE_CREDITS, TopUpPlan.automatic()), wallet);
        plenigo.catalog().createOffer(Offer.usageBased(PASS_EXTERNAL, "Article pass, topped up by the shop",
                FIVE_CREDITS, ARTICLE_CREDITS, TopUpPlan.external()));
        plenigo.catalog().createOffer(Offer.usageBased(PASS_MONTHLY, "Article pass, 5 credits every month",
                FIVE_CREDITS, ARTICLE_CREDITS, TopUpPlan.every(Interval.months(1))));
        out.println("    product contract " + fiveCredits.id() + ": " + fiveCredits.creditsPerTopUp()
                + " credits for " + fiveCredits.price() + " per top-up");
        out.println("    wallet " + wallet.id() + ": 1 credit = " + wallet.creditValue() + ", credits never expire");
        out.println("    offers " + PASS_AUTOMATIC + " (AUTOMATIC), " + PASS_EXTERNAL + " (EXTERNAL), "
                + PASS_MONTHLY + " (TIME_BASED, every month)");
    }

    /** "The customer has 5 credits and uses them up within 5 days, 5 months or 5 years: then 5 more." */
    private void automaticTopUp() {
        section("1. AUTOMATIC top-up: 5 credits, used up, 5 more");
        CustomerId anna = register("anna", "Anna Becker");
        clock.set(berlin(2025, 1, 6, 9, 0));
        subscribe(anna, PASS_AUTOMATIC, "order-1001");
        int[] days = {7, 9, 13, 20, 27};
        for (int i = 0; i < days.length; i++) {
            clock.set(berlin(2025, 1, days[i], 7, 30));
            String article = "article:" + (1001 + i);
            consume(anna, 1, article, "anna/" + article);
        }
        printLedger(anna);
    }

    /** A script on one account reads issue after issue: the limit stops the automatic top-ups. */
    private void automaticTopUpLimit() {
        AutomaticTopUpLimit limit = AutomaticTopUpLimit.DEFAULT; // the builder is given none
        section("2. The automatic top-up limit: at most " + limit.maxTopUps() + " automatic top-ups per "
                + limit.window().toMinutes() + " minutes");
        CustomerId ben = register("ben", "Ben Keller");
        clock.set(berlin(2025, 2, 3, 22, 0));
        subscribe(ben, PASS_AUTOMATIC, "order-1002");
        for (int issue = 1; issue <= 5; issue++) {
            clock.set(berlin(2025, 2, 3, 22, issue));
            consume(ben, 5, "issue:2025-0" + issue, "ben/issue:2025-0" + issue);
        }
        clock.set(berlin(2025, 2, 3, 22, 12));
        say("(the refill of 22:01 has left the 10-minute window: 2 of 3 used)");
        consume(ben, 1, "article:2002", "ben/article:2002");
        printLedger(ben);
    }

    /** A charge that fails adds no credits, so a consumption that needed the top-up is refused. */
    private void declinedCharge() {
        section("3. A declined charge refuses the consumption that needed a top-up");
        CustomerId clara = register("clara", "Clara Wolf");
        clock.set(berlin(2025, 3, 3, 18, 0));
        subscribe(clara, PASS_AUTOMATIC, "order-1003");
        clock.set(berlin(2025, 3, 10, 18, 0));
        consume(clara, 3, "webinar:data-journalism/sessions-1-3", "clara/webinar:data-journalism/1");
        clock.set(berlin(2025, 3, 20, 18, 0));
        charges.forCustomer(clara, SimulatedPaymentProvider.decline("card expired"));
        say("(clara's card expires: the payment provider declines her charges)");
        consume(clara, 3, "webinar:data-journalism/sessions-4-6", "clara/webinar:data-journalism/2");
        clock.set(berlin(2025, 3, 21, 8, 0));
        charges.forCustomer(clara, SimulatedPaymentProvider.succeed());
        say("(clara enters a new card and books again: a new attempt, so a new idempotency key)");
        consume(clara, 3, "webinar:data-journalism/sessions-4-6", "clara/webinar:data-journalism/2-retry");
        printLedger(clara);
    }

    /** Only an API call tops up: here the shop reports a paid order, and may report it twice. */
    private void externalTopUp() {
        section("4. EXTERNAL top-up: an outside event tops up through an API call");
        CustomerId daniel = register("daniel", "Daniel Roth");
        clock.set(berlin(2025, 4, 1, 12, 0));
        Subscription subscription = subscribe(daniel, PASS_EXTERNAL, "order-1004");
        clock.set(berlin(2025, 4, 8, 20, 0));
        consume(daniel, 3, "webinar:podcasting/sessions-1-3", "daniel/webinar:podcasting/1");
        clock.set(berlin(2025, 4, 12, 20, 0));
        consume(daniel, 2, "issue:2025-14", "daniel/issue:2025-14");
        clock.set(berlin(2025, 4, 15, 20, 0));
        consume(daniel, 1, "article:3001", "daniel/article:3001");

        // the shop's webhook: the event's own id is the idempotency key, so a redelivery changes nothing
        clock.set(berlin(2025, 4, 16, 9, 30));
        say("shop reports paid order 4711 for daniel");
        externalTopUp(subscription, "shop-order-4711");
        clock.set(berlin(2025, 4, 16, 9, 31));
        say("shop delivers the same event again");
        externalTopUp(subscription, "shop-order-4711");
        clock.set(berlin(2025, 4, 16, 20, 0));
        consume(daniel, 1, "article:3001", "daniel/article:3001-2");
        printLedger(daniel);
    }

    /**
     * "A customer buys the subscription with 5 credits a month on 1 May. By 1 June only 1 credit is
     * used. On 1 June 5 credits are added again: the customer now has 9." Then the scheduler is
     * off for a summer and catches up.
     */
    private void timeBasedTopUp() {
        section("5. TIME_BASED top-up: bought 1 May, 5 credits a month, 1 used by 1 June");
        CustomerId eva = register("eva", "Eva Lang");
        clock.set(berlin(2025, 5, 1, 10, 0));
        Subscription subscription = subscribe(eva, PASS_MONTHLY, "order-1005");
        clock.set(berlin(2025, 5, 20, 19, 0));
        consume(eva, 1, "article:4001", "eva/article:4001");

        // in an application a timer calls runDue() every few minutes, on any number of nodes;
        // June's credits are due at the start of 1 June, whatever the time of day of the purchase
        clock.set(berlin(2025, 6, 1, 0, 0));
        long before = balance(eva);
        runScheduler();
        long after = balance(eva);
        say("eva now has " + after + " credits: " + before + " unused (they do not expire) + " + (after - before)
                + " for June; next top-up " + nextTopUp(subscription));

        section("6. Catch-up: the scheduler was off from 1 June to 1 September");
        clock.set(berlin(2025, 9, 1, 12, 0));
        runScheduler();
        say("each missed month was topped up once, dated at the start of its first day; next top-up "
                + nextTopUp(subscription));
        clock.set(berlin(2025, 9, 1, 12, 5));
        runScheduler();
        say("eva now has " + balance(eva) + " credits");
        printLedger(eva);
    }

    private void printBalances() {
        section("Balances on " + TIME.format(clock.instant()));
        for (Map.Entry<CustomerId, OfferId> customer : customers.entrySet()) {
            out.printf("    %-8s %-16s %3d credits%n", customer.getKey(), customer.getValue(),
                    balance(customer.getKey()));
        }
    }

    // --- the calls into plenigo, each printed with its outcome ---

    private CustomerId register(String id, String name) {
        CustomerId customer = CustomerId.of(id);
        plenigo.customers().register(Customer.of(customer, id + "@example.org", name, "DE")
                .withBillingAddress(new PostalAddress("Lesergasse " + (customers.size() + 1), "10115", "Berlin", "DE")));
        plenigo.paymentMethods().add(customer, SimulatedPaymentProvider.testCard(), true, IdempotencyKey.of("card-" + id));
        return customer;
    }

    private Subscription subscribe(CustomerId customer, OfferId offer, String orderId) {
        SubscriptionResult result = plenigo.subscriptions().subscribe(customer, offer, IdempotencyKey.of(orderId));
        if (!(result instanceof SubscriptionResult.Subscribed subscribed)) {
            throw new IllegalStateException("subscribing " + customer + " to " + offer + " failed: " + result);
        }
        customers.put(customer, offer);
        say(customer + " buys " + offer + " (" + orderId + "): balance " + subscribed.balance());
        return subscribed.subscription();
    }

    private void consume(CustomerId customer, long credits, String reference, String key) {
        ConsumptionResult result = plenigo.wallets().consume(
                ConsumeCredits.of(customer, ARTICLE_CREDITS, credits, reference, IdempotencyKey.of(key)));
        say(customer + " spends " + credits + " on " + reference + ": " + describe(result));
    }

    private void externalTopUp(Subscription subscription, String eventId) {
        TopUpResult result = plenigo.subscriptions().topUp(subscription.id(), IdempotencyKey.of(eventId));
        String outcome;
        if (result instanceof TopUpResult.ToppedUp toppedUp) {
            outcome = "topped up " + toppedUp.credits() + ", balance " + toppedUp.balance();
        } else if (result instanceof TopUpResult.Replayed replayed) {
            outcome = "key seen before, nothing changed, balance " + replayed.original().balance()
                    + " (as reported the first time)";
        } else {
            TopUpResult.Refused refused = (TopUpResult.Refused) result;
            outcome = "REFUSED " + refused.reason() + " (" + refused.detail() + ")";
        }
        say("  topUp(" + subscription.customerId() + "'s subscription, key " + eventId + "): " + outcome);
    }

    private void runScheduler() {
        SchedulerRun run = plenigo.topUps().runDue();
        say("scheduler run: " + run.toppedUp() + " interval(s) topped up, " + run.failed() + " failed");
    }

    private long balance(CustomerId customer) {
        return plenigo.wallets().balance(customer, ARTICLE_CREDITS);
    }

    private String nextTopUp(Subscription subscription) {
        return plenigo.subscriptions().find(subscription.id()).orElseThrow().nextTopUpAt()
                .map(TIME::format).orElse("none");
    }

    private static String describe(ConsumptionResult result) {
        if (result instanceof ConsumptionResult.Consumed consumed) {
            int topUps = consumed.topUps().size();
            return "balance " + consumed.balance() + (topUps == 0 ? "" : " (after " + topUps + " automatic top-up"
                    + (topUps == 1 ? "" : "s") + ")");
        }
        if (result instanceof ConsumptionResult.Refused refused) {
            return "REFUSED " + refused.reason() + ", balance stays " + refused.balance() + " (" + refused.detail() + ")";
        }
        return "key seen before, nothing changed: " + describe(((ConsumptionResult.Replayed) result).original());
    }

    /**
     * Every charge issues an invoice in its own transaction: the oldest of the customer's, as the
     * text renderer prints it (an application would rather mail its HTML).
     */
    private void printInvoice(CustomerId customer) {
        List<Invoice> invoices = plenigo.invoices().list(customer, 0, InvoiceService.MAX_PAGE_SIZE);
        Invoice first = invoices.get(invoices.size() - 1);
        section("The invoice of " + customer + "'s first top-up (" + invoices.size() + " invoices in all)");
        InvoiceRenderer.text(first).lines().forEach(line -> out.println(line.isEmpty() ? "" : INDENT + line));
    }

    /** Events arrive after their change was stored; an application would e.g. email the customer. */
    private void onEvent(DomainEvent event) {
        if (event instanceof InvoiceEvent.Issued issued) {
            events.add("invoice " + issued.number() + " issued: " + issued.gross());
        } else if (event instanceof WalletEvent.TopUpFailed failed) {
            events.add("event TopUpFailed: " + failed.customerId() + ", " + failed.reason());
        } else if (event instanceof WalletEvent.WalletDepleted depleted) {
            events.add("event WalletDepleted: " + depleted.customerId() + " has no " + depleted.walletId() + " left");
        }
    }

    // --- printing ---

    private void section(String title) {
        out.println();
        out.println("=== " + title + " ===");
    }

    /** Prints a line stamped with the simulated time, then the events the last call published. */
    private void say(String text) {
        out.println(TIME.format(clock.instant()) + "  " + text);
        for (String event : events) {
            out.println(INDENT + event);
        }
        events.clear();
    }

    private void printLedger(CustomerId customer) {
        out.println();
        out.println("    Ledger of " + customer + ", wallet " + ARTICLE_CREDITS + ":");
        ledgerTable.print(plenigo.wallets().ledger(customer, ARTICLE_CREDITS), out);
    }

    private static Instant berlin(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(Plenigo.DEFAULT_ZONE).toInstant();
    }
}
