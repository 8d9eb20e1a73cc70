package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.tax.TaxDecision;
import org.plenigo.core.tax.TaxRate;
import org.plenigo.core.tax.TaxRule;
import org.plenigo.core.tax.TaxRuleAdded;
import org.plenigo.core.tax.TaxRuleId;
import org.plenigo.core.tax.TaxTreatment;

/**
 * The tax rules through the service, on the store under test: a rate change is one new rule that
 * ends the open-ended one it starts in, any other overlap is refused naming both rules, also when
 * two are added at once; the shipped defaults are stored once.
 */
public abstract class TaxRulesContract extends StoreContractSupport {
    private static final LocalDate Y2024 = LocalDate.of(2024, 1, 1);

    @Test
    void aRuleStartingInsideAnOpenEndedOneEndsItTheDayBefore() {
        TaxRule old = swiss("ch-2024", "8.1", Y2024, Optional.empty());
        plenigo.taxes().addRule(old);

        TaxRuleAdded added = plenigo.taxes().addRule(swiss("ch-2027", "8.5", LocalDate.of(2027, 1, 1),
                Optional.empty()));

        assertThat(added.ended()).contains(old.endingOn(LocalDate.of(2026, 12, 31)));
        assertThat(plenigo.taxes().rules("CH", TaxType.DIGITAL_PRODUCT)).containsExactly(
                old.endingOn(LocalDate.of(2026, 12, 31)), added.added());
    }

    @Test
    void anyOtherOverlapIsRefusedNamingBothRules() {
        plenigo.taxes().addRule(swiss("ch-2018", "7.7", LocalDate.of(2018, 1, 1), Optional.of(Y2024.minusDays(1))));
        plenigo.taxes().addRule(swiss("ch-2024", "8.1", Y2024, Optional.empty()));

        assertRefused(() -> plenigo.taxes().addRule(swiss("ch-mid-2023", "8", LocalDate.of(2023, 6, 1),
                Optional.of(LocalDate.of(2023, 12, 31)))), ConflictException.class, ErrorCode.TAX_RULE_OVERLAP,
                "'ch-mid-2023'", "'ch-2018'");
        assertRefused(() -> plenigo.taxes().addRule(swiss("ch-same-day", "9", Y2024, Optional.empty())),
                ConflictException.class, ErrorCode.TAX_RULE_OVERLAP, "'ch-same-day'", "'ch-2024'");
        assertRefused(() -> plenigo.taxes().addRule(swiss("ch-2024", "9", LocalDate.of(2030, 1, 1),
                Optional.empty())), ConflictException.class, ErrorCode.ALREADY_EXISTS, "ch-2024");
        assertThat(plenigo.taxes().rules("CH", TaxType.DIGITAL_PRODUCT)).extracting(r -> r.id().value())
                .containsExactly("ch-2018", "ch-2024");
    }

    @Test
    void aRuleIsEndedButNotIntoAnother() {
        plenigo.taxes().addRule(swiss("ch-2018", "7.7", LocalDate.of(2018, 1, 1), Optional.of(Y2024.minusDays(1))));
        plenigo.taxes().addRule(swiss("ch-2024", "8.1", Y2024, Optional.empty()));

        TaxRule ended = plenigo.taxes().endRule(new TaxRuleId("ch-2024"), LocalDate.of(2026, 6, 30));

        assertThat(ended.validUntil()).contains(LocalDate.of(2026, 6, 30));
        assertRefused(() -> plenigo.taxes().endRule(new TaxRuleId("ch-2018"), Y2024), ConflictException.class,
                ErrorCode.TAX_RULE_OVERLAP, "'ch-2018'", "'ch-2024'");
        assertRefused(() -> plenigo.taxes().endRule(new TaxRuleId("ch-2024"), LocalDate.of(2023, 1, 1)),
                ValidationException.class, ErrorCode.INVALID_INPUT, "before the first day");
        assertNotFound(() -> plenigo.taxes().endRule(new TaxRuleId("nope"), Y2024), "nope");
    }

    @Test
    void twoOverlappingRulesAddedAtOnceLeaveOne() throws Exception {
        List<Boolean> added = inParallel(2, i -> () -> {
            try {
                plenigo.taxes().addRule(new TaxRule(new TaxRuleId("li-" + i), "LI", TaxType.FEE, TaxRate.of("8.1"),
                        LocalDate.of(2024, 1, 1 + i), Optional.empty(), "test"));
                return true;
            } catch (ConflictException e) {
                return false;
            }
        });

        // the second may also land as a rate change of the first, so it is the rules that count
        List<TaxRule> rules = plenigo.taxes().rules("LI", TaxType.FEE);
        assertThat(rules).hasSizeBetween(1, 2);
        if (rules.size() == 2) {
            assertThat(rules.get(0).validUntil()).contains(rules.get(1).validFrom().minusDays(1));
        } else {
            assertThat(added).containsExactlyInAnyOrder(true, false);
        }
    }

    @Test
    void aCountryOutsideTheEuIsTaxedOnlyByARuleConfiguredForIt() {
        CustomerId urs = withCard(plenigo.customers().register(Customer.of(CustomerId.of("urs"), "urs@example.ch", "Urs",
                "CH")).id());
        LocalDate day = LocalDate.of(2025, 1, 15);
        assertThat(plenigo.taxes().decide(urs, TaxType.DIGITAL_PRODUCT, day).treatment())
                .isEqualTo(TaxTreatment.NOT_TAXABLE_IN_EU);

        plenigo.taxes().addRule(swiss("ch-2024", "8.1", Y2024, Optional.empty()));

        TaxDecision decision = plenigo.taxes().decide(urs, TaxType.DIGITAL_PRODUCT, day);
        assertThat(decision).isEqualTo(new TaxDecision(TaxTreatment.TAXED, TaxRate.of("8.1"), "CH",
                Optional.of(new TaxRuleId("ch-2024"))));
    }

    @Test
    void theDefaultsAreStoredOnce() {
        assertThat(plenigo.taxes().rules()).extracting(r -> r.id().value())
                .contains("default-de-ebook-2019-12-18", "default-de-digital-newspaper-2019-12-18");
        int stored = plenigo.taxes().rules().size();

        assertThat(plenigo.taxes().loadDefaultRules()).isZero();
        assertThat(plenigoBuilder().build().taxes().rules()).hasSize(stored);
    }

    private static TaxRule swiss(String id, String rate, LocalDate from, Optional<LocalDate> until) {
        return new TaxRule(new TaxRuleId(id), "CH", TaxType.DIGITAL_PRODUCT, TaxRate.of(rate), from, until,
                "Swiss VAT Act (MWSTG) Art. 25");
    }
}
