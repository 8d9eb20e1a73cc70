package org.plenigo.core.invoice;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;

/**
 * A series of invoice numbers: one counter that starts at 1 and never resets, skips or repeats,
 * and a format that makes a number of it, e.g. {@code RE-{year}-{counter:6}} gives
 * {@code RE-2026-000123}. {@code {year}} is the issue year; {@code {counter:N}} the counter,
 * zero-padded to at least N digits (1 to 12); everything else is printed as it is and may be
 * letters, digits and {@code - / _ .}.
 */
public record InvoiceSeries(String id, String format) {
    private static final Pattern COUNTER = Pattern.compile("\\{counter:(\\d{1,2})}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9\\-/_.]*");
    /** The series used unless the host configures its own (declared after the patterns it is checked with). */
    public static final InvoiceSeries DEFAULT = new InvoiceSeries("RE", "RE-{year}-{counter:6}");

    public InvoiceSeries {
        Require.id(id, "invoiceSeries.id");
        Require.maxLength(Require.notBlank(format, "invoiceSeries.format"), 40, "invoiceSeries.format");
        Matcher counter = COUNTER.matcher(format);
        if (!counter.find()) {
            throw new ValidationException("invoiceSeries.format '" + format + "' has no {counter:N}");
        }
        int digits = Integer.parseInt(counter.group(1));
        if (digits < 1 || digits > 12 || counter.find()) {
            throw new ValidationException("invoiceSeries.format '" + format
                    + "' needs exactly one {counter:N} with N from 1 to 12");
        }
        String literal = COUNTER.matcher(format).replaceAll("").replace("{year}", "");
        if (!LITERAL.matcher(literal).matches()) {
            throw new ValidationException("invoiceSeries.format '" + format
                    + "' may hold only {year}, {counter:N}, letters, digits and - / _ .");
        }
    }

    /**
     * Whether this series and another with its own counter may ever give the same number: unless
     * one is the other, each must begin with text (before its first placeholder) that the other's
     * does not begin with.
     */
    public boolean mayCollideWith(InvoiceSeries other) {
        if (equals(other)) {
            return false;
        }
        if (id.equals(other.id)) {
            return true;
        }
        String mine = lead();
        String theirs = other.lead();
        return mine.startsWith(theirs) || theirs.startsWith(mine);
    }

    private String lead() {
        return format.substring(0, format.indexOf('{'));
    }

    /** The number the counter value gives in an invoice issued in {@code year}. */
    public String number(long counter, int year) {
        if (counter < 1) {
            throw new ValidationException("invoiceSeries.counter must be positive, was " + counter);
        }
        Matcher m = COUNTER.matcher(format);
        m.find();
        String padded = String.format("%0" + m.group(1) + "d", counter);
        return (format.substring(0, m.start()) + padded + format.substring(m.end()))
                .replace("{year}", Integer.toString(year));
    }
}
