package org.plenigo.core.checkout;

import org.plenigo.core.Require;

/** Identifier of a checkout order. */
public record OrderId(String value) {
    public OrderId {
        Require.id(value, "orderId");
    }

    public static OrderId of(String value) {
        return new OrderId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
