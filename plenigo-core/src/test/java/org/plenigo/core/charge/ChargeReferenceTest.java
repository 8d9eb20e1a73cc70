package org.plenigo.core.charge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.plenigo.core.ValidationException;

class ChargeReferenceTest {
    @Test
    void theFactoriesNameTheKindAndEachKindHasItsOwnId() {
        ChargeReference subscription = ChargeReference.subscription("sub-1");
        ChargeReference purchase = ChargeReference.singlePurchase("pur-1");

        assertThat(subscription.kind()).isEqualTo(ChargeReference.Kind.SUBSCRIPTION);
        assertThat(subscription.idOf(ChargeReference.Kind.SUBSCRIPTION)).contains("sub-1");
        assertThat(subscription.idOf(ChargeReference.Kind.SINGLE_PURCHASE)).isEmpty();
        assertThat(purchase.kind()).isEqualTo(ChargeReference.Kind.SINGLE_PURCHASE);
        assertThat(purchase.idOf(ChargeReference.Kind.SINGLE_PURCHASE)).contains("pur-1");
        assertThat(purchase.idOf(ChargeReference.Kind.SUBSCRIPTION)).isEmpty();
        assertThat(subscription).isNotEqualTo(ChargeReference.singlePurchase("sub-1"));
    }

    @Test
    void aReferenceNeedsAKindAndAnId() {
        assertThatThrownBy(() -> new ChargeReference(null, "sub-1")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("chargeReference.kind");
        assertThatThrownBy(() -> ChargeReference.subscription(" ")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("chargeReference.id");
    }
}
