package org.plenigo.core.access;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.plenigo.core.Require;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.customer.CustomerId;

/**
 * What the CMS asks on a page view: may this reader see this content?
 *
 * @param contentId       the content asked for
 * @param requiredRights  the access rights the content requires, any of which opens it; none: the
 *                        content is free. With several metered rights the first (in this order)
 *                        that still has free views is counted. At most 100.
 * @param partOf          content this content belongs to (its issue, its webinar series): an
 *                        unlock of any of them opens it too. At most 100.
 * @param customerId      the logged-in customer, if any
 * @param visitorId       the anonymous reader's id, by which metered views are counted when no
 *                        customer is logged in
 * @param ipAddress       the reader's address, for sponsor grants by IP range
 * @param sponsorCode     a sponsor code the reader presented
 * @param meteringExempt  whether the content is exempt from metering: no free views, whatever its rights
 */
public record AccessCheck(ContentId contentId, List<AccessRightId> requiredRights, Set<ContentId> partOf,
                          Optional<CustomerId> customerId, Optional<VisitorId> visitorId,
                          Optional<IpAddress> ipAddress, Optional<String> sponsorCode, boolean meteringExempt) {
    public static final int MAX_ENTRIES = 100;

    public AccessCheck {
        Require.notNull(contentId, "check.contentId");
        requiredRights = List.copyOf(Require.notNull(requiredRights, "check.requiredRights"));
        Require.that(requiredRights.size() <= MAX_ENTRIES, "check.requiredRights must hold at most " + MAX_ENTRIES);
        if (repeats(requiredRights)) {
            requiredRights = List.copyOf(new LinkedHashSet<>(requiredRights));
        }
        partOf = Set.copyOf(Require.notNull(partOf, "check.partOf"));
        Require.that(partOf.size() <= MAX_ENTRIES, "check.partOf must hold at most " + MAX_ENTRIES);
        Require.notNull(customerId, "check.customerId");
        Require.notNull(visitorId, "check.visitorId");
        Require.notNull(ipAddress, "check.ipAddress");
        Require.notNull(sponsorCode, "check.sponsorCode");
        sponsorCode.ifPresent(code -> Require.maxLength(Require.notBlank(code, "check.sponsorCode"), 64,
                "check.sponsorCode"));
    }

    /**
     * Whether a short list holds a value twice; checked pairwise, which beats hashing for a few
     * rights, and by the ids' cached hash codes first, so that distinct ids are rarely compared.
     */
    private static boolean repeats(List<AccessRightId> rights) {
        for (int i = 1; i < rights.size(); i++) {
            String right = rights.get(i).value();
            for (int j = 0; j < i; j++) {
                String other = rights.get(j).value();
                if (right.hashCode() == other.hashCode() && right.equals(other)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A check of {@code contentId}, which requires any of {@code requiredRights} (none: free content), for an unknown reader. */
    public static AccessCheck of(ContentId contentId, AccessRightId... requiredRights) {
        return new AccessCheck(contentId, List.of(Require.notNull(requiredRights, "check.requiredRights")), Set.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    public AccessCheck withCustomer(CustomerId customer) {
        return new AccessCheck(contentId, requiredRights, partOf, Optional.of(Require.notNull(customer, "check.customerId")),
                visitorId, ipAddress, sponsorCode, meteringExempt);
    }

    public AccessCheck withVisitor(VisitorId visitor) {
        return new AccessCheck(contentId, requiredRights, partOf, customerId,
                Optional.of(Require.notNull(visitor, "check.visitorId")), ipAddress, sponsorCode, meteringExempt);
    }

    /** @throws org.plenigo.core.ValidationException if {@code address} is not an IPv4 or IPv6 address */
    public AccessCheck withIpAddress(String address) {
        return new AccessCheck(contentId, requiredRights, partOf, customerId, visitorId,
                Optional.of(IpAddress.parse(address, "check.ipAddress")), sponsorCode, meteringExempt);
    }

    public AccessCheck withSponsorCode(String code) {
        return new AccessCheck(contentId, requiredRights, partOf, customerId, visitorId, ipAddress,
                Optional.of(Require.notNull(code, "check.sponsorCode")), meteringExempt);
    }

    public AccessCheck withPartOf(ContentId... containers) {
        return new AccessCheck(contentId, requiredRights, Set.of(Require.notNull(containers, "check.partOf")),
                customerId, visitorId, ipAddress, sponsorCode, meteringExempt);
    }

    public AccessCheck exemptFromMetering() {
        return new AccessCheck(contentId, requiredRights, partOf, customerId, visitorId, ipAddress, sponsorCode, true);
    }
}
