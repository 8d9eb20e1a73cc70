package org.plenigo.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;
import org.plenigo.core.subscription.SubscriptionId;
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.core.wallet.CreditsAdded;
import org.plenigo.core.wallet.LedgerEntry;

/**
 * Bad input never reaches the database: over-long ids, unknown currency codes and illegal
 * characters are refused with a {@link ValidationException} naming the field before the store takes
 * a connection or prepares a statement. Values are bound as parameters, never spliced into SQL: an
 * id that tries to end the statement is refused, and free text full of quotes and semicolons is
 * stored and read back unchanged while the SQL text never contains it.
 */
abstract class BadInputBeforeSqlScenarios extends ObservedStoreSupport {
    private static final String ID_129 = "a".repeat(129);
    private static final String INJECTION = "x'); drop table plenigo_customer; --";

    private CustomerId reader;
    private WalletId credits;
    private SubscriptionId subscription;

    BadInputBeforeSqlScenarios(FaultDatabase database) {
        super(database);
    }

    @BeforeEach
    void createReader() {
        reader = customer("reader");
        credits = wallet("credits");
        subscription = subscribe(reader, usageOffer("external-5", credits, 5, TopUpPlan.external())).id();
    }

    /** One bad call, the field its refusal must name, and the value it must quote. */
    record BadCall(String name, String field, String value, Consumer<BadInputBeforeSqlScenarios> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadCall> badCalls() {
        return Stream.of(
                new BadCall("customer id of 129 characters", "customerId", "129",
                        t -> t.plenigo.customers().register(Customer.of(CustomerId.of(ID_129), "a@example.org", "A", "DE"))),
                new BadCall("wallet id of 129 characters", "walletId", "129",
                        t -> t.plenigo.catalog().createWallet(Wallet.of(WalletId.of(ID_129), "W", Money.of("0.50", "EUR")))),
                new BadCall("subscription id of 129 characters", "subscriptionId", "129",
                        t -> t.plenigo.subscriptions().topUp(SubscriptionId.of(ID_129), IdempotencyKey.of("k-1"))),
                new BadCall("idempotency key of 129 characters", "idempotencyKey", "129",
                        t -> t.plenigo.wallets().consume(ConsumeCredits.of(t.reader, t.credits, 1, "article-1",
                                IdempotencyKey.of(ID_129)))),
                new BadCall("offer id of 129 characters", "offerId", "129",
                        t -> t.plenigo.subscriptions().subscribe(t.reader, OfferId.of(ID_129), IdempotencyKey.of("k-1"))),
                new BadCall("unknown currency code", "currency", "XYZ",
                        t -> t.plenigo.catalog().createWallet(Wallet.of(WalletId.of("w-2"), "W", Money.of("0.50", "XYZ")))),
                new BadCall("lower-case currency code", "currency", "eur",
                        t -> t.plenigo.catalog().createWallet(Wallet.of(WalletId.of("w-2"), "W", Money.of("0.50", "eur")))),
                new BadCall("four-letter currency code", "currency", "EURO",
                        t -> t.plenigo.catalog().createWallet(Wallet.of(WalletId.of("w-2"), "W", Money.of("0.50", "EURO")))),
                new BadCall("customer id with a space", "customerId", "reader 2",
                        t -> t.plenigo.customers().register(Customer.of(CustomerId.of("reader 2"), "a@example.org", "A", "DE"))),
                new BadCall("customer id that tries to end the statement", "customerId", INJECTION,
                        t -> t.plenigo.customers().register(Customer.of(CustomerId.of(INJECTION), "a@example.org", "A", "DE"))),
                new BadCall("idempotency key with a quote and a semicolon", "idempotencyKey", "k';1",
                        t -> t.plenigo.subscriptions().topUp(t.subscription, IdempotencyKey.of("k';1"))),
                new BadCall("wallet id with a non-ASCII letter", "walletId", "guthaben-ä",
                        t -> t.plenigo.wallets().grant(t.reader, WalletId.of("guthaben-ä"), 1, "goodwill",
                                IdempotencyKey.of("k-1"))),
                new BadCall("country that is no ISO code", "customer.country", "Germany",
                        t -> t.plenigo.customers().register(Customer.of(CustomerId.of("reader-2"), "a@example.org", "A",
                                "Germany"))),
                new BadCall("grant reason of 201 characters", "reason", "200",
                        t -> t.plenigo.wallets().grant(t.reader, t.credits, 1, "r".repeat(201), IdempotencyKey.of("k-1"))),
                new BadCall("consumption reference of 201 characters", "reference", "200",
                        t -> t.plenigo.wallets().consume(ConsumeCredits.of(t.reader, t.credits, 1, "r".repeat(201),
                                IdempotencyKey.of("k-1")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCalls")
    void badInputIsRefusedNamingTheFieldBeforeAnySqlRuns(BadCall bad) {
        observed.reset();
        connections.breakConnectionAt(sql -> true); // any statement would now fail with a StorageException
        try {
            assertThatThrownBy(() -> bad.call().accept(this)).isExactlyInstanceOf(ValidationException.class)
                    .hasMessageContaining(bad.field()).hasMessageContaining(bad.value());
        } finally {
            connections.breakConnectionAt(null);
        }

        assertThat(observed.statements()).as("statements prepared").isEmpty();
        assertThat(observed.connectionsTaken()).as("connections taken").isZero();
        assertThat(balance(reader, credits)).isEqualTo(5);
        assertThat(plenigo.customers().find(CustomerId.of("reader"))).as("customer table intact").isPresent();
    }

    @Test
    void idsAndKeysOfExactly128CharactersFitTheColumns() {
        String id = "b".repeat(128);
        CustomerId customer = CustomerId.of(id);
        WalletId wallet = WalletId.of(id);

        plenigo.customers().register(Customer.of(customer, "b@example.org", "B", "DE"));
        plenigo.catalog().createWallet(Wallet.of(wallet, "Credits", Money.of("0.50", "EUR")));
        CreditsAdded granted = plenigo.wallets().grant(customer, wallet, 3, "welcome", IdempotencyKey.of(id));

        assertThat(plenigo.customers().find(customer)).map(Customer::id).contains(customer);
        assertThat(plenigo.wallets().grant(customer, wallet, 3, "welcome", IdempotencyKey.of(id)))
                .isEqualTo(new CreditsAdded(granted.entryId(), 3, 3, true));
        assertThat(ledger(customer, wallet)).singleElement().extracting(LedgerEntry::key)
                .isEqualTo(IdempotencyKey.of(id));
    }

    @Test
    void textFullOfQuotesAndSemicolonsIsBoundAsAValueAndReadBackUnchanged() {
        String name = "O'Brien\"; drop table plenigo_customer; --";
        String email = "o'brien;--@example.org";
        String title = "Credits 'premium'); delete from plenigo_wallet; --";
        String reference = "article'); delete from plenigo_ledger_entry where ''='";
        String reason = "goodwill\\'; update plenigo_customer_wallet set balance = 1000000; --";
        observed.reset();

        Customer customer = plenigo.customers().register(Customer.of(CustomerId.of("o-brien"), email, name, "IE"));
        WalletId wallet = plenigo.catalog().createWallet(Wallet.of(WalletId.of("premium"), title,
                Money.of("1.00", "EUR"))).id();
        plenigo.wallets().grant(customer.id(), wallet, 5, reason, IdempotencyKey.of("grant-1"));
        ConsumptionResult consumed = plenigo.wallets().consume(ConsumeCredits.of(customer.id(), wallet, 2, reference,
                IdempotencyKey.of("consume-1")));

        assertThat(consumed).isInstanceOf(ConsumptionResult.Consumed.class);
        assertThat(plenigo.customers().find(customer.id())).contains(customer);
        assertThat(plenigo.catalog().findWallet(wallet)).map(Wallet::title).contains(title);
        assertThat(ledger(customer.id(), wallet)).extracting(LedgerEntry::reference)
                .containsExactly(Optional.of(reason), Optional.of(reference));
        assertThat(balance(customer.id(), wallet)).isEqualTo(3);
        assertThat(balance(reader, credits)).as("the other wallet").isEqualTo(5);
        assertWalletConsistent(customer.id(), wallet);
        List<String> texts = List.of(name, email, title, reference, reason);
        assertThat(observed.statements()).as("SQL texts").isNotEmpty()
                .allSatisfy(sql -> assertThat(texts).noneMatch(sql::contains));
    }

    @Test
    void anOfferTitleWithQuotesRoundTrips() {
        String title = "5 credits; 'monthly' -- \"best\" offer";
        OfferId offer = plenigo.catalog().createOffer(Offer.usageBased(OfferId.of("quoted"), title,
                creditContract("quoted-contract", 5), credits, TopUpPlan.external())).id();

        assertThat(plenigo.catalog().findOffer(offer)).map(Offer::title).contains(title);
    }
}
