package org.plenigo.core.access;

/** Why an access check granted or denied. */
public enum AccessReason {
    /** Granted: an item of an active time-based subscription. */
    SUBSCRIPTION(true),
    /** Granted: an item of a single purchase. */
    SINGLE_PURCHASE(true),
    /** Granted: the content was unlocked with credits. */
    CREDIT_UNLOCK(true),
    /** Granted: an item granted through the API for a right sold elsewhere. */
    EXTERNAL(true),
    /** Granted: the content requires no access right. */
    FREE_CONTENT(true),
    /** Granted: a free view of metered content. */
    METERED_FREE_VIEW(true),
    /** Granted: a sponsor grant admits the reader, or the customer holds a SPONSOR item. */
    SPONSORED(true),
    /** Denied: the reader holds none of the rights and no free view or sponsor applies. */
    NO_ACCESS_RIGHT(false),
    /** Denied: the reader used up the free views of the period. */
    METER_EXHAUSTED(false),
    /** Denied: metered content, but neither a customer nor a visitor id to count the views by. */
    LOGIN_REQUIRED(false),
    /** Denied: the customer is blocked. */
    CUSTOMER_BLOCKED(false),
    /** Denied: every item that would open the content is blocked. */
    ACCESS_BLOCKED(false);

    private final boolean grants;

    AccessReason(boolean grants) {
        this.grants = grants;
    }

    /** Whether a decision with this reason grants access. */
    public boolean grants() {
        return grants;
    }

    static AccessReason of(AccessSource source) {
        return switch (source) {
            case TIME_BASED_SUBSCRIPTION -> SUBSCRIPTION;
            case SINGLE_PURCHASE -> SINGLE_PURCHASE;
            case CREDIT_UNLOCK -> CREDIT_UNLOCK;
            case SPONSOR -> SPONSORED;
            case EXTERNAL -> EXTERNAL;
        };
    }
}
