package org.plenigo.store.tck;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessRightItemId;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.MeterAlignment;
import org.plenigo.core.catalog.MeterRule;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.money.Money;
import org.plenigo.core.time.Interval;
import org.plenigo.core.time.IntervalUnit;

/**
 * The rows every access repository contract starts from (customers, access rights, a wallet and
 * product contracts) and the fixtures of access right items and sponsor grants. Instants carry
 * microseconds, the precision every store keeps.
 */
abstract class AccessRepositoryFixtures extends StoreContractSupport {
    static final Instant T = Instant.parse("2025-01-01T08:00:00.123456Z");
    static final Duration DAY = Duration.ofDays(1);
    static final Duration MICRO = Duration.ofNanos(1_000);

    static final CustomerId C1 = CustomerId.of("c1");
    static final CustomerId C2 = CustomerId.of("c2");
    static final CustomerId C3 = CustomerId.of("c3");
    static final CustomerId C4 = CustomerId.of("c4");
    static final CustomerId C5 = CustomerId.of("c5");
    static final AccessRightId PREMIUM = AccessRightId.of("premium");
    static final AccessRightId EPAPER = AccessRightId.of("epaper");
    static final AccessRightId PODCAST = AccessRightId.of("podcast");
    static final ContentId A1 = ContentId.of("article-1");
    static final ContentId A2 = ContentId.of("article-2");
    static final ContentId A3 = ContentId.of("article-3");
    static final ContentId A4 = ContentId.of("article-4");
    static final WalletId W1 = WalletId.of("w1");
    static final ProductContractId ACCESS = ProductContractId.of("pc-access");
    static final ProductContractId CREDITS = ProductContractId.of("pc-credits");
    static final String READER = "c:c1";
    static final String VISITOR = "v:visitor-1";

    @BeforeEach
    void insertParents() {
        txRun(() -> {
            store.customers().insert(new Customer(C1, "c1@example.org", "One", "DE", Optional.empty(), false));
            for (CustomerId customer : List.of(C2, C3, C4, C5)) {
                store.customers().insert(Customer.of(customer, customer.value() + "@example.org",
                        "Reader " + customer.value(), "AT"));
            }
            store.accessRights().insert(AccessRight.metered(PREMIUM, "Premium articles",
                    new MeterRule(3, 10, IntervalUnit.MONTH, MeterAlignment.CALENDAR)));
            store.accessRights().insert(new AccessRight(EPAPER, "E-paper"));
            store.accessRights().insert(new AccessRight(PODCAST, "Podcasts"));
            store.walletDefinitions().insert(Wallet.of(W1, "Article credits", Money.of("0.50", "EUR")));
            store.productContracts().insert(ProductContract.timeBased(ACCESS, "Monthly access",
                    Money.of("9.90", "EUR"), TaxType.DIGITAL_NEWSPAPER, Interval.months(1)));
            store.productContracts().insert(ProductContract.creditBased(CREDITS, "5 credits",
                    Money.of("4.99", "EUR"), TaxType.DIGITAL_NEWSPAPER, 5));
        });
    }

    // ----- fixtures -----

    /** Runs {@code work} as the cheap read of the store under test. */
    protected <T> T read(Supplier<T> work) {
        return store.transactions().read(work);
    }

    AccessRightItem find(AccessRightItemId id) {
        return tx(() -> store.accessRightItems().find(id)).orElseThrow();
    }

    static AccessRightItem item(String id, CustomerId customer, AccessRightId right, AccessSource source,
                                Instant startsAt, Optional<Instant> endsAt, Optional<String> reference) {
        return AccessRightItem.forRight(AccessRightItemId.of(id), customer, right, source, startsAt, endsAt,
                reference);
    }

    static AccessRightItem blocked(AccessRightItem item, boolean blocked) {
        return new AccessRightItem(item.id(), item.customerId(), item.accessRightId(), item.contentId(),
                item.source(), item.startsAt(), item.endsAt(), blocked, item.reference());
    }
}
