package org.plenigo.core.access;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;

/**
 * A sponsor pays for readers: content that requires one of {@code accessRights}, or whose id is
 * one of {@code contents}, opens from {@code validFrom} up to (not including) {@code validUntil}
 * for a reader whose email domain is one of {@code emailDomains} (or a subdomain of one), whose IP
 * address lies in one of {@code ipRanges}, or who presents one of {@code codes}. With a
 * {@code readerBudget}, only that many distinct readers are admitted; readers admitted before
 * keep reading, new ones are turned away.
 *
 * @param sponsor      who pays, e.g. a company or a university; shown to no reader by the library
 * @param emailDomains lower-case domains such as {@code example.com}
 * @param codes        sponsor codes, compared exactly; 4 to 64 letters, digits, {@code -} or {@code _}
 */
public record SponsorGrant(SponsorGrantId id, String sponsor, Set<AccessRightId> accessRights,
                           Set<ContentId> contents, Set<String> emailDomains, List<IpRange> ipRanges,
                           Set<String> codes, Instant validFrom, Optional<Instant> validUntil,
                           OptionalLong readerBudget) {
    public static final int MAX_ENTRIES = 1_000;
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{4,64}");

    public SponsorGrant {
        Require.notNull(id, "sponsorGrant.id");
        Require.maxLength(Require.notBlank(sponsor, "sponsorGrant.sponsor"), 200, "sponsorGrant.sponsor");
        accessRights = bounded(accessRights, "sponsorGrant.accessRights");
        contents = bounded(contents, "sponsorGrant.contents");
        emailDomains = bounded(emailDomains, "sponsorGrant.emailDomains");
        ipRanges = List.copyOf(Require.notNull(ipRanges, "sponsorGrant.ipRanges"));
        Require.that(ipRanges.size() <= MAX_ENTRIES, "sponsorGrant.ipRanges must hold at most " + MAX_ENTRIES);
        codes = bounded(codes, "sponsorGrant.codes");
        if (accessRights.isEmpty() && contents.isEmpty()) {
            throw new ValidationException("sponsorGrant needs at least one of accessRights and contents");
        }
        if (emailDomains.isEmpty() && ipRanges.isEmpty() && codes.isEmpty()) {
            throw new ValidationException("sponsorGrant needs at least one of emailDomains, ipRanges and codes");
        }
        for (String domain : emailDomains) {
            if (domain.length() > 253 || !DOMAIN.matcher(domain).matches()) {
                throw new ValidationException("sponsorGrant.emailDomains '" + domain
                        + "' is not a lower-case domain name");
            }
        }
        for (String code : codes) {
            if (!CODE.matcher(code).matches()) {
                throw new ValidationException("sponsorGrant.codes '" + code
                        + "' must be 4 to 64 letters, digits, '-' or '_'");
            }
        }
        Require.notNull(validFrom, "sponsorGrant.validFrom");
        Require.notNull(validUntil, "sponsorGrant.validUntil");
        if (validUntil.isPresent() && !validUntil.get().isAfter(validFrom)) {
            throw new ValidationException("sponsorGrant.validUntil " + validUntil.get() + " must be after validFrom "
                    + validFrom);
        }
        Require.notNull(readerBudget, "sponsorGrant.readerBudget");
        if (readerBudget.isPresent()) {
            Require.positive(readerBudget.getAsLong(), "sponsorGrant.readerBudget");
        }
    }

    /** This grant ending at {@code end} instead (exclusive). */
    public SponsorGrant withValidUntil(Instant end) {
        return new SponsorGrant(id, sponsor, accessRights, contents, emailDomains, ipRanges, codes, validFrom,
                Optional.of(Require.notNull(end, "sponsorGrant.validUntil")), readerBudget);
    }

    /** Whether the grant is valid at {@code at}. */
    public boolean validAt(Instant at) {
        return !validFrom.isAfter(at) && (validUntil.isEmpty() || at.isBefore(validUntil.get()));
    }

    /** Whether the reader qualifies by email, IP address or code; each may be absent. */
    public boolean admits(Optional<String> email, Optional<IpAddress> ip, Optional<String> code) {
        if (code.isPresent() && codes.contains(code.get())) {
            return true;
        }
        if (ip.isPresent()) {
            for (IpRange range : ipRanges) {
                if (range.contains(ip.get())) {
                    return true;
                }
            }
        }
        if (email.isPresent() && !emailDomains.isEmpty()) {
            String domain = email.get().substring(email.get().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            for (int dot = -1; ; dot = domain.indexOf('.', dot + 1)) {
                if (emailDomains.contains(domain.substring(dot + 1))) {
                    return true;
                }
                if (domain.indexOf('.', dot + 1) < 0) {
                    return false;
                }
            }
        }
        return false;
    }

    private static <T> Set<T> bounded(Set<T> values, String field) {
        Set<T> copy = Set.copyOf(Require.notNull(values, field));
        Require.that(copy.size() <= MAX_ENTRIES, field + " must hold at most " + MAX_ENTRIES + ", was " + copy.size());
        return copy;
    }
}
