package org.plenigo.core.access;

import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;

/** A block of IPv4 or IPv6 addresses in CIDR notation, such as {@code 192.0.2.0/24} or {@code 2001:db8::/32}. */
public record IpRange(IpAddress network, int prefixLength) {
    public IpRange {
        Require.notNull(network, "ipRange.network");
        Require.that(prefixLength >= 0 && prefixLength <= network.bits(), "ipRange.prefixLength must be 0 to "
                + network.bits() + ", was " + prefixLength);
        if (!network.network(prefixLength).equals(network)) {
            throw new ValidationException("ipRange " + network + "/" + prefixLength
                    + " has host bits set; the network is " + network.network(prefixLength) + "/" + prefixLength);
        }
    }

    /**
     * Parses {@code address/prefix}; a bare address is a range of one.
     *
     * @throws ValidationException if it is not CIDR notation or has bits set after the prefix
     */
    public static IpRange parse(String cidr) {
        Require.notNull(cidr, "ipRange");
        int slash = cidr.indexOf('/');
        IpAddress address = IpAddress.parse(slash < 0 ? cidr : cidr.substring(0, slash), "ipRange");
        if (slash < 0) {
            return new IpRange(address, address.bits());
        }
        String prefix = cidr.substring(slash + 1);
        if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)) {
            throw new ValidationException("ipRange '" + cidr + "' has no valid prefix length");
        }
        int length = Integer.parseInt(prefix);
        // an IPv4-mapped IPv6 range is taken as the IPv4 range it covers
        if (!address.v6() && cidr.indexOf(':') >= 0) {
            Require.that(length >= 96, "ipRange '" + cidr + "' is an IPv4-mapped range shorter than /96");
            length -= 96;
        }
        return new IpRange(address, length);
    }

    public boolean contains(IpAddress address) {
        return network.samePrefix(address, prefixLength);
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}
