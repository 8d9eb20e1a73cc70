package org.plenigo.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessRightItemId;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.access.IpRange;
import org.plenigo.core.access.Meter;
import org.plenigo.core.access.MeterReading;
import org.plenigo.core.access.SponsorGrant;
import org.plenigo.core.access.SponsorGrantId;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.CreditProduct;
import org.plenigo.core.catalog.CreditProductId;
import org.plenigo.core.catalog.MeterAlignment;
import org.plenigo.core.catalog.MeterRule;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.money.Money;
import org.plenigo.core.store.Store;
import org.plenigo.core.time.Interval;
import org.plenigo.core.time.IntervalUnit;
import org.plenigo.store.tck.ForCheck;
import org.plenigo.store.tck.StoreContractSupport;

/**
 * The JDBC store's access repositories, its changed catalog and customer records and
 * {@code Transactions.read}, on PostgreSQL (both layouts) and H2: what is stored is found as it was
 * stored, the access check is one statement, a read on an auto-commit connection neither begins nor
 * commits a transaction, meters and reader budgets hold under eight threads at once, and all of it
 * rolls back with its unit of work.
 */
@ParameterizedClass
@EnumSource(JdbcAccessStoreTest.Database.class)
class JdbcAccessStoreTest extends StoreContractSupport {
    private static final Instant T = Instant.parse("2025-03-01T00:00:00Z");
    private static final CustomerId ANNA = CustomerId.of("anna");
    private static final CustomerId BEN = CustomerId.of("ben");
    private static final CustomerId CARL = CustomerId.of("carl");
    private static final AccessRightId PREMIUM = AccessRightId.of("premium");
    private static final AccessRightId EPAPER = AccessRightId.of("epaper");
    private static final AccessRightId PODCAST = AccessRightId.of("podcast");
    private static final ContentId ARTICLE = ContentId.of("article-1");
    private static final ContentId OTHER_ARTICLE = ContentId.of("article-2");
    private static final String READER = "c:anna";

    /** Where the store under test lives. */
    enum Database {
        POSTGRESQL, POSTGRESQL_CUSTOM_LAYOUT, H2
    }

    @Parameter
    Database database;

    private DataSource raw;
    private ThreadConnectionDataSource connections;
    private ObservedDataSource observed;
    private JdbcStore jdbc;

    @Override
    protected Store newStore() {
        JdbcStore.Builder builder;
        switch (database) {
            case POSTGRESQL, POSTGRESQL_CUSTOM_LAYOUT -> {
                JdbcStore emptied = database == Database.POSTGRESQL ? TestStores.postgres()
                        : TestStores.postgresCustomLayout();
                raw = EmbeddedDatabases.postgres();
                connections = new ThreadConnectionDataSource(raw);
                builder = JdbcStore.builder(observed = new ObservedDataSource(connections)).schema(emptied.schema())
                        .tablePrefix(emptied.tablePrefix());
            }
            default -> {
                raw = EmbeddedDatabases.newH2();
                JdbcStore.builder(raw).build();
                connections = new ThreadConnectionDataSource(raw);
                builder = JdbcStore.builder(observed = new ObservedDataSource(connections));
            }
        }
        jdbc = builder.schemaMode(SchemaMode.NONE).build();
        return jdbc;
    }

    @BeforeEach
    void insertCustomers() {
        txRun(() -> {
            for (CustomerId id : List.of(ANNA, BEN, CARL)) {
                jdbc.customers().insert(Customer.of(id, id.value() + "@example.org", "Reader " + id, "DE"));
            }
        });
    }

    @AfterEach
    void closeConnections() {
        connections.closeAll();
    }

    // ----- customers, catalog and charges -----

    @Test
    void aCustomersBlockedFlagIsStoredAndSet() {
        Customer blocked = Customer.of(CustomerId.of("dora"), "dora@example.org", "Dora", "AT").withBlocked(true);

        assertThat(tx(() -> jdbc.customers().insert(blocked))).isTrue();
        assertThat(tx(() -> jdbc.customers().find(blocked.id()))).contains(blocked);
        assertThat(tx(() -> jdbc.customers().find(ANNA)).orElseThrow().blocked()).isFalse();

        assertThat(tx(() -> jdbc.customers().setBlocked(ANNA, true))).isTrue();
        assertThat(tx(() -> jdbc.customers().setBlocked(ANNA, true))).as("already blocked, still there").isTrue();
        assertThat(tx(() -> jdbc.customers().find(ANNA)).orElseThrow().blocked()).isTrue();
        assertThat(tx(() -> jdbc.customers().setBlocked(blocked.id(), false))).isTrue();
        assertThat(tx(() -> jdbc.customers().find(blocked.id()))).contains(blocked.withBlocked(false));
        assertThat(tx(() -> jdbc.customers().setBlocked(CustomerId.of("missing"), true))).isFalse();
    }

    @Test
    void meteredAndHardAccessRightsAreFoundAsStored() {
        AccessRight metered = AccessRight.metered(PREMIUM, "Premium",
                new MeterRule(0, 10_000, IntervalUnit.MONTH, MeterAlignment.ROLLING));
        AccessRight calendar = AccessRight.metered(PODCAST, "Podcast",
                new MeterRule(3, 5, IntervalUnit.WEEK, MeterAlignment.CALENDAR));
        AccessRight hard = new AccessRight(EPAPER, "E-paper");

        txRun(() -> List.of(metered, calendar, hard).forEach(jdbc.accessRights()::insert));

        assertThat(tx(() -> jdbc.accessRights().find(PREMIUM))).contains(metered);
        assertThat(tx(() -> jdbc.accessRights().find(PODCAST))).contains(calendar);
        assertThat(tx(() -> jdbc.accessRights().find(EPAPER))).contains(hard);
    }

    @Test
    void offersKeepTheirAccessDurationAndAreFoundByTheRightsTheyGrant() {
        ProductContractId contract = ProductContractId.of("pc");
        Offer week = Offer.singlePurchase(OfferId.of("o-week"), "A week", contract, Set.of(PREMIUM),
                Optional.of(Interval.weeks(1)));
        Offer forever = Offer.singlePurchase(OfferId.of("o-forever"), "For ever", contract, Set.of(PREMIUM, EPAPER),
                Optional.empty());
        Offer monthly = Offer.timeBased(OfferId.of("o-monthly"), "Monthly", contract, Set.of(EPAPER));
        Offer podcast = Offer.timeBased(OfferId.of("o-audio"), "Audio", contract, Set.of(PODCAST));
        txRun(() -> {
            jdbc.productContracts().insert(ProductContract.timeBased(contract, "Access", Money.of("9.90", "EUR"),
                    TaxType.DIGITAL_NEWSPAPER, Interval.months(1)));
            for (AccessRightId right : List.of(PREMIUM, EPAPER, PODCAST)) {
                jdbc.accessRights().insert(new AccessRight(right, right.value()));
            }
            List.of(week, forever, monthly, podcast).forEach(jdbc.offers()::insert);
        });

        assertThat(tx(() -> jdbc.offers().find(week.id()))).contains(week);
        assertThat(tx(() -> jdbc.offers().find(forever.id()))).contains(forever);
        assertThat(tx(() -> jdbc.offers().findGranting(List.of(EPAPER, PREMIUM, EPAPER))))
                .containsExactly(forever.id(), monthly.id(), week.id());
        assertThat(tx(() -> jdbc.offers().findGranting(List.of(PODCAST)))).containsExactly(podcast.id());
        assertThat(tx(() -> jdbc.offers().findGranting(List.of(AccessRightId.of("none"))))).isEmpty();
        assertThat(tx(() -> jdbc.offers().findGranting(List.of()))).isEmpty();
    }

    @Test
    void creditProductsKeepTheOrderOfTheirContents() {
        WalletId wallet = WalletId.of("credits");
        List<ContentId> sessions = List.of(ContentId.of("s-3"), ContentId.of("s-1"), ContentId.of("s-2"));
        CreditProduct series = CreditProduct.webinarSeries(CreditProductId.of("cp-series"), "Series", wallet, 12,
                sessions, 2);
        CreditProduct article = CreditProduct.article(CreditProductId.of("cp-article"), "Article", wallet, 1, ARTICLE);
        txRun(() -> jdbc.walletDefinitions().insert(Wallet.of(wallet, "Credits", Money.of("0.50", "EUR"))));

        assertThat(tx(() -> jdbc.creditProducts().insert(series))).isTrue();
        assertThat(tx(() -> jdbc.creditProducts().insert(article))).isTrue();
        assertThat(tx(() -> jdbc.creditProducts().insert(CreditProduct.issue(series.id(), "Other", wallet, 3,
                OTHER_ARTICLE)))).isFalse();

        assertThat(tx(() -> jdbc.creditProducts().find(series.id()))).contains(series);
        assertThat(tx(() -> jdbc.creditProducts().find(series.id())).orElseThrow().contents())
                .containsExactlyElementsOf(sessions);
        assertThat(tx(() -> jdbc.creditProducts().find(article.id()))).contains(article);
        assertThat(tx(() -> jdbc.creditProducts().find(CreditProductId.of("missing")))).isEmpty();
    }

    // ----- access right items -----

    @Test
    void itemsAreInsertedOnceAndListedByStartThenId() {
        AccessRightItem later = right("i-a", ANNA, PREMIUM, T.plusSeconds(60), null);
        AccessRightItem firstB = content("i-b", ANNA, ARTICLE, T, T.plus(Duration.ofDays(1)));
        AccessRightItem firstA = new AccessRightItem(AccessRightItemId.of("i-0"), ANNA, Optional.of(EPAPER),
                Optional.empty(), AccessSource.EXTERNAL, T, Optional.empty(), true, Optional.of("print-4711"));
        AccessRightItem bens = right("i-c", BEN, PREMIUM, T.minusSeconds(60), null);

        assertThat(tx(() -> List.of(later, firstB, firstA, bens).stream().allMatch(jdbc.accessRightItems()::insert)))
                .isTrue();
        assertThat(tx(() -> jdbc.accessRightItems().insert(content("i-a", BEN, ARTICLE, T, null)))).isFalse();

        assertThat(tx(() -> jdbc.accessRightItems().find(firstA.id()))).contains(firstA);
        assertThat(tx(() -> jdbc.accessRightItems().find(firstB.id()))).contains(firstB);
        assertThat(tx(() -> jdbc.accessRightItems().find(AccessRightItemId.of("missing")))).isEmpty();
        assertThat(tx(() -> jdbc.accessRightItems().findByCustomer(ANNA))).containsExactly(firstA, firstB, later);
        assertThat(tx(() -> jdbc.accessRightItems().findByCustomer(CARL))).isEmpty();
    }

    @Test
    void anItemEndsOnlyEarlierAndNeverBeforeItsStart() {
        AccessRightItem open = right("i-open", ANNA, PREMIUM, T, null);
        AccessRightItem ending = right("i-ending", ANNA, EPAPER, T, T.plus(Duration.ofDays(30)));
        txRun(() -> List.of(open, ending).forEach(jdbc.accessRightItems()::insert));

        assertThat(tx(() -> jdbc.accessRightItems().end(open.id(), T.plus(Duration.ofDays(10))))).isTrue();
        assertThat(endOf(open)).contains(T.plus(Duration.ofDays(10)));
        assertThat(tx(() -> jdbc.accessRightItems().end(open.id(), T.plus(Duration.ofDays(20)))))
                .as("a later end").isFalse();
        assertThat(tx(() -> jdbc.accessRightItems().end(open.id(), T.plus(Duration.ofDays(10)))))
                .as("the same end").isFalse();
        assertThat(endOf(open)).contains(T.plus(Duration.ofDays(10)));

        assertThat(tx(() -> jdbc.accessRightItems().end(ending.id(), T.minus(Duration.ofDays(5))))).isTrue();
        assertThat(endOf(ending)).as("ended at its start").contains(T);
        assertThat(tx(() -> jdbc.accessRightItems().end(ending.id(), T.minusSeconds(1)))).isFalse();
        assertThat(tx(() -> jdbc.accessRightItems().end(AccessRightItemId.of("missing"), T))).isFalse();
    }

    @Test
    void anItemIsBlockedAndUnblocked() {
        AccessRightItem item = right("i-1", ANNA, PREMIUM, T, null);
        txRun(() -> jdbc.accessRightItems().insert(item));

        assertThat(tx(() -> jdbc.accessRightItems().setBlocked(item.id(), true))).isTrue();
        assertThat(tx(() -> jdbc.accessRightItems().find(item.id())).orElseThrow().blocked()).isTrue();
        assertThat(tx(() -> jdbc.accessRightItems().setBlocked(item.id(), true))).isTrue();
        assertThat(tx(() -> jdbc.accessRightItems().setBlocked(item.id(), false))).isTrue();
        assertThat(tx(() -> jdbc.accessRightItems().find(item.id()))).contains(item);
        assertThat(tx(() -> jdbc.accessRightItems().setBlocked(AccessRightItemId.of("missing"), true))).isFalse();
    }

    @Test
    void holdersAreTheCustomersWithAnItemOverlappingTheHalfOpenPeriodOnceEachById() {
        Instant from = T.plus(Duration.ofDays(10));
        Instant to = T.plus(Duration.ofDays(20));
        txRun(() -> {
            jdbc.accessRightItems().insert(right("i-1", CARL, PREMIUM, T, null));
            jdbc.accessRightItems().insert(content("i-2", CARL, ARTICLE, from, to));
            jdbc.accessRightItems().insert(right("i-3", BEN, PREMIUM, to.minusSeconds(1), null));
            jdbc.accessRightItems().insert(right("i-4", ANNA, PREMIUM, T, from)); // ends as the period starts
            jdbc.accessRightItems().insert(right("i-5", ANNA, EPAPER, to, null)); // starts as it ends
        });

        assertThat(tx(() -> jdbc.accessRightItems().findHolders(from, to))).containsExactly(BEN, CARL);

        txRun(() -> jdbc.accessRightItems().setBlocked(AccessRightItemId.of("i-3"), true));
        assertThat(tx(() -> jdbc.accessRightItems().findHolders(from, to))).as("blocked or not")
                .containsExactly(BEN, CARL);
        assertThat(tx(() -> jdbc.accessRightItems().findHolders(from.minusSeconds(1), to.plusSeconds(1))))
                .containsExactly(ANNA, BEN, CARL);
        assertThat(tx(() -> jdbc.accessRightItems().findHolders(T.minus(Duration.ofDays(9)), T))).isEmpty();
    }

    @Test
    void theAccessCheckReadsTheCustomerAndItsMatchingItemsNotEndedInOneStatement() {
        AccessRightItem premium = right("i-premium", ANNA, PREMIUM, T.minus(Duration.ofDays(1)), null);
        AccessRightItem blocked = new AccessRightItem(AccessRightItemId.of("i-blocked"), ANNA, Optional.of(EPAPER),
                Optional.empty(), AccessSource.SINGLE_PURCHASE, T.minus(Duration.ofDays(2)),
                Optional.of(T.plusSeconds(1)), true, Optional.empty());
        AccessRightItem future = right("i-future", ANNA, PREMIUM, T.plus(Duration.ofDays(3)), null);
        AccessRightItem unlocked = content("i-unlocked", ANNA, ARTICLE, T.minus(Duration.ofDays(1)), null);
        AccessRightItem endedNow = right("i-ended", ANNA, PREMIUM, T.minus(Duration.ofDays(9)), T);
        AccessRightItem otherRight = right("i-podcast", ANNA, PODCAST, T.minus(Duration.ofDays(9)), null);
        AccessRightItem otherContent = content("i-other", ANNA, OTHER_ARTICLE, T.minus(Duration.ofDays(9)), null);
        AccessRightItem bens = right("i-ben", BEN, PREMIUM, T.minus(Duration.ofDays(9)), null);
        txRun(() -> List.of(premium, blocked, future, unlocked, endedNow, otherRight, otherContent, bens)
                .forEach(jdbc.accessRightItems()::insert));
        Customer anna = tx(() -> jdbc.customers().find(ANNA)).orElseThrow();

        observed.reset();
        ForCheck access = jdbc.transactions().read(() -> ForCheck.read(jdbc.accessRightItems(), ANNA,
                List.of(PREMIUM, EPAPER), List.of(ARTICLE, ContentId.of("article-9")), T));

        assertThat(access).isEqualTo(ForCheck.of(anna, blocked, premium, unlocked, future));
        assertThat(observed.statements()).as("statements of one access check").hasSize(1);
        assertThat(observed.connectionsTaken()).isEqualTo(1);
        assertThat(observed.transactionCalls()).as("no transaction begun or committed").isEmpty();

        assertThat(read(() -> ForCheck.read(jdbc.accessRightItems(), ANNA, List.of(PREMIUM), List.of(), T)))
                .isEqualTo(ForCheck.of(anna, premium, future));
        assertThat(read(() -> ForCheck.read(jdbc.accessRightItems(), ANNA, List.of(), List.of(ARTICLE), T)))
                .isEqualTo(ForCheck.of(anna, unlocked));
        assertThat(read(() -> ForCheck.read(jdbc.accessRightItems(), ANNA, List.of(), List.of(), T)))
                .isEqualTo(ForCheck.of(anna));
        assertThat(read(() -> ForCheck.read(jdbc.accessRightItems(), CARL, List.of(PREMIUM), List.of(ARTICLE), T)))
                .isEqualTo(ForCheck.of(tx(() -> jdbc.customers().find(CARL)).orElseThrow()));
        assertThat(read(() -> ForCheck.read(jdbc.accessRightItems(), ANNA, List.of(PREMIUM), List.of(),
                T.minus(Duration.ofDays(5))))).as("earlier, the ended item had not ended yet")
                .isEqualTo(ForCheck.of(anna, endedNow, premium, future));

        observed.reset();
        assertThat(read(() -> ForCheck.read(jdbc.accessRightItems(), CustomerId.of("unknown"), List.of(PREMIUM),
                List.of(ARTICLE), T))).isEqualTo(ForCheck.UNKNOWN);
        assertThat(observed.statements()).hasSize(1);
    }

    // ----- Transactions.read -----

    @Test
    void aReadOnAnAutoCommitConnectionNeitherSwitchesAutoCommitNorCommits() {
        observed.reset();

        assertThat(read(() -> jdbc.customers().find(ANNA))).isPresent();
        assertThat(read(() -> List.of(jdbc.customers().find(BEN), jdbc.accessRightItems().findByCustomer(BEN))))
                .hasSize(2);
        assertThatThrownBy(() -> read(() -> {
            jdbc.customers().find(ANNA);
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(observed.transactionCalls()).isEmpty();
        assertThat(observed.statements()).hasSize(4);
        assertThat(observed.connectionsTaken()).isEqualTo(3);
    }

    @Test
    void aReadInsideAUnitOfWorkJoinsIt() {
        observed.reset();

        Optional<Customer> seen = tx(() -> {
            jdbc.customers().insert(Customer.of(CustomerId.of("dora"), "dora@example.org", "Dora", "AT"));
            return read(() -> jdbc.customers().find(CustomerId.of("dora")));
        });

        assertThat(seen).isPresent();
        assertThat(observed.connectionsTaken()).isEqualTo(1);
        assertThat(observed.transactionCalls()).containsExactly("setAutoCommit(false)", "commit()",
                "setAutoCommit(true)");
    }

    @Test
    void aUnitOfWorkInsideAStatementByStatementReadIsAtomicOnItsConnection() {
        observed.reset();

        assertThatThrownBy(() -> read(() -> tx(() -> {
            jdbc.customers().insert(Customer.of(CustomerId.of("dora"), "dora@example.org", "Dora", "AT"));
            throw new IllegalStateException("boom");
        }))).hasMessage("boom");
        assertThat(observed.transactionCalls()).containsExactly("setAutoCommit(false)", "rollback()",
                "setAutoCommit(true)");
        assertThat(read(() -> jdbc.customers().find(CustomerId.of("dora")))).isEmpty();

        observed.reset();
        read(() -> {
            tx(() -> jdbc.customers().insert(Customer.of(CustomerId.of("dora"), "dora@example.org", "Dora", "AT")));
            return jdbc.customers().find(CustomerId.of("dora"));
        });
        assertThat(observed.transactionCalls()).containsExactly("setAutoCommit(false)", "commit()",
                "setAutoCommit(true)");
        assertThat(observed.connectionsTaken()).isEqualTo(1);
        assertThat(tx(() -> jdbc.customers().find(CustomerId.of("dora")))).isPresent();
    }

    @Test
    void aReadOnAConnectionNotInAutoCommitModeRunsAsAUnitOfWork() throws SQLException {
        try (Connection pooled = raw.getConnection()) {
            pooled.setAutoCommit(false);
            ObservedDataSource pool = ObservedDataSource.holding(pooled);
            JdbcStore onPool = sameLayout(JdbcStore.builder(pool)).build();

            assertThat(onPool.transactions().read(() -> onPool.customers().find(ANNA))).isPresent();
            assertThat(pool.transactionCalls()).containsExactly("commit()");

            pool.reset();
            assertThatThrownBy(() -> onPool.transactions().read(() -> {
                onPool.customers().find(ANNA);
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThat(pool.transactionCalls()).containsExactly("rollback()");
        }
    }

    @Test
    void aReadInAHostTransactionRunsFromASavepointOfItsOwn() throws SQLException {
        try (Connection host = raw.getConnection()) {
            host.setAutoCommit(false);
            ObservedDataSource handedOut = ObservedDataSource.holding(host);
            JdbcStore joined = sameLayout(JdbcStore.builder(handedOut)).joinHostTransactions().build();

            assertThat(joined.transactions().read(() -> joined.customers().find(ANNA))).isPresent();
            assertThat(handedOut.transactionCalls()).containsExactly("setSavepoint()", "releaseSavepoint(savepoint)");
            host.rollback();
        }
    }

    @Test
    void aReadSeesNoWriteOfAUnitOfWorkNotCommitted() throws SQLException {
        try (Connection writer = raw.getConnection()) {
            writer.setAutoCommit(false);
            try (PreparedStatement insert = writer.prepareStatement("insert into " + table("customer")
                    + " (id, email, name, country) values ('dora', 'dora@example.org', 'Dora', 'AT')")) {
                insert.executeUpdate();
            }

            assertThat(read(() -> jdbc.customers().find(CustomerId.of("dora")))).isEmpty();
            writer.commit();
            assertThat(read(() -> jdbc.customers().find(CustomerId.of("dora")))).isPresent();
        }
    }

    // ----- meters -----

    @Test
    void aMeterIsInsertedOnceAndReadWithWhetherTheContentWasCounted() {
        Meter meter = new Meter(READER, PREMIUM, T, T.plus(Duration.ofDays(30)), 2);

        assertThat(tx(() -> jdbc.meters().read(READER, PREMIUM, ARTICLE))).isEmpty();
        assertThat(tx(() -> jdbc.meters().insert(meter))).isTrue();
        assertThat(tx(() -> jdbc.meters().insert(new Meter(READER, PREMIUM, T, T.plusSeconds(1), 0)))).isFalse();
        assertThat(tx(() -> jdbc.meters().insert(new Meter(READER, EPAPER, T, T.plusSeconds(1), 0)))).isTrue();
        assertThat(tx(() -> jdbc.meters().insert(new Meter("v:visitor-1", PREMIUM, T, T.plusSeconds(1), 0))))
                .isTrue();

        assertThat(read(() -> jdbc.meters().read(READER, PREMIUM, ARTICLE))).contains(new MeterReading(meter, false));
        assertThat(tx(() -> jdbc.meters().count(READER, PREMIUM, T, ARTICLE, 5))).isPresent();
        assertThat(read(() -> jdbc.meters().read(READER, PREMIUM, ARTICLE)))
                .contains(new MeterReading(new Meter(READER, PREMIUM, T, T.plus(Duration.ofDays(30)), 3), true));
        assertThat(read(() -> jdbc.meters().read(READER, PREMIUM, OTHER_ARTICLE)).orElseThrow().contentViewed())
                .isFalse();
        assertThat(read(() -> jdbc.meters().read(READER, EPAPER, ARTICLE)).orElseThrow().contentViewed())
                .as("counted under another right").isFalse();
    }

    @Test
    void aViewIsCountedOncePerContentWithinTheLimitAndOnlyInTheCurrentPeriod() {
        txRun(() -> jdbc.meters().insert(new Meter(READER, PREMIUM, T, T.plus(Duration.ofDays(30)), 0)));

        assertThat(tx(() -> jdbc.meters().count(READER, PREMIUM, T, ARTICLE, 2))).isPresent();
        assertThat(tx(() -> jdbc.meters().count(READER, PREMIUM, T, ARTICLE, 2))).as("the same content").isEmpty();
        assertThat(tx(() -> jdbc.meters().count(READER, PREMIUM, T.plusSeconds(1), OTHER_ARTICLE, 2)))
                .as("another period").isEmpty();
        assertThat(tx(() -> jdbc.meters().count("c:nobody", PREMIUM, T, OTHER_ARTICLE, 2))).as("no meter").isEmpty();
        assertThat(tx(() -> jdbc.meters().count(READER, PREMIUM, T, OTHER_ARTICLE, 2))).isPresent();
        assertThat(tx(() -> jdbc.meters().count(READER, PREMIUM, T, ContentId.of("article-3"), 2)))
                .as("over the limit").isEmpty();
        assertThat(tx(() -> jdbc.meters().count(READER, PREMIUM, T, ContentId.of("article-3"), 0))).isEmpty();

        assertThat(views(READER, PREMIUM)).isEqualTo(2);
        assertThat(read(() -> jdbc.meters().read(READER, PREMIUM, ContentId.of("article-3"))).orElseThrow()
                .contentViewed()).as("a refused view leaves no trace").isFalse();
        assertThat(viewRows()).isEqualTo(2);
    }

    @Test
    void aRestartBeginsAnEmptyPeriodOnlyFromTheExpectedStartAndDropsTheOldViews() {
        Instant next = T.plus(Duration.ofDays(30));
        Instant end = T.plus(Duration.ofDays(60));
        txRun(() -> {
            jdbc.meters().insert(new Meter(READER, PREMIUM, T, next, 0));
            jdbc.meters().insert(new Meter(READER, EPAPER, T, next, 0));
            jdbc.meters().count(READER, PREMIUM, T, ARTICLE, 5);
            jdbc.meters().count(READER, PREMIUM, T, OTHER_ARTICLE, 5);
            jdbc.meters().count(READER, EPAPER, T, ARTICLE, 5);
        });

        assertThat(tx(() -> jdbc.meters().restart(READER, PREMIUM, T.minusSeconds(1), next, end))).isFalse();
        assertThat(tx(() -> jdbc.meters().restart(READER, PREMIUM, T, next, end))).isTrue();
        assertThat(tx(() -> jdbc.meters().restart(READER, PREMIUM, T, next, end))).as("moved on already").isFalse();
        assertThat(tx(() -> jdbc.meters().restart("c:nobody", PREMIUM, T, next, end))).isFalse();

        assertThat(read(() -> jdbc.meters().read(READER, PREMIUM, ARTICLE)))
                .contains(new MeterReading(new Meter(READER, PREMIUM, next, end, 0), false));
        assertThat(viewRows()).as("the other right's view stays").isEqualTo(1);
        assertThat(tx(() -> jdbc.meters().count(READER, PREMIUM, T, ContentId.of("article-3"), 5)))
                .as("counting in the old period").isEmpty();
        assertThat(tx(() -> jdbc.meters().count(READER, PREMIUM, next, ARTICLE, 5))).as("free again").isPresent();
        assertThat(views(READER, PREMIUM)).isEqualTo(1);
    }

    @Test
    void eightThreadsNeverCountMoreViewsThanTheLimitNorAContentTwice() throws Exception {
        for (int round = 0; round < 5; round++) {
            String reader = "v:visitor-" + round;
            txRun(() -> jdbc.meters().insert(new Meter(reader, PREMIUM, T, T.plus(Duration.ofDays(30)), 0)));

            List<Boolean> distinct = race(8, i -> () -> jdbc.meters().count(reader, PREMIUM, T,
                    ContentId.of("article-" + i), 5).isPresent());
            assertThat(distinct.stream().filter(b -> b)).as("views counted in round %d", round).hasSize(5);
            assertThat(views(reader, PREMIUM)).isEqualTo(5);

            List<Boolean> same = race(8, i -> () -> jdbc.meters().count(reader, EPAPER, T, ARTICLE, 5).isPresent());
            assertThat(same).as("no meter of that right").containsOnly(false);
        }
        assertThat(viewRows()).isEqualTo(25);

        txRun(() -> jdbc.meters().insert(new Meter(READER, PREMIUM, T, T.plus(Duration.ofDays(30)), 0)));
        List<Boolean> same = race(8, i -> () -> jdbc.meters().count(READER, PREMIUM, T, ARTICLE, 5).isPresent());
        assertThat(same.stream().filter(b -> b)).as("one content counted once").hasSize(1);
        assertThat(views(READER, PREMIUM)).isEqualTo(1);
    }

    // ----- sponsor grants -----

    @Test
    void sponsorGrantsAreInsertedOnceAndFoundAsStored() {
        SponsorGrant university = grant("g-uni", Set.of(PREMIUM, EPAPER), Set.of(ARTICLE), T, T.plus(Duration.ofDays(365)),
                OptionalLong.of(100));
        SponsorGrant company = new SponsorGrant(SponsorGrantId.of("g-company"), "Example AG", Set.of(),
                Set.of(ARTICLE, OTHER_ARTICLE), Set.of(), List.of(IpRange.parse("2001:db8::/32"),
                IpRange.parse("10.0.0.0/8"), IpRange.parse("192.0.2.7")), Set.of("CODE-1234", "abcd_9"), T,
                Optional.empty(), OptionalLong.empty());

        assertThat(tx(() -> jdbc.sponsorGrants().insert(university))).isTrue();
        assertThat(tx(() -> jdbc.sponsorGrants().insert(company))).isTrue();
        assertThat(tx(() -> jdbc.sponsorGrants().insert(grant("g-uni", Set.of(PODCAST), Set.of(), T, null,
                OptionalLong.empty())))).isFalse();

        assertThat(tx(() -> jdbc.sponsorGrants().find(university.id()))).contains(university);
        assertThat(tx(() -> jdbc.sponsorGrants().find(company.id()))).contains(company);
        assertThat(tx(() -> jdbc.sponsorGrants().find(company.id())).orElseThrow().ipRanges())
                .containsExactlyElementsOf(company.ipRanges());
        assertThat(tx(() -> jdbc.sponsorGrants().find(SponsorGrantId.of("missing")))).isEmpty();
    }

    @Test
    void grantsAreFoundByRightOrContentWhileValidById() {
        SponsorGrant premium = grant("g-b", Set.of(PREMIUM), Set.of(), T, T.plus(Duration.ofDays(10)),
                OptionalLong.empty());
        SponsorGrant both = grant("g-a", Set.of(EPAPER, PREMIUM), Set.of(ARTICLE), T.minus(Duration.ofDays(1)), null,
                OptionalLong.of(5));
        SponsorGrant article = grant("g-c", Set.of(), Set.of(ARTICLE), T.plus(Duration.ofDays(1)), null,
                OptionalLong.empty());
        txRun(() -> List.of(premium, both, article).forEach(jdbc.sponsorGrants()::insert));

        assertThat(tx(() -> jdbc.sponsorGrants().findFor(List.of(PREMIUM), List.of(ARTICLE), T)))
                .containsExactly(both, premium);
        assertThat(tx(() -> jdbc.sponsorGrants().findFor(List.of(PREMIUM, EPAPER), List.of(ARTICLE),
                T.plus(Duration.ofDays(10))))).as("valid until is excluded, valid from included")
                .containsExactly(both, article);
        assertThat(tx(() -> jdbc.sponsorGrants().findFor(List.of(), List.of(ARTICLE), T.plus(Duration.ofDays(2)))))
                .containsExactly(both, article);
        assertThat(tx(() -> jdbc.sponsorGrants().findFor(List.of(PODCAST), List.of(OTHER_ARTICLE), T))).isEmpty();
        assertThat(tx(() -> jdbc.sponsorGrants().findFor(List.of(), List.of(), T))).isEmpty();
        assertThat(tx(() -> jdbc.sponsorGrants().findFor(List.of(PREMIUM), List.of(), T.minus(Duration.ofDays(2)))))
                .isEmpty();
    }

    @Test
    void readersAreAdmittedOnceEachAndNeverOverTheBudget() {
        SponsorGrantId id = SponsorGrantId.of("g-1");
        txRun(() -> jdbc.sponsorGrants().insert(grant("g-1", Set.of(PREMIUM), Set.of(), T, null, OptionalLong.of(2))));

        assertThat(tx(() -> jdbc.sponsorGrants().readers(id))).isZero();
        assertThat(tx(() -> jdbc.sponsorGrants().admitReader(id, "c:anna", 2))).isTrue();
        assertThat(tx(() -> jdbc.sponsorGrants().admitReader(id, "c:anna", 2))).as("again").isFalse();
        assertThat(tx(() -> jdbc.sponsorGrants().admitReader(id, "v:visitor-1", 2))).isTrue();
        assertThat(tx(() -> jdbc.sponsorGrants().admitReader(id, "c:ben", 2))).as("over the budget").isFalse();
        assertThat(tx(() -> jdbc.sponsorGrants().admitReader(SponsorGrantId.of("missing"), "c:ben", 2))).isFalse();

        assertThat(tx(() -> jdbc.sponsorGrants().readers(id))).isEqualTo(2);
        assertThat(tx(() -> jdbc.sponsorGrants().readers(SponsorGrantId.of("missing")))).isZero();
        assertThat(tx(() -> jdbc.sponsorGrants().hasReader(id, "c:anna"))).isTrue();
        assertThat(tx(() -> jdbc.sponsorGrants().hasReader(id, "v:visitor-1"))).isTrue();
        assertThat(tx(() -> jdbc.sponsorGrants().hasReader(id, "c:ben"))).as("turned away, not recorded").isFalse();
    }

    @Test
    void eightThreadsNeverAdmitMoreReadersThanTheBudgetNorOneReaderTwice() throws Exception {
        for (int round = 0; round < 5; round++) {
            SponsorGrantId id = SponsorGrantId.of("g-" + round);
            txRun(() -> jdbc.sponsorGrants().insert(grant(id.value(), Set.of(PREMIUM), Set.of(), T, null,
                    OptionalLong.of(3))));

            List<Boolean> distinct = race(8, i -> () -> jdbc.sponsorGrants().admitReader(id, "c:reader-" + i, 3));
            assertThat(distinct.stream().filter(b -> b)).as("readers admitted in round %d", round).hasSize(3);
            assertThat(tx(() -> jdbc.sponsorGrants().readers(id))).isEqualTo(3);
            int recorded = 0;
            for (int i = 0; i < 8; i++) {
                int reader = i;
                recorded += tx(() -> jdbc.sponsorGrants().hasReader(id, "c:reader-" + reader)) ? 1 : 0;
            }
            assertThat(recorded).isEqualTo(3);
        }

        SponsorGrantId roomy = SponsorGrantId.of("g-roomy");
        txRun(() -> jdbc.sponsorGrants().insert(grant("g-roomy", Set.of(PREMIUM), Set.of(), T, null,
                OptionalLong.of(100))));
        List<Boolean> same = race(8, i -> () -> jdbc.sponsorGrants().admitReader(roomy, "c:anna", 100));
        assertThat(same.stream().filter(b -> b)).as("one reader admitted once").hasSize(1);
        assertThat(tx(() -> jdbc.sponsorGrants().readers(roomy))).isEqualTo(1);
    }

    // ----- rollback -----

    @Test
    void everyWriteToTheNewTablesRollsBackWithItsUnitOfWork() {
        SponsorGrant grant = grant("g-1", Set.of(PREMIUM), Set.of(ARTICLE), T, null, OptionalLong.of(5));
        AccessRightItem kept = right("i-kept", ANNA, PREMIUM, T, null);
        WalletId wallet = WalletId.of("credits");
        txRun(() -> {
            jdbc.meters().insert(new Meter(READER, PREMIUM, T, T.plus(Duration.ofDays(30)), 0));
            jdbc.sponsorGrants().insert(grant);
            jdbc.accessRightItems().insert(kept);
            jdbc.walletDefinitions().insert(Wallet.of(wallet, "Credits", Money.of("0.50", "EUR")));
        });

        assertThatThrownBy(() -> txRun(() -> {
            jdbc.customers().setBlocked(ANNA, true);
            jdbc.accessRightItems().insert(content("i-new", ANNA, ARTICLE, T, null));
            jdbc.accessRightItems().end(kept.id(), T.plusSeconds(60));
            jdbc.accessRightItems().setBlocked(kept.id(), true);
            jdbc.meters().count(READER, PREMIUM, T, ARTICLE, 5);
            jdbc.meters().insert(new Meter(READER, EPAPER, T, T.plusSeconds(60), 0));
            jdbc.sponsorGrants().admitReader(grant.id(), "c:anna", 5);
            jdbc.sponsorGrants().insert(grant("g-2", Set.of(EPAPER), Set.of(), T, null, OptionalLong.empty()));
            jdbc.creditProducts().insert(CreditProduct.article(CreditProductId.of("cp-1"), "Article", wallet, 1,
                    ARTICLE));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(tx(() -> jdbc.customers().find(ANNA)).orElseThrow().blocked()).isFalse();
        assertThat(tx(() -> jdbc.accessRightItems().findByCustomer(ANNA))).containsExactly(kept);
        assertThat(read(() -> jdbc.meters().read(READER, PREMIUM, ARTICLE)))
                .contains(new MeterReading(new Meter(READER, PREMIUM, T, T.plus(Duration.ofDays(30)), 0), false));
        assertThat(read(() -> jdbc.meters().read(READER, EPAPER, ARTICLE))).isEmpty();
        assertThat(viewRows()).isZero();
        assertThat(tx(() -> jdbc.sponsorGrants().readers(grant.id()))).isZero();
        assertThat(tx(() -> jdbc.sponsorGrants().hasReader(grant.id(), "c:anna"))).isFalse();
        assertThat(tx(() -> jdbc.sponsorGrants().find(SponsorGrantId.of("g-2")))).isEmpty();
        assertThat(tx(() -> jdbc.creditProducts().find(CreditProductId.of("cp-1")))).isEmpty();
    }

    // ----- helpers -----

    private <T> T read(Supplier<T> work) {
        return jdbc.transactions().read(work);
    }

    private JdbcStore.Builder sameLayout(JdbcStore.Builder builder) {
        return builder.dialect(jdbc.dialect()).schema(jdbc.schema()).tablePrefix(jdbc.tablePrefix())
                .schemaMode(SchemaMode.NONE);
    }

    private String table(String name) {
        return jdbc.schema() + "." + jdbc.tablePrefix() + name;
    }

    private Optional<Instant> endOf(AccessRightItem item) {
        return tx(() -> jdbc.accessRightItems().find(item.id())).orElseThrow().endsAt();
    }

    private int views(String reader, AccessRightId right) {
        return read(() -> jdbc.meters().read(reader, right, ARTICLE)).orElseThrow().meter().views();
    }

    private long viewRows() {
        return count("select count(*) from " + table("meter_view"));
    }

    private long count(String query) {
        try (Connection connection = raw.getConnection();
             PreparedStatement statement = connection.prepareStatement(query);
             var rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code threads} units of work at once, the {@code i}-th doing {@code work.apply(i)}; their answers. */
    private List<Boolean> race(int threads, IntFunction<Supplier<Boolean>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Supplier<Boolean> unit = work.apply(i);
                answers.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return tx(unit);
                }));
            }
            List<Boolean> results = new ArrayList<>();
            for (Future<Boolean> answer : answers) {
                results.add(answer.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static AccessRightItem right(String id, CustomerId customer, AccessRightId right, Instant startsAt,
                                         Instant endsAt) {
        return AccessRightItem.forRight(AccessRightItemId.of(id), customer, right, AccessSource.TIME_BASED_SUBSCRIPTION,
                startsAt, Optional.ofNullable(endsAt), Optional.of("s-" + id));
    }

    private static AccessRightItem content(String id, CustomerId customer, ContentId content, Instant startsAt,
                                           Instant endsAt) {
        return AccessRightItem.forContent(AccessRightItemId.of(id), customer, content, AccessSource.CREDIT_UNLOCK,
                startsAt, Optional.ofNullable(endsAt), Optional.empty());
    }

    private static SponsorGrant grant(String id, Set<AccessRightId> rights, Set<ContentId> contents, Instant from,
                                      Instant until, OptionalLong budget) {
        return new SponsorGrant(SponsorGrantId.of(id), "University " + id, rights, contents,
                Set.of("uni.example", "lib.uni.example"), List.of(IpRange.parse("192.0.2.0/24")), Set.of(), from,
                Optional.ofNullable(until), budget);
    }
}
