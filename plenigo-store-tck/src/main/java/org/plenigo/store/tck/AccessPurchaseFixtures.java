package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.plenigo.core.Plenigo;
import org.plenigo.core.access.UnlockResult;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.CreditProduct;
import org.plenigo.core.catalog.CreditProductId;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.customer.CustomerId;

/**
 * The catalog every access purchase contract starts from (a reader, two HARD rights, a credit
 * wallet and credit products for an article, an issue and a webinar series) and the helpers to read
 * purchases and unlocks.
 */
abstract class AccessPurchaseFixtures extends StoreContractSupport {
    CustomerId reader;
    AccessRightId premium;
    AccessRightId epaper;
    WalletId articles;
    CreditProductId article42;
    CreditProductId issue;
    CreditProductId webinar;

    @BeforeEach
    void createCatalog() {
        reader = customer("reader-1");
        premium = hardRight("premium");
        epaper = hardRight("epaper");
        articles = wallet("article-credits");
        article42 = plenigo.catalog().createCreditProduct(CreditProduct.article(CreditProductId.of("p-article-42"),
                "Article 42", articles, 3, ContentId.of("article-42"))).id();
        issue = plenigo.catalog().createCreditProduct(CreditProduct.issue(CreditProductId.of("p-issue-2025-03"),
                "Issue March 2025", articles, 5, ContentId.of("issue-2025-03"))).id();
        webinar = plenigo.catalog().createCreditProduct(CreditProduct.webinarSeries(CreditProductId.of("p-webinar"),
                "Spring webinars", articles, 4, sessions("s1", "s2", "s3", "s4", "s5"), 2)).id();
    }

    // ----- helpers -----

    Plenigo declining() {
        return plenigoBuilderFailingCharges("card declined").build();
    }

    static List<CustomerId> ids(String... ids) {
        return Arrays.stream(ids).map(CustomerId::of).toList();
    }

    static List<ContentId> sessions(String... ids) {
        return Arrays.stream(ids).map(ContentId::of).toList();
    }

    static UnlockResult.Unlocked unlocked(UnlockResult result) {
        assertThat(result).isInstanceOf(UnlockResult.Unlocked.class);
        return (UnlockResult.Unlocked) result;
    }
}
