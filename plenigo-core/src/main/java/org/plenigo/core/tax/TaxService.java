package org.plenigo.core.tax;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.internal.Context;
import org.plenigo.core.tax.internal.DefaultTaxRules;
import org.plenigo.core.tax.internal.TaxDecisions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tax rules: which rate a country applies to a tax type on which days, and how a supply to a
 * customer is taxed by them. Rules of one country and tax type never share a day; a rate change is
 * one new rule, which ends the open-ended rule it starts in. Rules are never deleted, so invoices
 * issued before a change keep their rates (they hold them anyway). Thread-safe.
 */
public final class TaxService {
    private static final Logger LOG = LoggerFactory.getLogger(TaxService.class);

    private final Context context;
    private final TaxRuleRepository rules;
    private final TaxDecisions decisions;

    public TaxService(Context context) {
        this.context = context;
        this.rules = context.store().taxRules();
        this.decisions = new TaxDecisions(rules, context.sellerCountry());
    }

    /**
     * Adds a rule. If it starts inside an open-ended rule of the same country and tax type (after
     * that rule's first day), that rule ends the day before; any other rule it shares a day with
     * refuses it.
     *
     * @throws ConflictException with {@link ErrorCode#ALREADY_EXISTS} if a rule with its id exists;
     *                           with {@link ErrorCode#TAX_RULE_OVERLAP}, naming both rules, if it
     *                           shares a day with another rule in any other way
     */
    public TaxRuleAdded addRule(TaxRule rule) {
        Require.notNull(rule, "taxRule");
        return context.unitOfWork().run(events -> {
            List<TaxRule> existing = rules.lockRules(rule.country(), rule.taxType());
            Optional<TaxRule> ended = Optional.empty();
            for (TaxRule other : existing) {
                if (!other.overlaps(rule)) {
                    continue;
                }
                if (other.validUntil().isEmpty() && rule.validFrom().isAfter(other.validFrom()) && ended.isEmpty()) {
                    ended = Optional.of(other.endingOn(rule.validFrom().minusDays(1)));
                } else {
                    throw overlap(rule, other);
                }
            }
            if (!rules.insert(rule)) {
                throw new ConflictException(ErrorCode.ALREADY_EXISTS, "tax rule '" + rule.id() + "' exists");
            }
            ended.ifPresent(r -> rules.end(r.id(), r.validUntil().orElseThrow()));
            return new TaxRuleAdded(rule, ended);
        });
    }

    /**
     * Ends a rule on {@code lastDay} (included): shortens it, or gives an open-ended rule its end.
     *
     * @return the rule as it is now
     * @throws NotFoundException   if there is no such rule
     * @throws ValidationException if {@code lastDay} is before the rule's first day
     * @throws ConflictException   with {@link ErrorCode#TAX_RULE_OVERLAP} if the rule would then share
     *                             a day with another (it ran shorter before)
     */
    public TaxRule endRule(TaxRuleId id, LocalDate lastDay) {
        Require.notNull(id, "taxRuleId");
        Require.notNull(lastDay, "lastDay");
        return context.unitOfWork().run(events -> {
            TaxRule found = rules.findAll().stream().filter(r -> r.id().equals(id)).findFirst()
                    .orElseThrow(() -> new NotFoundException("tax rule", id));
            List<TaxRule> existing = rules.lockRules(found.country(), found.taxType());
            TaxRule rule = existing.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
            if (lastDay.isBefore(rule.validFrom())) {
                throw new ValidationException("lastDay " + lastDay + " is before the first day " + rule.validFrom()
                        + " of tax rule '" + id + "'");
            }
            TaxRule ending = rule.endingOn(lastDay);
            for (TaxRule other : existing) {
                if (!other.id().equals(id) && other.overlaps(ending)) {
                    throw overlap(ending, other);
                }
            }
            rules.end(id, lastDay);
            return ending;
        });
    }

    /** Every rule, by country, tax type and start. */
    public List<TaxRule> rules() {
        return context.store().transactions().read(rules::findAll);
    }

    /** The rules of the country and tax type, by start. */
    public List<TaxRule> rules(String country, TaxType taxType) {
        Require.notNull(country, "country");
        Require.notNull(taxType, "taxType");
        return context.store().transactions().read(() -> rules.find(country, taxType));
    }

    /**
     * How a supply of {@code taxType} to the customer on {@code day} (in the publisher's time zone)
     * is taxed: the same decision a charge makes.
     *
     * @throws NotFoundException if the customer does not exist
     * @throws ConflictException with {@link ErrorCode#TAX_RULE_MISSING} if no rule gives the rate
     *                           of a supply taxed in the EU
     */
    public TaxDecision decide(CustomerId customerId, TaxType taxType, LocalDate day) {
        Require.notNull(customerId, "customerId");
        Require.notNull(taxType, "taxType");
        Require.notNull(day, "day");
        return context.store().transactions().read(() -> {
            Customer customer = context.store().customers().find(customerId)
                    .orElseThrow(() -> new NotFoundException("customer", customerId));
            return decisions.decide(customer, taxType, day);
        });
    }

    /**
     * Stores the shipped default rules that are not stored yet (by their ids), in one unit of
     * work; {@code Plenigo.builder().build()} does it unless told not to. A default that would share
     * a day with a rule the host added is left out (and logged); one that starts inside an
     * open-ended default of an earlier release ends it, as a rate change does.
     *
     * @return how many rules were stored
     */
    public int loadDefaultRules() {
        List<TaxRule> defaults = DefaultTaxRules.load();
        return context.unitOfWork().run(events -> {
            Set<TaxRuleId> stored = new HashSet<>();
            Map<String, List<TaxRule>> byKind = new HashMap<>();
            for (TaxRule rule : rules.findAll()) {
                stored.add(rule.id());
                byKind.computeIfAbsent(kind(rule), k -> new ArrayList<>()).add(rule);
            }
            List<TaxRule> missing = new ArrayList<>();
            List<TaxRule> ending = new ArrayList<>();
            for (TaxRule rule : defaults) {
                if (stored.contains(rule.id())) {
                    continue;
                }
                List<TaxRule> sameKind = byKind.computeIfAbsent(kind(rule), k -> new ArrayList<>());
                Optional<TaxRule> conflict = sameKind.stream().filter(r -> r.overlaps(rule)).findFirst();
                if (conflict.isPresent()) {
                    TaxRule other = conflict.get();
                    boolean supersedes = other.id().value().startsWith(DefaultTaxRules.ID_PREFIX)
                            && other.validUntil().isEmpty() && rule.validFrom().isAfter(other.validFrom())
                            && sameKind.stream().filter(r -> r.overlaps(rule)).count() == 1;
                    if (!supersedes) {
                        LOG.warn("default tax rule {} left out: it shares days with stored rule {}", rule.id(),
                                other.id());
                        continue;
                    }
                    TaxRule ended = other.endingOn(rule.validFrom().minusDays(1));
                    sameKind.set(sameKind.indexOf(other), ended);
                    ending.add(ended);
                }
                sameKind.add(rule);
                missing.add(rule);
            }
            int inserted = rules.insertMissing(missing);
            ending.forEach(r -> rules.end(r.id(), r.validUntil().orElseThrow()));
            return inserted;
        });
    }

    private static String kind(TaxRule rule) {
        return rule.country() + "/" + rule.taxType();
    }

    private static ConflictException overlap(TaxRule rule, TaxRule other) {
        return new ConflictException(ErrorCode.TAX_RULE_OVERLAP, "tax rule '" + rule.id() + "' (" + rule.country()
                + " " + rule.taxType() + " " + rule.validFrom() + " to " + rule.validUntil().map(Object::toString)
                .orElse("open end") + ") shares days with tax rule '" + other.id() + "' (" + other.validFrom()
                + " to " + other.validUntil().map(Object::toString).orElse("open end") + ")");
    }
}
