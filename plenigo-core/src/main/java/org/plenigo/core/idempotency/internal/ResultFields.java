package org.plenigo.core.idempotency.internal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.plenigo.core.StorageException;
import org.plenigo.core.idempotency.IdempotencyRecord;

/**
 * The named values an operation's result is kept as in its idempotency record: texts, numbers and
 * lists of texts. A {@link ResultCodec} fills it from a result and reads a result back from it;
 * how the fields are written into {@link IdempotencyRecord#result()} is this class's business alone.
 *
 * <p>Stored format, version 1: {@code v1:} followed by {@code name=value} pairs separated by
 * {@code ;}. Names are letters and digits. In values {@code %}, {@code ;}, {@code =} and {@code ,}
 * are written {@code %25}, {@code %3B}, {@code %3D} and {@code %2C}; a list is its escaped elements
 * separated by {@code ,} (the empty list is the empty value). Records written before the format had
 * a version are the same pairs without the {@code v1:} prefix and without escaping (their values
 * never contained those characters); they are read as well. No record of that older format starts
 * with {@code v1:}: it starts with a field name, which has no {@code :}.
 */
public final class ResultFields {
    static final String VERSION_1 = "v1:";
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    /** Values as stored: escaped if {@link #escaped}, lists joined by ','. */
    private final Map<String, String> stored;
    private final boolean escaped;

    private ResultFields(Map<String, String> stored, boolean escaped) {
        this.stored = stored;
        this.escaped = escaped;
    }

    /** No fields yet; add them with the {@code with} methods. */
    public static ResultFields create() {
        return new ResultFields(new LinkedHashMap<>(), true);
    }

    public ResultFields with(String name, String value) {
        return put(name, escape(value));
    }

    public ResultFields with(String name, long value) {
        return put(name, Long.toString(value));
    }

    public ResultFields with(String name, boolean value) {
        return put(name, value ? "1" : "0");
    }

    public ResultFields with(String name, List<String> values) {
        return put(name, String.join(",", values.stream().map(ResultFields::escape).toList()));
    }

    private ResultFields put(String name, String storedValue) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("field name must be letters and digits, was '" + name + "'");
        }
        if (stored.putIfAbsent(name, storedValue) != null) {
            throw new IllegalArgumentException("field '" + name + "' given twice");
        }
        return this;
    }

    public boolean has(String name) {
        return stored.containsKey(name);
    }

    public String text(String name) {
        return unescape(raw(name));
    }

    public long number(String name) {
        String value = raw(name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw unreadable("field '" + name + "' is not a number: '" + value + "'");
        }
    }

    public boolean flag(String name) {
        return !raw(name).equals("0");
    }

    public List<String> list(String name) {
        String value = raw(name);
        return value.isEmpty() ? List.of() : Arrays.stream(value.split(",", -1)).map(this::unescape).toList();
    }

    /** The stored text, in the current version of the format. */
    String format() {
        StringBuilder text = new StringBuilder(VERSION_1);
        stored.forEach((name, value) -> text.append(text.length() == VERSION_1.length() ? "" : ";")
                .append(name).append('=').append(value));
        return text.toString();
    }

    /** Reads a stored text of any version. */
    static ResultFields parse(String text) {
        boolean versioned = text.startsWith(VERSION_1);
        String pairs = versioned ? text.substring(VERSION_1.length()) : text;
        Map<String, String> stored = new LinkedHashMap<>();
        if (!pairs.isEmpty()) {
            for (String pair : pairs.split(";", -1)) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw unreadable("'" + text + "' is no result of any known format");
                }
                stored.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return new ResultFields(stored, versioned);
    }

    private String raw(String name) {
        String value = stored.get(name);
        if (value == null) {
            throw unreadable("the stored result has no field '" + name + "': " + stored.keySet());
        }
        return value;
    }

    private static String escape(String value) {
        StringBuilder escaped = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String code = switch (c) {
                case '%' -> "%25";
                case ';' -> "%3B";
                case '=' -> "%3D";
                case ',' -> "%2C";
                default -> null;
            };
            if (code != null && escaped == null) {
                escaped = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (escaped != null) {
                escaped.append(code != null ? code : String.valueOf(c));
            }
        }
        return escaped == null ? value : escaped.toString();
    }

    private String unescape(String value) {
        if (!escaped || value.indexOf('%') < 0) {
            return value;
        }
        StringBuilder text = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                text.append(unescaped(value, i));
                i += 2;
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    private static char unescaped(String value, int at) {
        try {
            return (char) Integer.parseInt(value.substring(at + 1, at + 3), 16);
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw unreadable("broken escape at " + at + " in '" + value + "'");
        }
    }

    private static StorageException unreadable(String detail) {
        return new StorageException("unreadable idempotency record: " + detail, null);
    }

    @Override
    public String toString() {
        return format();
    }
}
