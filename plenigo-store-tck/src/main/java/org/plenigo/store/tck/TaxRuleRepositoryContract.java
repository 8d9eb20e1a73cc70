package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.plenigo.core.Plenigo;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.tax.TaxRate;
import org.plenigo.core.tax.TaxRule;
import org.plenigo.core.tax.TaxRuleId;

/**
 * Contract of the tax rule repository port as its Javadoc states it: inserts that refuse an id
 * that exists, the bulk insert of the rules missing, ending a rule, the documented orderings, and
 * {@code lockRules} keeping two units of work apart on the same country and tax type even while it
 * has no rule, so that the core can check a new rule against the others without a race.
 */
public abstract class TaxRuleRepositoryContract extends StoreContractSupport {
    /** The repository as it is, without the rules a {@code Plenigo} stores when it is built. */
    @Override
    protected Plenigo.Builder plenigoBuilder() {
        return super.plenigoBuilder().defaultTaxRules(false);
    }

    private static final TaxRule DE_NEWS_19 = rule("de-news-2007", "DE", TaxType.DIGITAL_NEWSPAPER, "19",
            "2007-01-01", "2019-12-17");
    private static final TaxRule DE_NEWS_7 = rule("de-news-2019", "DE", TaxType.DIGITAL_NEWSPAPER, "7",
            "2019-12-18", null);
    private static final TaxRule DE_EBOOK_7 = rule("de-ebook", "DE", TaxType.EBOOK, "7", "2019-12-18", null);
    private static final TaxRule AT_NEWS_10 = rule("at-news", "AT", TaxType.DIGITAL_NEWSPAPER, "10", "2020-01-01",
            null);
    private static final TaxRule FR_EBOOK_5_5 = rule("fr-ebook", "FR", TaxType.EBOOK, "5.5", "2012-01-01", null);

    @Test
    void rulesAreInsertedOnceAndFoundByCountryAndTypeInOrderOfStart() {
        for (TaxRule rule : List.of(DE_EBOOK_7, DE_NEWS_7, FR_EBOOK_5_5, DE_NEWS_19, AT_NEWS_10)) {
            assertThat(tx(() -> store.taxRules().insert(rule))).as(rule.id().value()).isTrue();
        }
        TaxRule sameId = rule(DE_NEWS_7.id().value(), "AT", TaxType.EBOOK, "20", "2021-01-01", null);

        assertThat(tx(() -> store.taxRules().insert(sameId))).as("an id that exists").isFalse();
        assertThat(tx(() -> store.taxRules().find("DE", TaxType.DIGITAL_NEWSPAPER)))
                .containsExactly(DE_NEWS_19, DE_NEWS_7);
        assertThat(tx(() -> store.taxRules().find("FR", TaxType.EBOOK))).containsExactly(FR_EBOOK_5_5);
        assertThat(tx(() -> store.taxRules().find("FR", TaxType.EBOOK)).get(0).rate())
                .isEqualTo(TaxRate.of("5.50"));
        assertThat(tx(() -> store.taxRules().find("AT", TaxType.EBOOK))).isEmpty();
        assertThat(tx(() -> store.taxRules().find("DE", TaxType.MAGAZINE))).isEmpty();
        assertThat(tx(() -> store.taxRules().findAll()))
                .containsExactly(AT_NEWS_10, DE_NEWS_19, DE_NEWS_7, DE_EBOOK_7, FR_EBOOK_5_5);
    }

    @Test
    void endSetsTheLastDayOfARuleThatExists() {
        txRun(() -> store.taxRules().insert(DE_NEWS_7));

        assertThat(tx(() -> store.taxRules().end(DE_NEWS_7.id(), LocalDate.parse("2030-06-30")))).isTrue();
        assertThat(tx(() -> store.taxRules().find("DE", TaxType.DIGITAL_NEWSPAPER)))
                .containsExactly(DE_NEWS_7.endingOn(LocalDate.parse("2030-06-30")));
        assertThat(tx(() -> store.taxRules().end(new TaxRuleId("missing"), LocalDate.parse("2030-06-30"))))
                .isFalse();
        assertThat(tx(() -> store.taxRules().findAll())).hasSize(1);
    }

    @Test
    void insertMissingStoresOnlyTheRulesWhoseIdsAreNewAndCountsThem() {
        txRun(() -> store.taxRules().insert(DE_NEWS_19));
        TaxRule changedDefault = rule(DE_NEWS_19.id().value(), "DE", TaxType.DIGITAL_NEWSPAPER, "16",
                "2020-07-01", "2020-12-31");
        TaxRule sameIdTwice = rule(FR_EBOOK_5_5.id().value(), "FR", TaxType.EBOOK, "7", "2013-01-01", null);

        assertThat(tx(() -> store.taxRules().insertMissing(List.of(changedDefault, DE_NEWS_7, FR_EBOOK_5_5,
                sameIdTwice, AT_NEWS_10)))).isEqualTo(3);
        assertThat(tx(() -> store.taxRules().findAll()))
                .as("the rule stored before is kept, of one id twice the first is stored")
                .containsExactly(AT_NEWS_10, DE_NEWS_19, DE_NEWS_7, FR_EBOOK_5_5);
        assertThat(tx(() -> store.taxRules().insertMissing(List.of(DE_NEWS_19, DE_NEWS_7, AT_NEWS_10))))
                .as("loaded again").isZero();
        assertThat(tx(() -> store.taxRules().insertMissing(List.of()))).isZero();
        assertThat(tx(() -> store.taxRules().findAll())).hasSize(4);
    }

    @Test
    void lockRulesAnswersTheRulesOfTheCountryAndType() {
        txRun(() -> List.of(DE_NEWS_7, DE_EBOOK_7, DE_NEWS_19).forEach(store.taxRules()::insert));

        assertThat(tx(() -> store.taxRules().lockRules("DE", TaxType.DIGITAL_NEWSPAPER)))
                .containsExactly(DE_NEWS_19, DE_NEWS_7);
        assertThat(tx(() -> store.taxRules().lockRules("LU", TaxType.EBOOK))).isEmpty();
        assertThat(tx(() -> store.taxRules().lockRules("LU", TaxType.EBOOK))).as("locked again").isEmpty();
    }

    /**
     * Each unit of work locks a country and tax type that has no rule, waits a while for the others
     * to have locked it too, and writes a rule only if it found none. Were the lock not held, all
     * of them would find none, and each would write its rule.
     */
    @Test
    void lockRulesKeepsUnitsOfWorkOnTheSameCountryAndTypeApartAlsoWithoutARule() throws Exception {
        int threads = 4;
        CountDownLatch locked = new CountDownLatch(threads);
        List<Boolean> wrote = inParallel(threads, i -> () -> tx(() -> {
            List<TaxRule> found = store.taxRules().lockRules("LU", TaxType.EBOOK);
            locked.countDown();
            awaitQuietly(locked, 300);
            return found.isEmpty() && store.taxRules().insert(rule("lu-ebook-" + i, "LU", TaxType.EBOOK, "3",
                    "2015-01-01", null));
        }));

        assertThat(wrote).containsOnlyOnce(true);
        assertThat(tx(() -> store.taxRules().find("LU", TaxType.EBOOK))).hasSize(1);
    }

    @Test
    void aUnitOfWorkThatRollsBackLeavesNoRuleBehind() {
        txRun(() -> store.taxRules().insert(DE_NEWS_19));

        assertThatThrownBy(() -> txRun(() -> {
            store.taxRules().lockRules("DE", TaxType.DIGITAL_NEWSPAPER);
            store.taxRules().end(DE_NEWS_19.id(), LocalDate.parse("2015-12-31"));
            store.taxRules().insert(DE_NEWS_7);
            store.taxRules().insertMissing(List.of(DE_EBOOK_7, AT_NEWS_10));
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        assertThat(tx(() -> store.taxRules().findAll())).containsExactly(DE_NEWS_19);
        assertThat(tx(() -> store.taxRules().insertMissing(List.of(DE_NEWS_7, DE_EBOOK_7, AT_NEWS_10))))
                .isEqualTo(3);
    }

    static TaxRule rule(String id, String country, TaxType type, String percent, String from, String until) {
        return new TaxRule(new TaxRuleId(id), country, type, TaxRate.of(percent), LocalDate.parse(from),
                Optional.ofNullable(until).map(LocalDate::parse), "Test rates, " + country);
    }

    private static void awaitQuietly(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
