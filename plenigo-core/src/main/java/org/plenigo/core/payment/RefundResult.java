package org.plenigo.core.payment;

import org.plenigo.core.Require;

/** The provider's answer to a refund. */
public sealed interface RefundResult {
    /** The amount is on its way back to the customer. */
    record Refunded(String refundReference) implements RefundResult {
        public Refunded {
            Require.notBlank(refundReference, "refundReference");
        }
    }

    /** The provider refused or failed to refund; nothing was refunded. */
    record Failed(String reason) implements RefundResult {
        public Failed {
            Require.notBlank(reason, "reason");
        }
    }
}
