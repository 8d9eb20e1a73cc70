package org.plenigo.core.access;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;

/**
 * Storage port for {@link SponsorGrant}s and the distinct readers admitted under a reader budget.
 * The count of readers never exceeds the budget: {@link #admitReader} is one conditional update.
 */
public interface SponsorGrantRepository {
    /** Stores {@code grant} unless its id exists; returns whether it was stored. */
    boolean insert(SponsorGrant grant);

    Optional<SponsorGrant> find(SponsorGrantId id);

    /**
     * Ends the grant at {@code validUntil} (exclusive) if it exists, starts before then and would
     * end later or never; returns whether it did. An end is only ever brought forward.
     */
    boolean endAt(SponsorGrantId id, Instant validUntil);

    /** The grants valid at {@code at} that name one of {@code accessRights} or {@code contents}, by id. */
    List<SponsorGrant> findFor(Collection<AccessRightId> accessRights, Collection<ContentId> contents, Instant at);

    /** The number of distinct readers admitted under the grant's budget so far. */
    long readers(SponsorGrantId id);

    /** Whether {@code reader} was admitted under the grant's budget. */
    boolean hasReader(SponsorGrantId id, String reader);

    /**
     * Admits {@code reader} if it was not admitted yet and fewer than {@code budget} readers were:
     * records the reader and increments the count. Returns false, changing nothing, otherwise.
     * {@code budget} is the grant's own {@link SponsorGrant#readerBudget()}; a store may refuse a
     * larger one.
     */
    boolean admitReader(SponsorGrantId id, String reader, long budget);
}
