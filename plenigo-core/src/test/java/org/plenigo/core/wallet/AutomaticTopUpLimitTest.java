package org.plenigo.core.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ValidationException;

class AutomaticTopUpLimitTest {

    @Test
    void acceptsAnyPositiveLimit() {
        assertThat(new AutomaticTopUpLimit(1, Duration.ofSeconds(1)).maxTopUps()).isEqualTo(1);
        assertThat(new AutomaticTopUpLimit(Integer.MAX_VALUE, Duration.ofDays(1)).maxTopUps())
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(AutomaticTopUpLimit.DEFAULT).isEqualTo(new AutomaticTopUpLimit(3, Duration.ofMinutes(10)));
    }

    @Test
    void refusesLimitsThatMakeNoSenseNamingTheField() {
        assertThatThrownBy(() -> new AutomaticTopUpLimit(0, Duration.ofMinutes(10)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("automaticTopUpLimit.maxTopUps must be positive, was 0");
        assertThatThrownBy(() -> new AutomaticTopUpLimit(-3, Duration.ofMinutes(10)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("automaticTopUpLimit.maxTopUps must be positive, was -3");
        assertThatThrownBy(() -> new AutomaticTopUpLimit(3, Duration.ZERO))
                .isInstanceOf(ValidationException.class).hasMessageContaining("automaticTopUpLimit.window");
        assertThatThrownBy(() -> new AutomaticTopUpLimit(3, Duration.ofMinutes(-1)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("automaticTopUpLimit.window");
        assertThatThrownBy(() -> new AutomaticTopUpLimit(3, null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("automaticTopUpLimit.window");
    }
}
