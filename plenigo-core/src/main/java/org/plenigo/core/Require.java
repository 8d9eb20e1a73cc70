package org.plenigo.core;

import java.util.regex.Pattern;

/** Argument checks that fail with a {@link ValidationException} naming the field and the value. */
public final class Require {
    /** Longest id or key accepted anywhere; stores size their columns to it. */
    public static final int MAX_ID_LENGTH = 128;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]*");

    private Require() {
    }

    public static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new ValidationException(field + " must not be null");
        }
        return value;
    }

    public static String notBlank(String value, String field) {
        notNull(value, field);
        if (value.isBlank()) {
            throw new ValidationException(field + " must not be blank");
        }
        return value;
    }

    public static String maxLength(String value, int max, String field) {
        notNull(value, field);
        if (value.length() > max) {
            throw new ValidationException(field + " must have at most " + max + " characters, was " + value.length());
        }
        return value;
    }

    /** An identifier: 1..128 characters of letters, digits and {@code . _ : @ / -}, starting with a letter or digit. */
    public static String id(String value, String field) {
        notNull(value, field);
        maxLength(value, MAX_ID_LENGTH, field);
        if (!ID.matcher(value).matches()) {
            throw new ValidationException(field + " must be 1 to " + MAX_ID_LENGTH
                    + " letters, digits or . _ : @ / - starting with a letter or digit, was '" + value + "'");
        }
        return value;
    }

    public static long positive(long value, String field) {
        if (value <= 0) {
            throw new ValidationException(field + " must be positive, was " + value);
        }
        return value;
    }

    public static long notNegative(long value, String field) {
        if (value < 0) {
            throw new ValidationException(field + " must not be negative, was " + value);
        }
        return value;
    }

    public static void that(boolean condition, String message) {
        if (!condition) {
            throw new ValidationException(message);
        }
    }
}
