package org.plenigo.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenigo.store.tck.StoreContractSupport.SELLER;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenigo.core.Plenigo;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.GrantAccess;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
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
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.idempotency.IdempotencyRecord;
import org.plenigo.core.money.Money;
import org.plenigo.core.purchase.PurchaseResult;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.time.Interval;
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.core.wallet.CreditsAdded;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.TopUpResult;
import org.plenigo.core.payment.SimulatedPaymentProvider;

/**
 * Idempotency records written by the release before the format had a version, in that release's
 * exact text ({@code name=value;name=value}, no prefix), replay through every service that reads
 * them. Each case applies an operation once, then stores under a second key the record the earlier
 * release wrote for the same request, and sends the request again under that key: the answer is the
 * replay of the first result, and nothing changes. New records carry the {@code v1:} prefix.
 */
class IdempotencyRecordFormatTest {
    private static final Instant NOW = Instant.parse("2025-03-10T09:00:00Z");
    private static final CustomerId READER = CustomerId.of("reader-1");
    private static final WalletId WALLET = WalletId.of("article-credits");
    private static final AccessRightId PREMIUM = AccessRightId.of("premium");

    private final MemoryStore store = new MemoryStore();
    private final Plenigo plenigo = Plenigo.builder().seller(SELLER)
            .store(store).paymentProvider(new SimulatedPaymentProvider())
            .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

    @BeforeEach
    void catalog() {
        plenigo.catalog().createWallet(Wallet.of(WALLET, "Article credits", Money.of("0.50", "EUR")));
        plenigo.catalog().createProductContract(ProductContract.creditBased(ProductContractId.of("five"), "5 credits",
                Money.of("4.99", "EUR"), TaxType.DIGITAL_NEWSPAPER, 5));
        plenigo.catalog().createOffer(Offer.usageBased(OfferId.of("automatic"), "Automatic",
                ProductContractId.of("five"), WALLET, TopUpPlan.automatic()));
        plenigo.catalog().createOffer(Offer.usageBased(OfferId.of("external"), "External",
                ProductContractId.of("five"), WALLET, TopUpPlan.external()));
        plenigo.catalog().createAccessRight(new AccessRight(PREMIUM, "Premium", Optional.empty()));
        plenigo.catalog().createProductContract(ProductContract.timeBased(ProductContractId.of("monthly"), "Monthly",
                Money.of("9.90", "EUR"), TaxType.DIGITAL_NEWSPAPER, Interval.months(1)));
        plenigo.catalog().createOffer(Offer.timeBased(OfferId.of("premium-monthly"), "Premium monthly",
                ProductContractId.of("monthly"), Set.of(PREMIUM)));
        plenigo.catalog().createOffer(Offer.singlePurchase(OfferId.of("premium-once"), "Premium once",
                ProductContractId.of("monthly"), Set.of(PREMIUM), Optional.empty()));
        plenigo.customers().register(Customer.of(READER, "reader-1@example.org", "Reader", "DE"));
        plenigo.paymentMethods().add(READER, SimulatedPaymentProvider.testCard(), true,
                IdempotencyKey.of("card-" + READER));
    }

    @Test
    void newRecordsCarryTheVersionPrefix() {
        plenigo.wallets().grant(READER, WALLET, 3, "goodwill", IdempotencyKey.of("grant-1"));

        assertThat(record("grant-1").result()).startsWith("v1:entry=le-").endsWith(";credits=3;balance=3");
    }

    @Test
    void aConsumptionRecordedInTheEarlierFormatReplays() {
        subscribe("automatic", "subscribe-1");
        // 5 in the wallet: 10 needs one top-up first, and leaves the wallet empty, so it refills
        ConsumeCredits first = ConsumeCredits.of(READER, WALLET, 10, "box-set", IdempotencyKey.of("consume-1"));
        ConsumptionResult.Consumed consumed = (ConsumptionResult.Consumed) plenigo.wallets().consume(first);
        assertThat(consumed.topUps()).hasSize(2);
        LedgerEntry entry = entry(consumed.entryId().value());
        ConsumeCredits again = ConsumeCredits.of(READER, WALLET, 10, "box-set", IdempotencyKey.of("consume-2"));
        legacy("consume-2", "wallet.consume", fingerprint(READER, WALLET, 10L, "box-set"),
                "wallet=" + entry.customerWalletId().value() + ";sequence=" + entry.sequence()
                        + ";credits=10;balance=5;before=1;refill=1");

        assertReplayedWithoutChange(() -> plenigo.wallets().consume(again), new ConsumptionResult.Replayed(consumed));
    }

    @Test
    void anExternalTopUpRecordedInTheEarlierFormatReplays() {
        Subscription subscription = subscribe("external", "subscribe-1");
        TopUpResult.ToppedUp toppedUp = (TopUpResult.ToppedUp) plenigo.subscriptions().topUp(subscription.id(),
                IdempotencyKey.of("top-up-1"));
        legacy("top-up-2", "wallet.top-up", fingerprint(subscription.id()),
                "entry=" + toppedUp.entryId().value() + ";credits=5;balance=10");

        assertReplayedWithoutChange(
                () -> plenigo.subscriptions().topUp(subscription.id(), IdempotencyKey.of("top-up-2")),
                new TopUpResult.Replayed(toppedUp));
    }

    @Test
    void aGrantAndAReversalRecordedInTheEarlierFormatReplay() {
        CreditsAdded granted = plenigo.wallets().grant(READER, WALLET, 7, "goodwill", IdempotencyKey.of("grant-1"));
        legacy("grant-2", "wallet.grant", fingerprint(READER, WALLET, 7L, "goodwill"),
                "entry=" + granted.entryId().value() + ";credits=7;balance=7");
        assertReplayedWithoutChange(() -> plenigo.wallets().grant(READER, WALLET, 7, "goodwill",
                IdempotencyKey.of("grant-2")), new CreditsAdded(granted.entryId(), 7, 7, true));

        ConsumptionResult.Consumed consumed = (ConsumptionResult.Consumed) plenigo.wallets().consume(
                ConsumeCredits.of(READER, WALLET, 2, "article-1", IdempotencyKey.of("consume-1")));
        CreditsAdded reversed = plenigo.wallets().reverse(consumed.entryId(), IdempotencyKey.of("reverse-1"));
        legacy("reverse-2", "wallet.reverse", fingerprint(consumed.entryId()),
                "entry=" + reversed.entryId().value() + ";credits=2;balance=7");
        assertReplayedWithoutChange(() -> plenigo.wallets().reverse(consumed.entryId(), IdempotencyKey.of("reverse-2")),
                new CreditsAdded(reversed.entryId(), 2, 7, true));
    }

    @Test
    void aSubscriptionRecordedInTheEarlierFormatReplays() {
        SubscriptionResult.Subscribed subscribed = (SubscriptionResult.Subscribed) plenigo.subscriptions()
                .subscribe(READER, OfferId.of("automatic"), IdempotencyKey.of("subscribe-1"));
        legacy("subscribe-2", "subscription.subscribe", fingerprint(READER, OfferId.of("automatic")),
                "subscription=" + subscribed.subscription().id().value() + ";entry="
                        + subscribed.firstTopUp().value() + ";balance=5");

        assertReplayedWithoutChange(() -> plenigo.subscriptions().subscribe(READER, OfferId.of("automatic"),
                IdempotencyKey.of("subscribe-2")), new SubscriptionResult.Replayed(subscribed));
    }

    @Test
    void anActivationRecordedInTheEarlierFormatReplays() {
        SubscriptionResult.Activated activated = (SubscriptionResult.Activated) plenigo.subscriptions()
                .subscribe(READER, OfferId.of("premium-monthly"), IdempotencyKey.of("subscribe-1"));
        legacy("subscribe-2", "subscription.subscribe", fingerprint(READER, OfferId.of("premium-monthly")),
                "subscription=" + activated.subscription().id().value() + ";charge="
                        + activated.firstCharge().value() + ";items=" + ids(activated.items()));

        assertReplayedWithoutChange(() -> plenigo.subscriptions().subscribe(READER, OfferId.of("premium-monthly"),
                IdempotencyKey.of("subscribe-2")), new SubscriptionResult.Replayed(activated));
    }

    @Test
    void aPurchaseRecordedInTheEarlierFormatReplays() {
        PurchaseResult.Purchased purchased = (PurchaseResult.Purchased) plenigo.purchases()
                .buy(READER, OfferId.of("premium-once"), IdempotencyKey.of("buy-1"));
        legacy("buy-2", "purchase.buy", fingerprint(READER, OfferId.of("premium-once")),
                "purchase=" + purchased.id().value() + ";charge=" + purchased.charge().value() + ";items="
                        + ids(purchased.items()));

        assertReplayedWithoutChange(() -> plenigo.purchases().buy(READER, OfferId.of("premium-once"),
                IdempotencyKey.of("buy-2")), new PurchaseResult.Replayed(purchased));
    }

    @Test
    void anAccessGrantRecordedInTheEarlierFormatReplays() {
        GrantAccess first = GrantAccess.external(READER, PREMIUM, NOW, Optional.empty(), "print-1",
                IdempotencyKey.of("grant-1"));
        AccessRightItem item = plenigo.access().grant(first);
        legacy("grant-2", "access.grant", fingerprint(READER, PREMIUM, first.source(), NOW, null, "print-1"),
                "item=" + item.id().value());

        assertReplayedWithoutChange(() -> plenigo.access().grant(GrantAccess.external(READER, PREMIUM, NOW,
                Optional.empty(), "print-1", IdempotencyKey.of("grant-2"))), item);
    }

    // ----- helpers -----

    private Subscription subscribe(String offer, String key) {
        return ((SubscriptionResult.Subscribed) plenigo.subscriptions().subscribe(READER, OfferId.of(offer),
                IdempotencyKey.of(key))).subscription();
    }

    /** Stores a record as the release before the versioned format wrote it. */
    /**
     * The fingerprint as that release computed it, written out here so that the test also pins it:
     * SHA-256 in hex over each part as its length, a colon, its text and a bar.
     */
    private static String fingerprint(Object... parts) {
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            String s = String.valueOf(part);
            text.append(s.length()).append(':').append(s).append('|');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private void legacy(String key, String operation, String fingerprint, String result) {
        assertThat(store.transactions().inTransaction(() -> store.idempotency().insert(new IdempotencyRecord(
                IdempotencyKey.of(key), operation, fingerprint, result, NOW)))).isTrue();
    }

    private IdempotencyRecord record(String key) {
        return store.transactions().inTransaction(() -> store.idempotency().find(IdempotencyKey.of(key)))
                .orElseThrow();
    }

    private LedgerEntry entry(String id) {
        return plenigo.wallets().ledger(READER, WALLET).stream().filter(e -> e.id().value().equals(id)).findFirst()
                .orElseThrow();
    }

    private static String ids(List<AccessRightItem> items) {
        return items.stream().map(i -> i.id().value()).collect(Collectors.joining(","));
    }

    private void assertReplayedWithoutChange(Supplier<Object> call, Object replay) {
        List<LedgerEntry> ledger = plenigo.wallets().ledger(READER, WALLET);
        List<AccessRightItem> items = plenigo.access().items(READER);
        int charges = store.transactions().inTransaction(() -> store.payments().findByCustomer(READER)).size();

        assertThat(call.get()).isEqualTo(replay);

        assertThat(plenigo.wallets().ledger(READER, WALLET)).isEqualTo(ledger);
        assertThat(plenigo.access().items(READER)).isEqualTo(items);
        assertThat(store.transactions().inTransaction(() -> store.payments().findByCustomer(READER))).hasSize(charges);
    }
}
