package org.plenigo.core.tax.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.tax.TaxRate;
import org.plenigo.core.tax.TaxRule;
import org.plenigo.core.tax.TaxRuleId;

/**
 * The tax rules plenigo ships, read from {@code org/plenigo/core/tax/default-tax-rules.txt}, whose
 * header describes the format. A row names a country, tax types or a group of them, a rate, its
 * first and last day and a source; it becomes one rule per tax type. Each rule's id is made of its
 * country, tax type and first day, so loading the defaults again finds the rules already stored.
 */
public final class DefaultTaxRules {
    /** How the ids of the shipped rules begin, and no rule of a host should. */
    public static final String ID_PREFIX = "default-";
    static final String RESOURCE = "/org/plenigo/core/tax/default-tax-rules.txt";
    private static final Map<String, List<TaxType>> GROUPS = Map.of(
            "E_PUBLICATIONS", List.of(TaxType.DIGITAL_NEWSPAPER, TaxType.DIGITAL_MAGAZINE, TaxType.EBOOK,
                    TaxType.AUDIOBOOK),
            "PRINT", List.of(TaxType.NEWSPAPER, TaxType.MAGAZINE, TaxType.BOOK),
            "STANDARD", List.of(TaxType.DIGITAL_PRODUCT, TaxType.VIDEO, TaxType.MUSIC, TaxType.MEMBERSHIP,
                    TaxType.EVENT, TaxType.SHIPPING_COSTS, TaxType.FEE));
    private static final int FIELDS = 6;

    private DefaultTaxRules() {
    }

    /**
     * The shipped rules, in the order of the file's rows and, within a row, of its tax types.
     *
     * @throws ValidationException   if a row is malformed; the message names its line
     * @throws IllegalStateException if the file is missing from the jar
     */
    public static List<TaxRule> load() {
        try (InputStream in = DefaultTaxRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from plenigo-core");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return parse(reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE + " failed", e);
        }
    }

    /** The rules of the rows among {@code lines}, the first of which is line 1. */
    static List<TaxRule> parse(List<String> lines) {
        List<TaxRule> rules = new ArrayList<>();
        Map<TaxRuleId, Integer> lineOfId = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String row = withoutComment(lines.get(i)).strip();
            if (row.isEmpty()) {
                continue;
            }
            for (TaxRule rule : parseRow(row, lineNumber)) {
                Integer earlier = lineOfId.putIfAbsent(rule.id(), lineNumber);
                if (earlier != null) {
                    throw invalid(lineNumber, "rule " + rule.id() + " is already given on line " + earlier);
                }
                rules.add(rule);
            }
        }
        return List.copyOf(rules);
    }

    private static String withoutComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static List<TaxRule> parseRow(String row, int line) {
        String[] fields = row.split("\\|", -1);
        if (fields.length != FIELDS) {
            throw invalid(line, "expected " + FIELDS + " fields separated by '|' (country | tax types | rate"
                    + " | valid from | valid until or - | source), found " + fields.length);
        }
        String country = fields[0].strip();
        List<TaxType> taxTypes = taxTypes(fields[1], line);
        TaxRate rate = rate(fields[2].strip(), line);
        LocalDate validFrom = date(fields[3].strip(), "valid from", line);
        String until = fields[4].strip();
        Optional<LocalDate> validUntil = until.equals("-") ? Optional.empty() : Optional.of(date(until, "valid until", line));
        String source = fields[5].strip();
        List<TaxRule> rules = new ArrayList<>(taxTypes.size());
        for (TaxType taxType : taxTypes) {
            try {
                rules.add(new TaxRule(id(country, taxType, validFrom), country, taxType, rate, validFrom, validUntil,
                        source));
            } catch (ValidationException e) {
                throw invalid(line, e.getMessage());
            }
        }
        return rules;
    }

    private static List<TaxType> taxTypes(String field, int line) {
        List<TaxType> taxTypes = new ArrayList<>();
        for (String name : field.split(",", -1)) {
            String trimmed = name.strip();
            if (trimmed.isEmpty()) {
                throw invalid(line, "tax types '" + field.strip() + "' has an empty entry");
            }
            List<TaxType> group = GROUPS.get(trimmed);
            if (group != null) {
                taxTypes.addAll(group);
            } else {
                taxTypes.add(taxType(trimmed, line));
            }
        }
        return taxTypes;
    }

    private static TaxType taxType(String name, int line) {
        try {
            return TaxType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw invalid(line, "'" + name + "' is neither a TaxType nor one of the groups " + GROUPS.keySet().stream()
                    .sorted().toList());
        }
    }

    private static TaxRate rate(String field, int line) {
        try {
            return TaxRate.of(field);
        } catch (ValidationException e) {
            throw invalid(line, e.getMessage());
        }
    }

    private static LocalDate date(String field, String name, int line) {
        try {
            return LocalDate.parse(field);
        } catch (DateTimeParseException e) {
            throw invalid(line, name + " '" + field + "' is not a date of the form 2021-07-01");
        }
    }

    private static TaxRuleId id(String country, TaxType taxType, LocalDate validFrom) {
        return new TaxRuleId(ID_PREFIX + country.toLowerCase(Locale.ROOT) + "-"
                + taxType.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + validFrom);
    }

    private static ValidationException invalid(int line, String problem) {
        return new ValidationException("default tax rules, line " + line + ": " + problem);
    }
}
