package org.plenigo.core.customer;

import org.plenigo.core.Require;

/** The publisher's own identifier of a customer. */
public record CustomerId(String value) {
    public CustomerId {
        Require.id(value, "customerId");
    }

    public static CustomerId of(String value) {
        return new CustomerId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
