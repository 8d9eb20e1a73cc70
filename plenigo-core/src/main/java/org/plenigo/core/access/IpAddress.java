package org.plenigo.core.access;

import org.plenigo.core.ValidationException;

/**
 * An IPv4 or IPv6 address, parsed from its textual form only (never resolved as a host name).
 * IPv4-mapped IPv6 addresses ({@code ::ffff:192.0.2.1}), as proxies often pass them, are taken as
 * the IPv4 address they carry.
 *
 * @param v6   whether it is an IPv6 address
 * @param high the upper 64 bits of an IPv6 address; 0 for IPv4
 * @param low  the lower 64 bits of an IPv6 address, or the 32 bits of an IPv4 address
 */
public record IpAddress(boolean v6, long high, long low) {
    public IpAddress {
        if (!v6 && (high != 0 || (low >>> 32) != 0)) {
            throw new ValidationException("an IPv4 address has 32 bits");
        }
    }

    /**
     * Parses dotted-quad IPv4 ({@code 192.0.2.1}) or IPv6 in any RFC 4291 text form, including
     * {@code ::} compression and a trailing dotted quad. Zone ids ({@code %eth0}) are refused.
     *
     * @throws ValidationException naming {@code field} if {@code text} is not an address
     */
    public static IpAddress parse(String text, String field) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            throw invalid(text, field);
        }
        if (text.indexOf(':') < 0) {
            long v4 = parseV4(text);
            if (v4 < 0) {
                throw invalid(text, field);
            }
            return new IpAddress(false, 0, v4);
        }
        long[] words = parseV6(text);
        if (words == null) {
            throw invalid(text, field);
        }
        IpAddress address = new IpAddress(true, words[0], words[1]);
        return address.high == 0 && (address.low >>> 32) == 0xFFFFL
                ? new IpAddress(false, 0, address.low & 0xFFFF_FFFFL) : address;
    }

    public static IpAddress parse(String text) {
        return parse(text, "ipAddress");
    }

    /** The number of bits: 32 or 128. */
    public int bits() {
        return v6 ? 128 : 32;
    }

    /** Whether the first {@code prefix} bits of both addresses are equal; false across families. */
    boolean samePrefix(IpAddress other, int prefix) {
        if (v6 != other.v6) {
            return false;
        }
        if (!v6) {
            return prefix == 0 || ((low ^ other.low) >>> (32 - prefix)) == 0;
        }
        if (prefix <= 64) {
            return prefix == 0 || ((high ^ other.high) >>> (64 - prefix)) == 0;
        }
        return high == other.high && (prefix == 64 || ((low ^ other.low) >>> (128 - prefix)) == 0);
    }

    /** This address with all bits after the first {@code prefix} cleared. */
    IpAddress network(int prefix) {
        if (!v6) {
            long mask = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
            return new IpAddress(false, 0, low & mask);
        }
        long highMask = prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
        long lowMask = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
        return new IpAddress(true, high & highMask, low & lowMask);
    }

    @Override
    public String toString() {
        if (!v6) {
            return (low >>> 24) + "." + ((low >>> 16) & 0xFF) + "." + ((low >>> 8) & 0xFF) + "." + (low & 0xFF);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            long word = ((i < 4 ? high : low) >>> (48 - 16 * (i % 4))) & 0xFFFF;
            text.append(i == 0 ? "" : ":").append(Long.toHexString(word));
        }
        return text.toString();
    }

    /** Returns the 32-bit value, or -1 if not a dotted quad of decimal numbers 0 to 255 without leading zeros. */
    private static long parseV4(String text) {
        long value = 0;
        int parts = 0;
        int i = 0;
        while (parts < 4) {
            int start = i;
            int part = 0;
            while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 3) {
                part = part * 10 + (text.charAt(i) - '0');
                i++;
            }
            if (i == start || part > 255 || (i - start > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            value = (value << 8) | part;
            parts++;
            if (parts < 4) {
                if (i >= text.length() || text.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == text.length() ? value : -1;
    }

    /** Returns {high, low}, or null if not an IPv6 address. */
    private static long[] parseV6(String text) {
        int[] words = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (text.startsWith(":")) {
            return null;
        }
        while (i < text.length()) {
            if (count == 8) {
                return null;
            }
            int end = i;
            while (end < text.length() && text.charAt(end) != ':') {
                end++;
            }
            String group = text.substring(i, end);
            if (group.indexOf('.') >= 0) {
                long v4 = end == text.length() && count <= 6 ? parseV4(group) : -1;
                if (v4 < 0) {
                    return null;
                }
                words[count++] = (int) (v4 >>> 16);
                words[count++] = (int) (v4 & 0xFFFF);
                i = end;
                break;
            }
            if (group.isEmpty() || group.length() > 4) {
                return null;
            }
            int word = 0;
            for (int k = 0; k < group.length(); k++) {
                int digit = Character.digit(group.charAt(k), 16);
                if (digit < 0) {
                    return null;
                }
                word = word * 16 + digit;
            }
            words[count++] = word;
            i = end;
            if (i < text.length()) {
                if (text.startsWith("::", i)) {
                    if (gap >= 0) {
                        return null;
                    }
                    gap = count;
                    i += 2;
                } else if (i + 1 == text.length()) {
                    return null;
                } else {
                    i++;
                }
            }
        }
        if (gap < 0 ? count != 8 : count == 8) {
            return null;
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = words;
        } else {
            int tail = count - gap;
            System.arraycopy(words, 0, full, 0, gap);
            System.arraycopy(words, gap, full, 8 - tail, tail);
        }
        long high = 0;
        long low = 0;
        for (int k = 0; k < 4; k++) {
            high = (high << 16) | full[k];
            low = (low << 16) | full[k + 4];
        }
        return new long[] {high, low};
    }

    private static ValidationException invalid(String text, String field) {
        return new ValidationException(field + " '" + text + "' is not an IPv4 or IPv6 address");
    }
}
