package org.plenigo.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.Plenigo;
import org.plenigo.core.ValidationException;
import org.plenigo.core.charge.RecordingCharges;

/** Nothing gives credits or access away by default: the host always names how charges are taken. */
class PlenigoBuilderTest {
    @Test
    void aPlenigoWithoutPaymentPortIsRefusedWithHowToPassOne() {
        Plenigo.Builder builder = Plenigo.builder().store(new MemoryStore());

        assertThatThrownBy(builder::build).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT))
                .hasMessageContaining("Plenigo.builder().charges(...)")
                .hasMessageContaining("new RecordingCharges(store.charges())");
    }

    @Test
    void recordingChargesAreChosenByName() {
        MemoryStore store = new MemoryStore();

        Plenigo plenigo = Plenigo.builder().store(store).charges(new RecordingCharges(store.charges())).build();

        assertThat(plenigo.context().charges()).isInstanceOf(RecordingCharges.class);
    }
}
