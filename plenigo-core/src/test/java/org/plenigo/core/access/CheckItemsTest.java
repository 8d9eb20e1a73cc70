package org.plenigo.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ValidationException;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;

/**
 * What a store answers for an access check holds together: an unknown customer has nothing, a
 * record handed over fits the standing.
 */
class CheckItemsTest {
    private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");
    private static final Customer ANNA = Customer.of(CustomerId.of("anna"), "anna@example.org", "Anna", "DE");
    private static final CheckItems.Item OPEN = new CheckItems.Item(AccessSource.EXTERNAL, T, Optional.empty(), false);

    @Test
    void anUnknownCustomerHasNeitherARecordNorItems() {
        assertThat(CheckItems.UNKNOWN.items()).isEmpty();
        assertThatThrownBy(() -> new CheckItems(CustomerStanding.UNKNOWN, Optional.empty(), List.of(OPEN)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new CheckItems(CustomerStanding.UNKNOWN, Optional.of(ANNA), List.of()))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void aRecordHandedOverIsBlockedExactlyWhenTheStandingSaysSo() {
        assertThat(new CheckItems(CustomerStanding.ACTIVE, Optional.of(ANNA), List.of(OPEN)).items())
                .containsExactly(OPEN);
        assertThat(new CheckItems(CustomerStanding.BLOCKED, Optional.of(ANNA.withBlocked(true)), List.of()).customer())
                .contains(ANNA.withBlocked(true));
        assertThatThrownBy(() -> new CheckItems(CustomerStanding.BLOCKED, Optional.of(ANNA), List.of()))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new CheckItems(CustomerStanding.ACTIVE, Optional.of(ANNA.withBlocked(true)),
                List.of())).isInstanceOf(ValidationException.class);
    }

    @Test
    void anItemIsActiveFromItsStartUpToItsEnd() {
        CheckItems.Item ending = new CheckItems.Item(AccessSource.SINGLE_PURCHASE, T, Optional.of(T.plusSeconds(60)),
                true);

        assertThat(ending.activeAt(T.minusNanos(1000))).isFalse();
        assertThat(ending.activeAt(T)).isTrue();
        assertThat(ending.activeAt(T.plusSeconds(60).minusNanos(1000))).isTrue();
        assertThat(ending.activeAt(T.plusSeconds(60))).isFalse();
        assertThat(OPEN.activeAt(T.plusSeconds(1_000_000_000))).isTrue();
    }
}
