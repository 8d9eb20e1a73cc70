package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.OfferType;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.TopUpType;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.payment.Payment;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionId;
import org.plenigo.core.time.Interval;
import org.plenigo.core.topup.SchedulerRun;
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryId;

/**
 * Bad input fails fast with a clear exception (its type, its {@link ErrorCode} and a message that
 * names the field or the offending value) and stores nothing: null, zero and negative credits,
 * currency mismatches, unknown ids, offers whose references are missing or do not fit, an
 * in-line wallet whose offer is refused, and credits that would take a balance beyond
 * {@link Long#MAX_VALUE} (refused by the core before any store is asked to hold them).
 */
public abstract class BadInputContract extends StoreContractSupport {
    private static final IdempotencyKey KEY = IdempotencyKey.of("bad-input-key");

    private CustomerId reader;
    private WalletId articles;
    private OfferId external;
    private Subscription subscription;

    @BeforeEach
    void createReaderWithSubscription() {
        reader = customer("reader-1");
        articles = wallet("article-credits");
        external = usageOffer("external-5", articles, 5, TopUpPlan.external());
        subscription = subscribe(reader, external);
    }

    // ----- credits -----

    @ParameterizedTest(name = "credits = {0}")
    @ValueSource(longs = {0, -1, -5, Long.MIN_VALUE})
    void zeroOrNegativeCreditsAreRefusedAndNothingIsStored(long credits) {
        CustomerId newcomer = customer("reader-2");
        State before = state();

        assertRefused(() -> ConsumeCredits.of(reader, articles, credits, "article-1", KEY),
                ValidationException.class, ErrorCode.INVALID_INPUT, "credits", Long.toString(credits));
        assertRefused(() -> plenigo.wallets().grant(newcomer, articles, credits, "goodwill", KEY),
                ValidationException.class, ErrorCode.INVALID_INPUT, "credits", Long.toString(credits));

        assertUnchangedSince(before);
        assertThat(plenigo.wallets().find(newcomer, articles)).as("no wallet opened for the grant").isEmpty();
    }

    // ----- balance overflow -----

    @Test
    void aGrantThatWouldOverflowTheBalanceIsRefusedNamingTheFieldAndNothingIsStored() {
        State before = state();

        assertInvalid(() -> plenigo.wallets().grant(reader, articles, Long.MAX_VALUE, "goodwill", KEY), "credits",
                Long.toString(Long.MAX_VALUE), "balance 5");

        assertUnchangedSince(before);
    }

    @Test
    void aTopUpThatWouldOverflowTheBalanceIsRefusedBeforeItIsCharged() {
        OfferId huge = usageOffer("external-max", articles, Long.MAX_VALUE, TopUpPlan.external());
        State before = state();

        // the first top-up of a subscription
        assertInvalid(() -> plenigo.subscriptions().subscribe(reader, huge, KEY), "creditsPerTopUp", "balance 5");
        assertUnchangedSince(before);

        // an external top-up
        CustomerId rich = customer("reader-2");
        Subscription full = subscribe(rich, huge);
        assertThat(balance(rich, articles)).isEqualTo(Long.MAX_VALUE);
        List<Payment> charged = charges(rich);
        assertInvalid(() -> plenigo.subscriptions().topUp(full.id(), KEY), "creditsPerTopUp",
                Long.toString(Long.MAX_VALUE));
        assertThat(charges(rich)).isEqualTo(charged);
        assertThat(balance(rich, articles)).isEqualTo(Long.MAX_VALUE);
        assertThat(tx(() -> store.idempotency().find(KEY))).isEmpty();
        assertWalletConsistent(rich, articles);
    }

    @Test
    void automaticTopUpsThatWouldOverflowTheBalanceAreRefusedBeforeTheFirstIsCharged() {
        CustomerId rich = customer("reader-2");
        subscribe(rich, usageOffer("automatic-max", articles, Long.MAX_VALUE, TopUpPlan.automatic()));
        assertThat(consume(rich, articles, Long.MAX_VALUE - 5)).isInstanceOf(ConsumptionResult.Consumed.class);
        List<LedgerEntry> ledger = ledger(rich, articles);
        List<Payment> charged = charges(rich);

        assertInvalid(() -> plenigo.wallets().consume(ConsumeCredits.of(rich, articles, 100, "article-1", KEY)),
                "creditsPerTopUp", "balance 5");

        assertThat(ledger(rich, articles)).isEqualTo(ledger);
        assertThat(charges(rich)).isEqualTo(charged);
        assertThat(tx(() -> store.idempotency().find(KEY))).isEmpty();
        assertWalletConsistent(rich, articles);
    }

    @Test
    void aTimeBasedTopUpThatWouldOverflowTheBalanceIsAFaultOfItsSubscriptionAndIsNotCharged() {
        CustomerId rich = customer("reader-2");
        Subscription monthly = subscribe(rich, usageOffer("monthly-max", articles, Long.MAX_VALUE,
                TopUpPlan.every(Interval.months(1))));
        List<Payment> charged = charges(rich);
        clock.set(START.plusMonths(1).plusHours(1));

        SchedulerRun run = plenigo.topUps().runDue();

        assertThat(run.faulty()).isEqualTo(1);
        assertThat(run.toppedUp()).isZero();
        assertThat(balance(rich, articles)).isEqualTo(Long.MAX_VALUE);
        assertThat(charges(rich)).isEqualTo(charged);
        assertThat(plenigo.subscriptions().find(monthly.id()).orElseThrow().nextTopUpIndex())
                .as("the interval stays due").isEqualTo(monthly.nextTopUpIndex());
        assertWalletConsistent(rich, articles);
    }

    @Test
    void aReversalThatWouldOverflowTheBalanceIsRefusedNamingTheFieldAndNothingIsStored() {
        ConsumptionResult.Consumed consumed = (ConsumptionResult.Consumed) consume(reader, articles, 1);
        plenigo.wallets().grant(reader, articles, Long.MAX_VALUE - 4, "goodwill", newKey());
        State before = state();

        assertInvalid(() -> plenigo.wallets().reverse(consumed.entryId(), KEY), "credits", "1",
                Long.toString(Long.MAX_VALUE));

        assertUnchangedSince(before);
    }

    @Test
    void nullArgumentsAreRefusedNamingTheFieldAndNothingIsStored() {
        State before = state();
        OfferId offer = external;
        SubscriptionId id = subscription.id();

        assertInvalid(() -> plenigo.wallets().consume(null), "request");
        assertInvalid(() -> ConsumeCredits.of(null, articles, 1, "article-1", KEY), "customerId");
        assertInvalid(() -> ConsumeCredits.of(reader, null, 1, "article-1", KEY), "walletId");
        assertInvalid(() -> ConsumeCredits.of(reader, articles, 1, "article-1", null), "idempotencyKey");
        assertInvalid(() -> plenigo.wallets().grant(null, articles, 1, "goodwill", KEY), "customerId");
        assertInvalid(() -> plenigo.wallets().grant(reader, null, 1, "goodwill", KEY), "walletId");
        assertInvalid(() -> plenigo.wallets().grant(reader, articles, 1, null, KEY), "reason");
        assertInvalid(() -> plenigo.wallets().grant(reader, articles, 1, "  ", KEY), "reason");
        assertInvalid(() -> plenigo.wallets().grant(reader, articles, 1, "goodwill", null), "idempotencyKey");
        assertInvalid(() -> plenigo.subscriptions().topUp(null, KEY), "subscriptionId");
        assertInvalid(() -> plenigo.subscriptions().topUp(id, null), "idempotencyKey");
        assertInvalid(() -> plenigo.wallets().reverse(null, KEY), "consumptionId");
        assertInvalid(() -> plenigo.subscriptions().subscribe(null, offer, KEY), "customerId");
        assertInvalid(() -> plenigo.subscriptions().subscribe(reader, null, KEY), "offerId");
        assertInvalid(() -> plenigo.subscriptions().subscribe(reader, offer, null), "idempotencyKey");
        assertInvalid(() -> plenigo.subscriptions().cancel(null), "subscriptionId");
        assertInvalid(() -> plenigo.topUps().runDue(null), "now");
        assertInvalid(() -> plenigo.customers().register(null), "customer");
        assertInvalid(() -> plenigo.catalog().createWallet(null), "wallet");
        assertInvalid(() -> plenigo.catalog().createProductContract(null), "productContract");
        assertInvalid(() -> plenigo.catalog().createOffer(null), "offer");
        assertInvalid(() -> plenigo.catalog().createOffer(Offer.usageBased(OfferId.of("o-new"), "New",
                ProductContractId.of("external-5-contract"), WalletId.of("w-new"), TopUpPlan.automatic()), null),
                "inlineWallet");

        assertUnchangedSince(before);
        assertThat(plenigo.catalog().findOffer(OfferId.of("o-new"))).isEmpty();
    }

    // ----- currency -----

    @Test
    void anOfferWhoseWalletCountsInAnotherCurrencyThanItsContractIsRefusedAndNotStored() {
        ProductContractId dollars = usdContract("usd-contract");
        Offer offer = Offer.usageBased(OfferId.of("o-mismatch"), "Mismatch", dollars, articles, TopUpPlan.automatic());

        assertRefused(() -> plenigo.catalog().createOffer(offer), ValidationException.class,
                ErrorCode.CURRENCY_MISMATCH, "article-credits", "EUR", "usd-contract", "USD");

        assertThat(plenigo.catalog().findOffer(offer.id())).isEmpty();
    }

    // ----- in-line wallet -----

    @Test
    void anInlineWalletIsNotStoredWhenItsOfferIsRefusedForACurrencyMismatch() {
        ProductContractId dollars = usdContract("usd-contract");
        Wallet inline = Wallet.of(WalletId.of("inline-eur"), "In-line", Money.of("1.00", "EUR"));
        Offer offer = Offer.usageBased(OfferId.of("o-inline"), "In-line", dollars, inline.id(), TopUpPlan.automatic());

        assertRefused(() -> plenigo.catalog().createOffer(offer, inline), ValidationException.class,
                ErrorCode.CURRENCY_MISMATCH, "inline-eur", "EUR", "USD");

        assertThat(plenigo.catalog().findWallet(inline.id())).isEmpty();
        assertThat(plenigo.catalog().findOffer(offer.id())).isEmpty();
    }

    @Test
    void anInlineWalletIsNotStoredWhenItsOfferNamesAMissingProductContract() {
        Wallet inline = Wallet.of(WalletId.of("inline-eur"), "In-line", Money.of("1.00", "EUR"));
        Offer offer = Offer.usageBased(OfferId.of("o-inline"), "In-line", ProductContractId.of("no-such-contract"),
                inline.id(), TopUpPlan.automatic());

        assertRefused(() -> plenigo.catalog().createOffer(offer, inline), ValidationException.class,
                ErrorCode.PRODUCT_CONTRACT_REQUIRED, "offer.productContractId", "no-such-contract");

        assertThat(plenigo.catalog().findWallet(inline.id())).isEmpty();
        assertThat(plenigo.catalog().findOffer(offer.id())).isEmpty();
    }

    @Test
    void anInlineWalletIsNotStoredWhenItsOfferIdIsTaken() {
        Wallet inline = Wallet.of(WalletId.of("inline-eur"), "In-line", Money.of("1.00", "EUR"));
        Offer offer = Offer.usageBased(external, "Same id as an existing offer",
                ProductContractId.of("external-5-contract"), inline.id(), TopUpPlan.automatic());

        assertRefused(() -> plenigo.catalog().createOffer(offer, inline), ConflictException.class,
                ErrorCode.ALREADY_EXISTS, "external-5");

        assertThat(plenigo.catalog().findWallet(inline.id())).isEmpty();
        assertThat(plenigo.catalog().findOffer(external).orElseThrow().topUpType()).isEqualTo(TopUpType.EXTERNAL);
    }

    @Test
    void anInlineWalletThatTheOfferDoesNotNameIsRefusedWithNeitherStored() {
        Wallet inline = Wallet.of(WalletId.of("inline-eur"), "In-line", Money.of("1.00", "EUR"));
        Offer offer = Offer.usageBased(OfferId.of("o-inline"), "In-line", ProductContractId.of("external-5-contract"),
                articles, TopUpPlan.automatic());

        assertRefused(() -> plenigo.catalog().createOffer(offer, inline), ValidationException.class,
                ErrorCode.INVALID_INPUT, "offer.walletId", "inline-eur");

        assertThat(plenigo.catalog().findWallet(inline.id())).isEmpty();
        assertThat(plenigo.catalog().findOffer(offer.id())).isEmpty();
    }

    @Test
    void anInlineWalletWhoseIdIsTakenIsRefusedAndTheExistingWalletKept() {
        Wallet inline = Wallet.of(articles, "Would replace the existing wallet", Money.of("9.00", "EUR"));
        Offer offer = Offer.usageBased(OfferId.of("o-inline"), "In-line", ProductContractId.of("external-5-contract"),
                articles, TopUpPlan.automatic());

        assertRefused(() -> plenigo.catalog().createOffer(offer, inline), ConflictException.class,
                ErrorCode.ALREADY_EXISTS, "article-credits");

        assertThat(plenigo.catalog().findWallet(articles).orElseThrow().creditValue()).isEqualTo(Money.of("0.50", "EUR"));
        assertThat(plenigo.catalog().findOffer(offer.id())).isEmpty();
    }

    // ----- offers and their references -----

    @Test
    void anOfferWithoutProductContractIsRefused() {
        assertInvalid(() -> Offer.usageBased(OfferId.of("o-new"), "New", null, articles, TopUpPlan.automatic()),
                "offer.productContractId");
    }

    @Test
    void anOfferReferringToAMissingProductContractIsRefusedAndNotStored() {
        Offer offer = Offer.usageBased(OfferId.of("o-new"), "New", ProductContractId.of("no-such-contract"), articles,
                TopUpPlan.automatic());

        assertRefused(() -> plenigo.catalog().createOffer(offer), ValidationException.class,
                ErrorCode.PRODUCT_CONTRACT_REQUIRED, "offer.productContractId", "no-such-contract");

        assertThat(plenigo.catalog().findOffer(offer.id())).isEmpty();
    }

    @Test
    void aUsageBasedOfferWithoutWalletOrTopUpPlanIsRefused() {
        ProductContractId contract = ProductContractId.of("external-5-contract");

        assertRefused(() -> new Offer(OfferId.of("o-new"), "New", OfferType.USAGE_BASED_SUBSCRIPTION, contract,
                Optional.empty(), Optional.of(TopUpPlan.automatic()), Set.of()), ValidationException.class,
                ErrorCode.WALLET_REQUIRED, "offer.walletId");
        assertInvalid(() -> new Offer(OfferId.of("o-new"), "New", OfferType.USAGE_BASED_SUBSCRIPTION, contract,
                Optional.of(articles), Optional.empty(), Set.of()), "offer.topUp");
        assertRefused(() -> Offer.usageBased(OfferId.of("o-new"), "New", contract, null, TopUpPlan.automatic()),
                ValidationException.class, ErrorCode.WALLET_REQUIRED, "offer.walletId");
        assertInvalid(() -> Offer.usageBased(OfferId.of("o-new"), "New", contract, articles, null), "offer.topUp");
        assertInvalid(() -> new TopUpPlan(TopUpType.TIME_BASED, Optional.empty()), "topUp.interval");
        assertInvalid(() -> new TopUpPlan(TopUpType.AUTOMATIC, Optional.of(Interval.months(1))), "topUp.interval",
                "AUTOMATIC");
        assertThat(plenigo.catalog().findOffer(OfferId.of("o-new"))).isEmpty();
    }

    @Test
    void anOfferReferringToAMissingWalletIsRefusedAndNotStored() {
        Offer offer = Offer.usageBased(OfferId.of("o-new"), "New", ProductContractId.of("external-5-contract"),
                WalletId.of("no-such-wallet"), TopUpPlan.automatic());

        assertRefused(() -> plenigo.catalog().createOffer(offer), ValidationException.class,
                ErrorCode.WALLET_REQUIRED, "offer.walletId", "no-such-wallet");

        assertThat(plenigo.catalog().findOffer(offer.id())).isEmpty();
    }

    @Test
    void anOfferReferringToAMissingAccessRightIsRefusedAndNotStored() {
        ProductContractId access = plenigo.catalog().createProductContract(ProductContract.timeBased(
                ProductContractId.of("access-contract"), "Access", Money.of("9.90", "EUR"), TaxType.DIGITAL_NEWSPAPER,
                Interval.months(1))).id();
        Offer offer = Offer.timeBased(OfferId.of("o-access"), "Access", access, Set.of(AccessRightId.of("premium")));

        assertRefused(() -> plenigo.catalog().createOffer(offer), NotFoundException.class, ErrorCode.NOT_FOUND,
                "access right", "premium");

        assertThat(plenigo.catalog().findOffer(offer.id())).isEmpty();
    }

    @Test
    void aUsageBasedOfferOnATimeBasedContractIsRefusedAndNotStored() {
        ProductContractId access = plenigo.catalog().createProductContract(ProductContract.timeBased(
                ProductContractId.of("access-contract"), "Access", Money.of("9.90", "EUR"), TaxType.DIGITAL_NEWSPAPER,
                Interval.months(1))).id();
        Offer offer = Offer.usageBased(OfferId.of("o-new"), "New", access, articles, TopUpPlan.automatic());

        assertRefused(() -> plenigo.catalog().createOffer(offer), ValidationException.class, ErrorCode.INVALID_INPUT,
                "offer.productContractId", "access-contract", "TIME_BASED");

        assertThat(plenigo.catalog().findOffer(offer.id())).isEmpty();
    }

    // ----- unknown ids -----

    @Test
    void unknownIdsAreRefusedAndNothingIsStored() {
        CustomerId nobody = CustomerId.of("nobody");
        WalletId noWallet = WalletId.of("no-such-wallet");
        State before = state();

        assertNotFound(() -> plenigo.subscriptions().subscribe(nobody, external, KEY), "customer", "nobody");
        assertNotFound(() -> plenigo.subscriptions().subscribe(reader, OfferId.of("no-such-offer"), KEY), "offer",
                "no-such-offer");
        assertNotFound(() -> plenigo.wallets().consume(ConsumeCredits.of(nobody, articles, 1, "article-1", KEY)),
                "customer", "nobody");
        assertNotFound(() -> plenigo.wallets().consume(ConsumeCredits.of(reader, noWallet, 1, "article-1", KEY)),
                "wallet", "no-such-wallet");
        assertNotFound(() -> plenigo.wallets().grant(nobody, articles, 1, "goodwill", KEY), "customer", "nobody");
        assertNotFound(() -> plenigo.wallets().grant(reader, noWallet, 1, "goodwill", KEY), "wallet",
                "no-such-wallet");
        assertNotFound(() -> plenigo.subscriptions().topUp(SubscriptionId.of("no-such-subscription"), KEY),
                "subscription", "no-such-subscription");
        assertNotFound(() -> plenigo.subscriptions().cancel(SubscriptionId.of("no-such-subscription")),
                "subscription", "no-such-subscription");
        assertNotFound(() -> plenigo.wallets().reverse(LedgerEntryId.of("no-such-entry"), KEY), "ledger entry",
                "no-such-entry");

        assertUnchangedSince(before);
        assertThat(tx(() -> store.customers().find(nobody))).isEmpty();
        assertThat(plenigo.subscriptions().findByCustomer(nobody)).isEmpty();
        assertThat(plenigo.wallets().find(nobody, articles)).isEmpty();
        assertThat(plenigo.wallets().find(reader, noWallet)).isEmpty();
        assertThat(tx(() -> store.payments().findByCustomer(nobody))).isEmpty();
    }

    @Test
    void subscribingToASinglePurchaseIsAnInvalidStateAndStoresNothing() {
        ProductContractId access = plenigo.catalog().createProductContract(ProductContract.timeBased(
                ProductContractId.of("access-contract"), "Access", Money.of("9.90", "EUR"), TaxType.DIGITAL_NEWSPAPER,
                Interval.months(1))).id();
        plenigo.catalog().createAccessRight(new org.plenigo.core.catalog.AccessRight(AccessRightId.of("premium"),
                "Premium"));
        OfferId single = plenigo.catalog().createOffer(Offer.singlePurchase(OfferId.of("o-access"), "Access", access,
                Set.of(AccessRightId.of("premium")), java.util.Optional.empty())).id();
        State before = state();

        assertRefused(() -> plenigo.subscriptions().subscribe(reader, single, KEY), ConflictException.class,
                ErrorCode.INVALID_STATE, "o-access", "SINGLE_PURCHASE");

        assertUnchangedSince(before);
    }

    @Test
    void reversingAnEntryThatIsNoConsumptionIsRefusedAndStoresNothing() {
        LedgerEntry topUp = ledger(reader, articles).get(0);
        State before = state();

        assertRefused(() -> plenigo.wallets().reverse(topUp.id(), KEY), ValidationException.class,
                ErrorCode.INVALID_INPUT, topUp.id().value(), "TOP_UP");

        assertUnchangedSince(before);
    }

    // ----- duplicates and nonsense values -----

    @Test
    void duplicateIdsAreRefusedAndTheOriginalKept() {
        assertRefused(() -> plenigo.catalog().createWallet(Wallet.of(articles, "Other", Money.of("3.00", "EUR"))),
                ConflictException.class, ErrorCode.ALREADY_EXISTS, "article-credits");
        assertRefused(() -> plenigo.customers().register(Customer.of(reader, "other@example.org", "Other", "FR")),
                ConflictException.class, ErrorCode.ALREADY_EXISTS, "reader-1");
        assertRefused(() -> creditContract("external-5-contract", 9), ConflictException.class,
                ErrorCode.ALREADY_EXISTS, "external-5-contract");

        assertThat(plenigo.catalog().findWallet(articles).orElseThrow().title()).isEqualTo("Credits article-credits");
        assertThat(plenigo.customers().find(reader).orElseThrow().email()).isEqualTo("reader-1@example.org");
        assertThat(plenigo.catalog().findProductContract(ProductContractId.of("external-5-contract")).orElseThrow()
                .creditsPerTopUp()).isEqualTo(5);
    }

    @Test
    void nonsenseValuesAreRefusedNamingTheFieldAndTheValue() {
        assertInvalid(() -> Money.of("1.999", "EUR"), "1.999", "EUR");
        assertInvalid(() -> Money.of("ten", "EUR"), "ten");
        assertInvalid(() -> Money.of("1.00", "EURO"), "EURO");
        assertInvalid(() -> Wallet.of(WalletId.of("w-free"), "Free", Money.of("0.00", "EUR")), "wallet.creditValue");
        assertInvalid(() -> ProductContract.creditBased(ProductContractId.of("pc"), "None", Money.of("1.00", "EUR"),
                TaxType.FEE, 0), "productContract.creditsPerTopUp", "0");
        assertInvalid(() -> ProductContract.creditBased(ProductContractId.of("pc"), "Negative",
                Money.of("-1.00", "EUR"), TaxType.FEE, 5), "productContract.price", "-1.00");
        assertInvalid(() -> Interval.months(0), "interval.count", "0");
        assertInvalid(() -> Interval.days(-3), "interval.count", "-3");
        assertInvalid(() -> Customer.of(CustomerId.of("c-x"), "not-an-email", "X", "DE"), "customer.email",
                "not-an-email");
        assertInvalid(() -> Customer.of(CustomerId.of("c-x"), "x@example.org", "X", "XX"), "customer.country", "XX");
        assertInvalid(() -> IdempotencyKey.of("has space"), "idempotencyKey", "has space");
        assertInvalid(() -> CustomerId.of(""), "customerId");
    }

    // ----- helpers -----

    private ProductContractId usdContract(String id) {
        return plenigo.catalog().createProductContract(ProductContract.creditBased(ProductContractId.of(id),
                "Dollar pack", Money.of("5.00", "USD"), TaxType.DIGITAL_PRODUCT, 5)).id();
    }

    /** What the fixture customer has: changes to any of it mean something was stored. */
    private record State(List<LedgerEntry> ledger, List<Payment> charges, List<Subscription> subscriptions,
                         long balance, boolean keyRecorded) {
    }

    private State state() {
        return new State(ledger(reader, articles), charges(reader), plenigo.subscriptions().findByCustomer(reader),
                balance(reader, articles), tx(() -> store.idempotency().find(KEY)).isPresent());
    }

    private void assertUnchangedSince(State before) {
        assertThat(state()).isEqualTo(before);
        assertThat(before.keyRecorded()).isFalse();
        assertWalletConsistent(reader, articles);
    }
}
