package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.plenigo.core.access.AccessReason.CREDIT_UNLOCK;
import static org.plenigo.core.access.AccessReason.NO_ACCESS_RIGHT;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plenigo.core.access.AccessCheck;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.access.UnlockResult;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.CreditProduct;
import org.plenigo.core.catalog.CreditProductId;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryType;
import org.plenigo.core.wallet.Refusal;

/**
 * Credit unlocks of articles, issues and webinar series on the store under test: debited once, with
 * the automatic top-up when the balance is short, refused without a trace when the credits or the
 * picks do not fit.
 */
public abstract class CreditUnlockContract extends AccessPurchaseFixtures {
    @Test
    void unlockingAnArticleSpendsItsCreditsAndGrantsExactlyThatArticleForEver() {
        plenigo.wallets().grant(reader, articles, 10, "welcome", newKey());
        Instant now = clock.instant();

        UnlockResult.Unlocked unlocked = unlocked(plenigo.access().unlock(reader, article42, List.of(), newKey()));

        assertThat(unlocked.credits()).isEqualTo(3);
        assertThat(unlocked.balance()).isEqualTo(7);
        assertThat(unlocked.topUps()).isEmpty();
        List<LedgerEntry> ledger = ledger(reader, articles);
        assertThat(ledger).extracting(LedgerEntry::type, LedgerEntry::credits).containsExactly(
                tuple(LedgerEntryType.GRANT, 10L), tuple(LedgerEntryType.CONSUMPTION, -3L));
        assertThat(unlocked.consumption()).isEqualTo(ledger.get(1).id());
        assertThat(unlocked.items()).singleElement().satisfies(item -> {
            assertThat(item.customerId()).isEqualTo(reader);
            assertThat(item.contentId()).contains(ContentId.of("article-42"));
            assertThat(item.accessRightId()).isEmpty();
            assertThat(item.source()).isEqualTo(AccessSource.CREDIT_UNLOCK);
            assertThat(item.startsAt()).isEqualTo(now);
            assertThat(item.endsAt()).isEmpty();
            assertThat(item.blocked()).isFalse();
            assertThat(item.reference()).contains("p-article-42");
        });
        assertThat(plenigo.access().items(reader)).isEqualTo(unlocked.items());
        assertThat(charges(reader)).isEmpty();
        assertGranted(check(content("article-42", premium).withCustomer(reader)), CREDIT_UNLOCK, Optional.empty());
        assertDenied(check(content("article-43", premium).withCustomer(reader)), NO_ACCESS_RIGHT, List.of(),
                Optional.empty());
        assertDenied(check(content("article-42", premium).withCustomer(customer("reader-2"))), NO_ACCESS_RIGHT,
                List.of(), Optional.empty());
        clock.advance(Period.ofYears(10));
        assertGranted(check(content("article-42", premium).withCustomer(reader)), CREDIT_UNLOCK, Optional.empty());
        assertWalletConsistent(reader, articles);
    }

    @Test
    void unlockingWhatIsAlreadyHeldChargesNothingAndTheSameKeyReplays() {
        plenigo.wallets().grant(reader, articles, 10, "welcome", newKey());
        UnlockResult.Unlocked first = unlocked(plenigo.access().unlock(reader, article42, List.of(), key("unlock-1")));

        UnlockResult again = plenigo.access().unlock(reader, article42, List.of(), key("unlock-2"));
        UnlockResult replayed = plenigo.access().unlock(reader, article42, List.of(), key("unlock-1"));

        assertThat(again).isEqualTo(new UnlockResult.AlreadyHeld(first.items()));
        assertThat(replayed).isEqualTo(new UnlockResult.Replayed(first));
        assertThat(balance(reader, articles)).isEqualTo(7);
        assertThat(ledger(reader, articles)).hasSize(2);
        assertThat(plenigo.access().items(reader)).isEqualTo(first.items());
        assertWalletConsistent(reader, articles);
    }

    @Test
    void withTooFewCreditsNothingIsSpentOrGranted() {
        plenigo.wallets().grant(reader, articles, 2, "welcome", newKey());
        CustomerId withoutWallet = customer("reader-2");

        UnlockResult tooFew = plenigo.access().unlock(reader, article42, List.of(), newKey());
        UnlockResult none = plenigo.access().unlock(withoutWallet, article42, List.of(), newKey());

        assertThat(tooFew).isInstanceOfSatisfying(UnlockResult.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(Refusal.INSUFFICIENT_CREDITS);
            assertThat(refused.balance()).isEqualTo(2);
        });
        assertThat(none).isInstanceOfSatisfying(UnlockResult.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(Refusal.INSUFFICIENT_CREDITS);
            assertThat(refused.balance()).isZero();
        });
        assertThat(tooFew.grantedItems()).isEmpty();
        assertThat(ledgerTypes(reader, articles)).containsExactly(LedgerEntryType.GRANT);
        assertThat(plenigo.access().items(reader)).isEmpty();
        assertThat(plenigo.access().items(withoutWallet)).isEmpty();
        assertDenied(check(content("article-42", premium).withCustomer(reader)), NO_ACCESS_RIGHT, List.of(),
                Optional.empty());
        assertWalletConsistent(reader, articles);
    }

    @Test
    void anAutomaticTopUpCoversAnUnlockThatNeedsMoreThanTheBalance() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        CreditProductId longread = plenigo.catalog().createCreditProduct(CreditProduct.article(
                CreditProductId.of("p-longread"), "Long read", articles, 7, ContentId.of("longread"))).id();

        UnlockResult.Unlocked unlocked = unlocked(plenigo.access().unlock(reader, longread, List.of(), newKey()));

        assertThat(unlocked.credits()).isEqualTo(7);
        assertThat(unlocked.balance()).isEqualTo(3);
        List<LedgerEntry> ledger = ledger(reader, articles);
        assertThat(ledger).extracting(LedgerEntry::type, LedgerEntry::credits).containsExactly(
                tuple(LedgerEntryType.TOP_UP, 5L), tuple(LedgerEntryType.TOP_UP, 5L),
                tuple(LedgerEntryType.CONSUMPTION, -7L));
        assertThat(unlocked.topUps()).containsExactly(ledger.get(1).id());
        assertThat(unlocked.consumption()).isEqualTo(ledger.get(2).id());
        assertThat(charges(reader)).hasSize(2);
        assertGranted(check(content("longread", premium).withCustomer(reader)), CREDIT_UNLOCK, Optional.empty());
        assertWalletConsistent(reader, articles);
    }

    @Test
    void anUnlockThatEmptiesAnAutomaticWalletRefillsIt() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));

        UnlockResult.Unlocked unlocked = unlocked(plenigo.access().unlock(reader, issue, List.of(), newKey()));

        assertThat(unlocked.credits()).isEqualTo(5);
        assertThat(unlocked.balance()).isEqualTo(5);
        assertThat(unlocked.topUps()).hasSize(1);
        assertThat(ledgerTypes(reader, articles)).containsExactly(LedgerEntryType.TOP_UP, LedgerEntryType.CONSUMPTION,
                LedgerEntryType.TOP_UP);
        assertThat(charges(reader)).hasSize(2);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void anUnlockWhoseAutomaticTopUpChargeFailsIsRefusedAndGrantsNothing() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        CreditProductId longread = plenigo.catalog().createCreditProduct(CreditProduct.article(
                CreditProductId.of("p-longread"), "Long read", articles, 7, ContentId.of("longread"))).id();

        UnlockResult result = declining().access().unlock(reader, longread, List.of(), newKey());

        assertThat(result).isInstanceOfSatisfying(UnlockResult.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(Refusal.PAYMENT_FAILED);
            assertThat(refused.balance()).isEqualTo(5);
        });
        assertThat(plenigo.access().items(reader)).isEmpty();
        assertThat(ledgerTypes(reader, articles)).containsExactly(LedgerEntryType.TOP_UP);
        assertThat(charges(reader)).hasSize(1);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void anUnlockedIssueOpensTheArticlesThatBelongToIt() {
        plenigo.wallets().grant(reader, articles, 10, "welcome", newKey());
        AccessCheck article = content("article-7", premium).withPartOf(ContentId.of("issue-2025-03"))
                .withCustomer(reader);
        assertDenied(check(article), NO_ACCESS_RIGHT, List.of(), Optional.empty());

        UnlockResult.Unlocked unlocked = unlocked(plenigo.access().unlock(reader, issue, List.of(), newKey()));

        assertThat(unlocked.items()).singleElement()
                .satisfies(item -> assertThat(item.contentId()).contains(ContentId.of("issue-2025-03")));
        assertGranted(check(article), CREDIT_UNLOCK, Optional.empty());
        assertGranted(check(content("issue-2025-03", premium).withCustomer(reader)), CREDIT_UNLOCK, Optional.empty());
        assertGranted(check(content("article-8", premium).withPartOf(ContentId.of("section-politics"),
                ContentId.of("issue-2025-03")).withCustomer(reader)), CREDIT_UNLOCK, Optional.empty());
        assertDenied(check(content("article-7", premium).withCustomer(reader)), NO_ACCESS_RIGHT, List.of(),
                Optional.empty());
        assertDenied(check(content("article-9", premium).withPartOf(ContentId.of("issue-2025-04"))
                .withCustomer(reader)), NO_ACCESS_RIGHT, List.of(), Optional.empty());
    }

    @Test
    void aWebinarSeriesGrantsExactlyThePickedSessions() {
        plenigo.wallets().grant(reader, articles, 10, "welcome", newKey());

        UnlockResult.Unlocked unlocked = unlocked(plenigo.access().unlock(reader, webinar, sessions("s2", "s4"),
                newKey()));

        assertThat(unlocked.credits()).isEqualTo(4);
        assertThat(unlocked.balance()).isEqualTo(6);
        assertThat(unlocked.items()).hasSize(2).allSatisfy(item -> {
            assertThat(item.source()).isEqualTo(AccessSource.CREDIT_UNLOCK);
            assertThat(item.endsAt()).isEmpty();
            assertThat(item.reference()).contains("p-webinar");
        }).extracting(AccessRightItem::contentId).containsExactlyInAnyOrder(Optional.of(ContentId.of("s2")),
                Optional.of(ContentId.of("s4")));
        assertThat(ledgerTypes(reader, articles)).containsExactly(LedgerEntryType.GRANT, LedgerEntryType.CONSUMPTION);
        for (String session : List.of("s2", "s4")) {
            assertGranted(check(content(session, premium).withCustomer(reader)), CREDIT_UNLOCK, Optional.empty());
        }
        for (String session : List.of("s1", "s3", "s5")) {
            assertDenied(check(content(session, premium).withCustomer(reader)), NO_ACCESS_RIGHT, List.of(),
                    Optional.empty());
        }

        UnlockResult again = plenigo.access().unlock(reader, webinar, sessions("s4", "s2"), newKey());
        assertThat(again).isInstanceOf(UnlockResult.AlreadyHeld.class);
        assertThat(again.grantedItems().orElseThrow()).containsExactlyInAnyOrderElementsOf(unlocked.items());
        assertThat(balance(reader, articles)).isEqualTo(6);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aWebinarUnlockWithTheWrongPicksIsRefusedAndChargesNothing() {
        plenigo.wallets().grant(reader, articles, 10, "welcome", newKey());

        assertInvalid(() -> plenigo.access().unlock(reader, webinar, sessions("s1"), newKey()), "picks");
        assertInvalid(() -> plenigo.access().unlock(reader, webinar, sessions("s1", "s2", "s3"), newKey()), "picks");
        assertInvalid(() -> plenigo.access().unlock(reader, webinar, List.of(), newKey()), "picks");
        assertInvalid(() -> plenigo.access().unlock(reader, webinar, sessions("s1", "s9"), newKey()), "s9");
        assertInvalid(() -> plenigo.access().unlock(reader, webinar, sessions("s1", "s1"), newKey()));

        assertThat(balance(reader, articles)).isEqualTo(10);
        assertThat(ledgerTypes(reader, articles)).containsExactly(LedgerEntryType.GRANT);
        assertThat(plenigo.access().items(reader)).isEmpty();
    }
}
