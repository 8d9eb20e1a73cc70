package org.plenigo.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.ValidationException;

/**
 * IPv4 and IPv6 addresses and CIDR ranges as sponsor grants use them: every textual form of RFC
 * 4291, IPv4-mapped addresses taken as IPv4, prefix edges, host bits refused, and nothing ever
 * resolved as a host name.
 */
class IpRangeTest {

    // ----- addresses -----

    @Test
    void anIpv4AddressIsItsThirtyTwoBits() {
        IpAddress address = IpAddress.parse("192.0.2.1");

        assertThat(address).isEqualTo(new IpAddress(false, 0, 0xC000_0201L));
        assertThat(address.bits()).isEqualTo(32);
        assertThat(address).hasToString("192.0.2.1");
        assertThat(IpAddress.parse("0.0.0.0")).isEqualTo(new IpAddress(false, 0, 0));
        assertThat(IpAddress.parse("255.255.255.255")).isEqualTo(new IpAddress(false, 0, 0xFFFF_FFFFL));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2001:db8::1                             | 2001:db8:0:0:0:0:0:1",
            "2001:0DB8:0000:0000:0000:0000:0000:0001 | 2001:db8:0:0:0:0:0:1",
            "::                                      | 0:0:0:0:0:0:0:0",
            "::1                                     | 0:0:0:0:0:0:0:1",
            "1::                                     | 1:0:0:0:0:0:0:0",
            "1:2:3:4:5:6:7::                         | 1:2:3:4:5:6:7:0",
            "::2:3:4:5:6:7:8                         | 0:2:3:4:5:6:7:8",
            "fe80::1:0:0:2                           | fe80:0:0:0:1:0:0:2",
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "64:ff9b::192.0.2.33                     | 64:ff9b:0:0:0:0:c000:221",
            "1:2:3:4:5:6:192.0.2.33                  | 1:2:3:4:5:6:c000:221",
            "::192.0.2.33                            | 0:0:0:0:0:0:c000:221"})
    void everyTextualFormOfIpv6IsUnderstood(String text, String expanded) {
        IpAddress address = IpAddress.parse(text);

        assertThat(address.v6()).isTrue();
        assertThat(address.bits()).isEqualTo(128);
        assertThat(address).hasToString(expanded);
    }

    @Test
    void ipv6WordsLandInTheirHalves() {
        assertThat(IpAddress.parse("2001:db8::1")).isEqualTo(new IpAddress(true, 0x2001_0db8_0000_0000L, 1));
        assertThat(IpAddress.parse("::")).isEqualTo(new IpAddress(true, 0, 0));
        assertThat(IpAddress.parse("ffff::")).isEqualTo(new IpAddress(true, 0xFFFF_0000_0000_0000L, 0));
        assertThat(IpAddress.parse("::8000:0:0:0")).isEqualTo(new IpAddress(true, 0, 0x8000_0000_0000_0000L));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"::ffff:192.0.2.1", "::FFFF:192.0.2.1", "::ffff:c000:201", "0:0:0:0:0:ffff:c000:0201"})
    void anIpv4MappedAddressIsTakenAsTheIpv4AddressItCarries(String text) {
        assertThat(IpAddress.parse(text)).isEqualTo(IpAddress.parse("192.0.2.1"));
    }

    @Test
    void anIpv4CompatibleAddressStaysIpv6() {
        assertThat(IpAddress.parse("::192.0.2.1").v6()).isTrue();
        assertThat(IpAddress.parse("::192.0.2.1")).isNotEqualTo(IpAddress.parse("192.0.2.1"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", "256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "1..3.4", "1.2.3.",
            ".1.2.3", "1.2.3.4 ", " 1.2.3.4", "+1.2.3.4", "1.2.3.-4", "a.b.c.d", "1.2.3.4/32", "1000.2.3.4",
            ":::", "1:::2", "2001:db8::1::2", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", ":1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "12345::", "g::1", "fe80::1%eth0",
            "[::1]", "::1.2.3", "::1.2.3.4:5", "1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5:6::1.2.3.4", "::ffff:256.0.0.1",
            "::ffff:01.2.3.4", "1:2:3:4:5:6:7:8 ", "2001:db8::1/128",
            "0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0"})
    void garbageIsRefusedNamingTheFieldAndTheValue(String text) {
        assertThatThrownBy(() -> IpAddress.parse(text, "check.ipAddress"))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT))
                .hasMessageContainingAll("check.ipAddress", "'" + text + "'");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"localhost", "example.com", "ip6-localhost", "127.1", "0x7f.0.0.1", "2130706433",
            "017700000001", "127.0.0.1.nip.io"})
    void hostNamesAndShorthandsThatAResolverWouldAcceptAreRefusedWithoutResolving(String text) {
        assertThatThrownBy(() -> IpAddress.parse(text, "check.ipAddress")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("check.ipAddress");
    }

    @Test
    void aMissingAddressIsRefused() {
        assertThatThrownBy(() -> IpAddress.parse(null, "check.ipAddress")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("check.ipAddress");
        assertThatThrownBy(() -> IpRange.parse(null)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("ipRange");
    }

    // ----- ranges -----

    @Test
    void anIpv4RangeHoldsExactlyItsBlock() {
        IpRange range = IpRange.parse("192.0.2.0/24");

        assertThat(range).isEqualTo(new IpRange(IpAddress.parse("192.0.2.0"), 24));
        assertThat(range).hasToString("192.0.2.0/24");
        assertContains(range, "192.0.2.0", "192.0.2.1", "192.0.2.255", "::ffff:192.0.2.77");
        assertDoesNotContain(range, "192.0.1.255", "192.0.3.0", "193.0.2.1", "::192.0.2.1", "2001:db8::c000:201");
    }

    @Test
    void ipv4PrefixEdges() {
        assertContains(IpRange.parse("0.0.0.0/0"), "0.0.0.0", "127.0.0.1", "255.255.255.255", "::ffff:10.1.2.3");
        assertDoesNotContain(IpRange.parse("0.0.0.0/0"), "::", "::1", "2001:db8::1");
        assertContains(IpRange.parse("128.0.0.0/1"), "128.0.0.0", "255.255.255.255");
        assertDoesNotContain(IpRange.parse("128.0.0.0/1"), "127.255.255.255", "0.0.0.0");
        assertContains(IpRange.parse("198.51.100.6/31"), "198.51.100.6", "198.51.100.7");
        assertDoesNotContain(IpRange.parse("198.51.100.6/31"), "198.51.100.5", "198.51.100.8");
        assertContains(IpRange.parse("198.51.100.7/32"), "198.51.100.7");
        assertDoesNotContain(IpRange.parse("198.51.100.7/32"), "198.51.100.6", "198.51.100.8");
        assertThat(IpRange.parse("198.51.100.7")).as("a bare address is a range of one")
                .isEqualTo(IpRange.parse("198.51.100.7/32"));
    }

    @Test
    void ipv6PrefixEdges() {
        assertContains(IpRange.parse("::/0"), "::", "::1", "2001:db8::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
        assertDoesNotContain(IpRange.parse("::/0"), "0.0.0.0", "192.0.2.1", "::ffff:192.0.2.1");
        assertContains(IpRange.parse("8000::/1"), "8000::", "ffff::1");
        assertDoesNotContain(IpRange.parse("8000::/1"), "7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::");
        assertContains(IpRange.parse("2001:db8:1234::/48"), "2001:db8:1234::", "2001:DB8:1234::1",
                "2001:db8:1234:ffff:ffff:ffff:ffff:ffff");
        assertDoesNotContain(IpRange.parse("2001:db8:1234::/48"), "2001:db8:1233:ffff:ffff:ffff:ffff:ffff",
                "2001:db8:1235::");
        assertContains(IpRange.parse("2001:db8:1:2::/63"), "2001:db8:1:2::", "2001:db8:1:3:ffff:ffff:ffff:ffff");
        assertDoesNotContain(IpRange.parse("2001:db8:1:2::/63"), "2001:db8:1:1:ffff:ffff:ffff:ffff", "2001:db8:1:4::");
        assertContains(IpRange.parse("2001:db8:1:2::/64"), "2001:db8:1:2::", "2001:db8:1:2:ffff:ffff:ffff:ffff");
        assertDoesNotContain(IpRange.parse("2001:db8:1:2::/64"), "2001:db8:1:1:ffff:ffff:ffff:ffff", "2001:db8:1:3::");
        assertContains(IpRange.parse("2001:db8:1:2::/65"), "2001:db8:1:2::", "2001:db8:1:2:7fff:ffff:ffff:ffff");
        assertDoesNotContain(IpRange.parse("2001:db8:1:2::/65"), "2001:db8:1:2:8000::", "2001:db8:1:3::");
        assertContains(IpRange.parse("2001:db8:1:2:8000::/65"), "2001:db8:1:2:8000::",
                "2001:db8:1:2:ffff:ffff:ffff:ffff");
        assertDoesNotContain(IpRange.parse("2001:db8:1:2:8000::/65"), "2001:db8:1:2:7fff:ffff:ffff:ffff");
        assertContains(IpRange.parse("2001:db8::/127"), "2001:db8::", "2001:db8::1");
        assertDoesNotContain(IpRange.parse("2001:db8::/127"), "2001:db8::2");
        assertContains(IpRange.parse("2001:db8::1/128"), "2001:db8::1");
        assertDoesNotContain(IpRange.parse("2001:db8::1/128"), "2001:db8::", "2001:db8::2");
        assertThat(IpRange.parse("2001:db8::1")).isEqualTo(IpRange.parse("2001:db8::1/128"));
    }

    @Test
    void anIpv4MappedRangeIsTheIpv4RangeItCovers() {
        assertThat(IpRange.parse("::ffff:192.0.2.0/120")).isEqualTo(IpRange.parse("192.0.2.0/24"));
        assertThat(IpRange.parse("::ffff:0.0.0.0/96")).isEqualTo(IpRange.parse("0.0.0.0/0"));
        assertThat(IpRange.parse("::ffff:192.0.2.7/128")).isEqualTo(IpRange.parse("192.0.2.7/32"));
        assertRefused("::ffff:192.0.2.0/95", "ipRange", "/96");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"192.0.2.1/24, 192.0.2.0/24", "11.0.0.0/7, 10.0.0.0/7", "0.0.0.1/0, 0.0.0.0/0",
            "198.51.100.7/31, 198.51.100.6/31", "2001:db8::1/64, 2001:db8:0:0:0:0:0:0/64",
            "2001:db8:1:2:8000::/64, 2001:db8:1:2:0:0:0:0/64", "::1/0, 0:0:0:0:0:0:0:0/0",
            "2001:db8::1/127, 2001:db8:0:0:0:0:0:0/127"})
    void aRangeWithHostBitsSetIsRefusedNamingTheNetwork(String cidr, String network) {
        assertRefused(cidr, "host bits", network);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "/24", "192.0.2.0/", "192.0.2.0/33", "::/129", "192.0.2.0/-1", "192.0.2.0/+8",
            "192.0.2.0/ 24", "192.0.2.0/24 ", "192.0.2.0/abc", "192.0.2.0/1000", "192.0.2.0/24/8", "192.0.2/24",
            "localhost/8", "example.com/24", "2001:db8::/4x", "2001:db8::%eth0/64"})
    void garbageRangesAreRefused(String cidr) {
        assertThatThrownBy(() -> IpRange.parse(cidr)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("ipRange");
    }

    @Test
    void aPrefixLongerThanTheAddressIsRefused() {
        assertThatThrownBy(() -> new IpRange(IpAddress.parse("192.0.2.0"), 33)).isInstanceOf(ValidationException.class)
                .hasMessageContainingAll("ipRange.prefixLength", "33");
        assertThatThrownBy(() -> new IpRange(IpAddress.parse("::"), 129)).isInstanceOf(ValidationException.class)
                .hasMessageContainingAll("ipRange.prefixLength", "129");
        assertThatThrownBy(() -> new IpRange(IpAddress.parse("::"), -1)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("ipRange.prefixLength");
    }

    private static void assertContains(IpRange range, String... addresses) {
        for (String address : addresses) {
            assertThat(range.contains(IpAddress.parse(address))).as("%s contains %s", range, address).isTrue();
        }
    }

    private static void assertDoesNotContain(IpRange range, String... addresses) {
        for (String address : addresses) {
            assertThat(range.contains(IpAddress.parse(address))).as("%s contains %s", range, address).isFalse();
        }
    }

    private static void assertRefused(String cidr, String... messageParts) {
        assertThatThrownBy(() -> IpRange.parse(cidr)).isInstanceOf(ValidationException.class)
                .hasMessageContainingAll(messageParts);
    }
}
