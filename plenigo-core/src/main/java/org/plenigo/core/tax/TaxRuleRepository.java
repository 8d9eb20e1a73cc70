package org.plenigo.core.tax;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.plenigo.core.catalog.TaxType;

/**
 * Storage port for {@link TaxRule}s. Rules are never deleted: a rule that no longer applies is
 * ended. Whether rules overlap is the core's to check, under {@link #lockRules}.
 */
public interface TaxRuleRepository {
    /**
     * The rules of the country and tax type, by start, locked until the unit of work ends against
     * every other unit of work that locks the same country and tax type, also when there is no rule
     * yet: so the core can check a new rule against them and write it without a race.
     */
    List<TaxRule> lockRules(String country, TaxType taxType);

    /** Stores the rule unless its id exists; returns whether it was stored. */
    boolean insert(TaxRule rule);

    /**
     * Stores those of the rules whose ids do not exist yet, at once (the shipped defaults are
     * loaded so); returns how many were stored.
     */
    int insertMissing(Collection<TaxRule> rules);

    /** Sets the rule's last day; returns whether the rule exists. */
    boolean end(TaxRuleId id, LocalDate validUntil);

    /** The rules of the country and tax type, by start. */
    List<TaxRule> find(String country, TaxType taxType);

    /** Every rule, by country, tax type and start. */
    List<TaxRule> findAll();
}
