package org.plenigo.core.customer;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.plenigo.core.ValidationException;

/**
 * The shapes of VAT identification numbers by their country prefix, as the EU's VIES service
 * describes them for the member states (Greece: {@code EL}, Northern Ireland: {@code XI}). A VAT id
 * with another prefix needs two letters and 2 to 18 letters or digits after them. Only the shape
 * is checked: whether the number was issued is a matter for VIES, which this library does not ask.
 */
final class VatIdFormat {
    private static final Map<String, Pattern> EU = Map.ofEntries(
            Map.entry("AT", Pattern.compile("U\\d{8}")),
            Map.entry("BE", Pattern.compile("[01]\\d{9}")),
            Map.entry("BG", Pattern.compile("\\d{9,10}")),
            Map.entry("CY", Pattern.compile("\\d{8}[A-Z]")),
            Map.entry("CZ", Pattern.compile("\\d{8,10}")),
            Map.entry("DE", Pattern.compile("\\d{9}")),
            Map.entry("DK", Pattern.compile("\\d{8}")),
            Map.entry("EE", Pattern.compile("\\d{9}")),
            Map.entry("EL", Pattern.compile("\\d{9}")),
            Map.entry("ES", Pattern.compile("[A-Z0-9]\\d{7}[A-Z0-9]")),
            Map.entry("FI", Pattern.compile("\\d{8}")),
            Map.entry("FR", Pattern.compile("[A-HJ-NP-Z0-9]{2}\\d{9}")),
            // Greek VAT ids begin with EL, never with Greece's ISO code
            Map.entry("GR", Pattern.compile("(?!)")),
            Map.entry("HR", Pattern.compile("\\d{11}")),
            Map.entry("HU", Pattern.compile("\\d{8}")),
            Map.entry("IE", Pattern.compile("\\d{7}[A-W][A-IW]?|\\d[A-Z+*]\\d{5}[A-W]")),
            Map.entry("IT", Pattern.compile("\\d{11}")),
            Map.entry("LT", Pattern.compile("\\d{9}|\\d{12}")),
            Map.entry("LU", Pattern.compile("\\d{8}")),
            Map.entry("LV", Pattern.compile("\\d{11}")),
            Map.entry("MT", Pattern.compile("\\d{8}")),
            Map.entry("NL", Pattern.compile("\\d{9}B\\d{2}")),
            Map.entry("PL", Pattern.compile("\\d{10}")),
            Map.entry("PT", Pattern.compile("\\d{9}")),
            Map.entry("RO", Pattern.compile("[1-9]\\d{1,9}")),
            Map.entry("SE", Pattern.compile("\\d{10}01")),
            Map.entry("SI", Pattern.compile("\\d{8}")),
            Map.entry("SK", Pattern.compile("\\d{10}")),
            Map.entry("XI", Pattern.compile("\\d{9}|\\d{12}|GD\\d{3}|HA\\d{3}")));
    private static final Pattern OTHER = Pattern.compile("[A-Z]{2}[A-Z0-9]{2,18}");

    private VatIdFormat() {
    }

    /** The VAT id if its shape fits its prefix; spaces, dots and hyphens are dropped first. */
    static String check(String vatId, String field) {
        String compact = vatId.replaceAll("[ .\\-]", "").toUpperCase(Locale.ROOT);
        Pattern rest = compact.length() < 2 ? null : EU.get(compact.substring(0, 2));
        boolean fits = rest == null ? OTHER.matcher(compact).matches()
                : rest.matcher(compact.substring(2)).matches();
        if (!fits) {
            throw new ValidationException(field + " '" + vatId + "' is not a VAT id of the shape its prefix "
                    + (compact.length() < 2 ? "" : compact.substring(0, 2) + " ") + "asks for");
        }
        return compact;
    }

    /**
     * The member state a VAT id belongs to (ISO code; {@code EL} is Greece, {@code XI} Northern
     * Ireland, which counts as a member state for goods only and so not here), or empty.
     */
    static Optional<String> memberState(String vatId) {
        String prefix = vatId.substring(0, 2);
        if (prefix.equals("EL")) {
            return Optional.of("GR");
        }
        return EU.containsKey(prefix) && !prefix.equals("XI") && !prefix.equals("GR") ? Optional.of(prefix)
                : Optional.empty();
    }
}
