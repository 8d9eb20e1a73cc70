package org.plenigo.core.idempotency;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.internal.Fingerprint;

class FingerprintTest {

    @Test
    void isAStableSha256InHex() {
        String fingerprint = Fingerprint.of("a", 1L, CustomerId.of("c-1"));
        assertThat(fingerprint).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(Fingerprint.of("a", 1L, CustomerId.of("c-1"))).isEqualTo(fingerprint);
    }

    @Test
    void distinguishesWherePartsAreSplit() {
        assertThat(Fingerprint.of("ab", "c")).isNotEqualTo(Fingerprint.of("a", "bc"));
        assertThat(Fingerprint.of("a|b", "c")).isNotEqualTo(Fingerprint.of("a", "b|c"));
        assertThat(Fingerprint.of("1:a|", "b")).isNotEqualTo(Fingerprint.of("1:a|1:b|"));
        assertThat(Fingerprint.of("abc")).isNotEqualTo(Fingerprint.of("ab", "c"));
        assertThat(Fingerprint.of("", "a")).isNotEqualTo(Fingerprint.of("a", ""));
        assertThat(Fingerprint.of("a")).isNotEqualTo(Fingerprint.of("a", ""));
    }

    @Test
    void distinguishesContentAndOrder() {
        assertThat(Fingerprint.of("c-1", "w", 5L)).isNotEqualTo(Fingerprint.of("c-1", "w", 6L));
        assertThat(Fingerprint.of("a", "b")).isNotEqualTo(Fingerprint.of("b", "a"));
    }
}
