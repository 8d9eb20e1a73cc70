package org.plenigo.examples;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.plenigo.core.charge.ChargeOutcome;
import org.plenigo.core.charge.ChargeRequest;
import org.plenigo.core.charge.Charges;
import org.plenigo.core.customer.CustomerId;

/**
 * Stands in for a payment provider: declines the charges of customers whose card was marked as
 * declined and passes every other charge on. A declined charge is not passed on, so nothing is
 * recorded for it.
 */
public final class DecliningCharges implements Charges {
    private final Charges delegate;
    private final Map<CustomerId, String> declined = new ConcurrentHashMap<>();

    public DecliningCharges(Charges delegate) {
        this.delegate = delegate;
    }

    /** From now on, charges of {@code customer} fail with {@code reason}. */
    public void decline(CustomerId customer, String reason) {
        declined.put(customer, reason);
    }

    /** From now on, charges of {@code customer} go through again. */
    public void accept(CustomerId customer) {
        declined.remove(customer);
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        String reason = declined.get(request.customerId());
        if (reason != null) {
            return new ChargeOutcome.Failed(reason);
        }
        return delegate.charge(request);
    }
}
