package org.plenigo.core.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.quicktheories.core.Gen;

class IdempotencyKeyTest {

    private static Gen<String> keys() {
        Gen<String> tail = strings().betweenCodePoints('-', 'z').ofLengthBetween(0, Require.MAX_ID_LENGTH - 1)
                .map(s -> s.replaceAll("[^A-Za-z0-9._:@/-]", "x"));
        return strings().betweenCodePoints('a', 'z').ofLength(1).zip(tail, String::concat);
    }

    @Test
    void deriveIsStableAndDependsOnKeyAndStep() {
        IdempotencyKey key = IdempotencyKey.of("order-1");
        assertThat(key.derive("charge")).isEqualTo(IdempotencyKey.of("order-1").derive("charge"));
        assertThat(key.derive("charge")).isNotEqualTo(key.derive("refill"));
        assertThat(key.derive("charge")).isNotEqualTo(IdempotencyKey.of("order-2").derive("charge"));
        assertThat(key.derive("charge")).isNotEqualTo(key);
        assertThat(key.derive("charge").value()).startsWith("d-");
        // a name-based UUID: the same on every node and in every run
        assertThat(key.derive("charge").value()).isEqualTo("d-" + IdempotencyKey.uuidOf("order-1/charge"));
        assertThat(IdempotencyKey.uuidOf("order-1/charge"))
                .isEqualTo(java.util.UUID.nameUUIDFromBytes("order-1/charge".getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)).toString());
    }

    @Test
    void deriveFitsTheLengthLimitWhateverTheKeyLength() {
        IdempotencyKey longest = IdempotencyKey.of("k".repeat(Require.MAX_ID_LENGTH));
        IdempotencyKey derived = longest.derive("top-up-" + Integer.MAX_VALUE);
        assertThat(derived.value().length()).isLessThanOrEqualTo(Require.MAX_ID_LENGTH);
        assertThat(derived.derive("charge").value().length()).isLessThanOrEqualTo(Require.MAX_ID_LENGTH);
    }

    @Test
    void deriveRefusesABlankStep() {
        IdempotencyKey key = IdempotencyKey.of("order-1");
        assertThatThrownBy(() -> key.derive(" ")).isInstanceOf(ValidationException.class).hasMessageContaining("step");
        assertThatThrownBy(() -> key.derive(null)).isInstanceOf(ValidationException.class).hasMessageContaining("step");
    }

    @Test
    void derivedKeysAreValidStableAndDistinctForAnyKey() {
        qt().withExamples(500).forAll(keys(), keys()).checkAssert((a, b) -> {
            IdempotencyKey ka = IdempotencyKey.of(a);
            IdempotencyKey kb = IdempotencyKey.of(b);
            assertThat(ka.derive("top-up-1").value().length()).isLessThanOrEqualTo(Require.MAX_ID_LENGTH);
            assertThat(ka.derive("top-up-1")).isEqualTo(IdempotencyKey.of(a).derive("top-up-1"));
            assertThat(ka.derive("top-up-1")).isNotEqualTo(ka.derive("top-up-2"));
            if (!a.equals(b)) {
                assertThat(ka.derive("refill")).isNotEqualTo(kb.derive("refill"));
            }
        });
    }
}
