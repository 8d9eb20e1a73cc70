package org.plenigo.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ValidationException;

class DunningTest {
    @Test
    void theDefaultRetriesAfterOneThreeAndSevenDaysAndEndsAfterThirty() {
        assertThat(Dunning.DEFAULT.retryAfterDays()).containsExactly(1, 3, 7);
        assertThat(Dunning.DEFAULT.endAfterDays()).isEqualTo(30);
    }

    @Test
    void retriesAreAscendingAndPositiveAndTheEndComesAfterTheLast() {
        assertThat(new Dunning(List.of(), 1).retryAfterDays()).isEmpty();
        assertThatThrownBy(() -> new Dunning(List.of(3, 1), 30)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("ascending");
        assertThatThrownBy(() -> new Dunning(List.of(0), 30)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new Dunning(List.of(1, 3, 7), 7)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("endAfterDays");
        assertThatThrownBy(() -> new Dunning(null, 7)).isInstanceOf(ValidationException.class);
    }
}
