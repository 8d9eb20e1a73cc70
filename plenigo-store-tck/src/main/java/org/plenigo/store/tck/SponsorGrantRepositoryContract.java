package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plenigo.core.access.IpRange;
import org.plenigo.core.access.SponsorGrant;
import org.plenigo.core.access.SponsorGrantId;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;

/**
 * Contract of the sponsor grant repository port, as its Javadoc states it: validity windows, an end
 * brought forward only, readers never over the budget (also under concurrency). Every write is
 * rolled back with its unit of work.
 */
public abstract class SponsorGrantRepositoryContract extends AccessRepositoryFixtures {
    @Test
    void sponsorGrantsAreInsertedOnceAndFoundExactlyAsStored() {
        SponsorGrant full = new SponsorGrant(SponsorGrantId.of("g-full"), "Universität Beispiel",
                Set.of(PREMIUM, EPAPER), Set.of(A1, A2), Set.of("uni.example", "library.example.org"),
                List.of(IpRange.parse("2001:db8::/32"), IpRange.parse("192.0.2.0/24"),
                        IpRange.parse("198.51.100.7")),
                Set.of("CAMPUS-2025", "welcome_1"), T, Optional.of(T.plus(Duration.ofDays(365)).plus(MICRO)),
                OptionalLong.of(250));
        SponsorGrant minimal = new SponsorGrant(SponsorGrantId.of("g-minimal"), "Bank AG", Set.of(), Set.of(A3),
                Set.of(), List.of(), Set.of("BANK"), T.plus(MICRO), Optional.empty(), OptionalLong.empty());
        SponsorGrant byIp = new SponsorGrant(SponsorGrantId.of("g-ip"), "Library", Set.of(PODCAST), Set.of(),
                Set.of(), List.of(IpRange.parse("203.0.113.0/25")), Set.of(), T, Optional.empty(),
                OptionalLong.of(1));

        assertThat(tx(() -> store.sponsorGrants().insert(full))).isTrue();
        assertThat(tx(() -> store.sponsorGrants().insert(minimal))).isTrue();
        assertThat(tx(() -> store.sponsorGrants().insert(byIp))).isTrue();
        assertThat(tx(() -> store.sponsorGrants().insert(new SponsorGrant(full.id(), "Other", Set.of(EPAPER),
                Set.of(), Set.of("other.example"), List.of(), Set.of(), T, Optional.empty(), OptionalLong.empty()))))
                .as("same id").isFalse();

        assertThat(tx(() -> store.sponsorGrants().find(full.id()))).contains(full);
        assertThat(tx(() -> store.sponsorGrants().find(full.id())).orElseThrow().ipRanges())
                .as("ranges in their order").containsExactlyElementsOf(full.ipRanges());
        assertThat(tx(() -> store.sponsorGrants().find(minimal.id()))).contains(minimal);
        assertThat(tx(() -> store.sponsorGrants().find(byIp.id()))).contains(byIp);
        assertThat(tx(() -> store.sponsorGrants().find(SponsorGrantId.of("missing")))).isEmpty();
    }

    @Test
    void findForListsTheGrantsValidAtTheInstantThatNameARightOrAContentById() {
        Instant until = T.plus(Duration.ofDays(30));
        SponsorGrant premium = grant("g-c", Set.of(PREMIUM), Set.of(), T, Optional.of(until));
        SponsorGrant article = grant("g-a", Set.of(), Set.of(A1), T, Optional.empty());
        SponsorGrant both = grant("g-b", Set.of(PREMIUM, EPAPER), Set.of(A1, A2), T.minus(DAY), Optional.empty());
        SponsorGrant epaper = grant("g-d", Set.of(EPAPER), Set.of(), T, Optional.empty());
        SponsorGrant later = grant("g-e", Set.of(PREMIUM), Set.of(), until, Optional.empty());
        SponsorGrant over = grant("g-f", Set.of(PREMIUM), Set.of(A1), T.minus(Duration.ofDays(60)), Optional.of(T));
        txRun(() -> List.of(later, both, over, premium, epaper, article).forEach(store.sponsorGrants()::insert));

        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(PREMIUM), Set.of(A1), T)))
                .as("at T: over has ended, later has not begun").containsExactly(article, both, premium);
        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(PREMIUM), Set.of(), T.minus(MICRO))))
                .containsExactly(both, over);
        assertThat(tx(() -> store.sponsorGrants().findFor(List.of(PREMIUM), List.of(), until.minus(MICRO))))
                .containsExactly(both, premium);
        assertThat(tx(() -> store.sponsorGrants().findFor(List.of(PREMIUM), List.of(), until)))
                .as("validUntil is exclusive, validFrom inclusive").containsExactly(both, later);
        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(), Set.of(A2), T))).containsExactly(both);
        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(EPAPER), Set.of(A2), T)))
                .containsExactly(both, epaper);
        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(PODCAST), Set.of(A3), T))).isEmpty();
        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(), Set.of(), T))).isEmpty();
    }

    @Test
    void endAtBringsAGrantsEndForwardOnlyAndFindForFollows() {
        Instant until = T.plus(Duration.ofDays(30));
        SponsorGrant open = grant("g-a", Set.of(PREMIUM), Set.of(A1), T, Optional.empty());
        SponsorGrant bounded = grant("g-b", Set.of(PREMIUM), Set.of(), T, Optional.of(until));
        txRun(() -> List.of(open, bounded).forEach(store.sponsorGrants()::insert));
        Instant end = T.plus(Duration.ofDays(10)).plus(MICRO);
        SponsorGrant ended = open.withValidUntil(end);

        assertThat(tx(() -> store.sponsorGrants().endAt(open.id(), end))).isTrue();
        assertThat(tx(() -> store.sponsorGrants().find(open.id()))).contains(ended);
        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(PREMIUM), Set.of(), end.minus(MICRO))))
                .containsExactly(ended, bounded);
        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(), Set.of(A1), end.minus(MICRO))))
                .as("found by content as by right").containsExactly(ended);
        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(PREMIUM), Set.of(A1), end))).containsExactly(bounded);

        assertThat(tx(() -> store.sponsorGrants().endAt(open.id(), end.plus(DAY)))).as("never extended").isFalse();
        assertThat(tx(() -> store.sponsorGrants().endAt(open.id(), end))).as("the same end again").isFalse();
        assertThat(tx(() -> store.sponsorGrants().endAt(bounded.id(), until.plus(MICRO)))).isFalse();
        assertThat(tx(() -> store.sponsorGrants().endAt(bounded.id(), T))).as("not after its start").isFalse();
        assertThat(tx(() -> store.sponsorGrants().endAt(SponsorGrantId.of("missing"), end))).isFalse();
        assertThat(tx(() -> store.sponsorGrants().find(open.id()))).contains(ended);
        assertThat(tx(() -> store.sponsorGrants().find(bounded.id()))).contains(bounded);

        RuntimeException failure = new RuntimeException("rolled back");
        assertThatThrownBy(() -> txRun(() -> {
            assertThat(store.sponsorGrants().endAt(bounded.id(), T.plus(DAY))).isTrue();
            throw failure;
        })).isSameAs(failure);
        assertThat(tx(() -> store.sponsorGrants().find(bounded.id()))).contains(bounded);
        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(PREMIUM), Set.of(), T.plus(DAY))))
                .containsExactly(ended, bounded);

        assertThat(tx(() -> store.sponsorGrants().endAt(open.id(), T.plus(DAY)))).as("earlier again").isTrue();
        assertThat(tx(() -> store.sponsorGrants().find(open.id()))).contains(open.withValidUntil(T.plus(DAY)));
    }

    @Test
    void admitReaderAdmitsDistinctReadersUpToTheBudget() {
        SponsorGrant grant = budgeted("g-a", 2);
        SponsorGrant other = budgeted("g-b", 1);
        txRun(() -> {
            store.sponsorGrants().insert(grant);
            store.sponsorGrants().insert(other);
        });

        assertThat(tx(() -> store.sponsorGrants().readers(grant.id()))).isZero();
        assertThat(tx(() -> store.sponsorGrants().hasReader(grant.id(), READER))).isFalse();

        assertThat(tx(() -> store.sponsorGrants().admitReader(grant.id(), READER, 2))).isTrue();
        assertThat(tx(() -> store.sponsorGrants().hasReader(grant.id(), READER))).isTrue();
        assertThat(tx(() -> store.sponsorGrants().readers(grant.id()))).isEqualTo(1);
        assertThat(tx(() -> store.sponsorGrants().admitReader(grant.id(), READER, 2))).as("the same reader again")
                .isFalse();
        assertThat(tx(() -> store.sponsorGrants().readers(grant.id()))).isEqualTo(1);

        assertThat(tx(() -> store.sponsorGrants().admitReader(grant.id(), VISITOR, 2))).isTrue();
        assertThat(tx(() -> store.sponsorGrants().admitReader(grant.id(), "c:c3", 2))).as("over the budget")
                .isFalse();
        assertThat(tx(() -> store.sponsorGrants().readers(grant.id()))).isEqualTo(2);
        assertThat(tx(() -> store.sponsorGrants().hasReader(grant.id(), VISITOR))).isTrue();
        assertThat(tx(() -> store.sponsorGrants().hasReader(grant.id(), "c:c3"))).isFalse();
        assertThat(tx(() -> store.sponsorGrants().admitReader(grant.id(), READER, 5)))
                .as("admitted before, whatever the budget").isFalse();

        assertThat(tx(() -> store.sponsorGrants().hasReader(other.id(), READER))).as("readers are per grant")
                .isFalse();
        assertThat(tx(() -> store.sponsorGrants().readers(other.id()))).isZero();
        assertThat(tx(() -> store.sponsorGrants().admitReader(other.id(), READER, 1))).isTrue();
        assertThat(tx(() -> store.sponsorGrants().admitReader(other.id(), VISITOR, 1))).isFalse();
        assertThat(tx(() -> store.sponsorGrants().readers(other.id()))).isEqualTo(1);
        assertThat(tx(() -> store.sponsorGrants().readers(grant.id()))).isEqualTo(2);

        assertThat(tx(() -> store.sponsorGrants().readers(SponsorGrantId.of("missing")))).isZero();
        assertThat(tx(() -> store.sponsorGrants().hasReader(SponsorGrantId.of("missing"), READER))).isFalse();
    }

    @Test
    void sponsorGrantWritesAreRolledBackWithTheirUnitOfWork() {
        SponsorGrant kept = budgeted("g-a", 3);
        txRun(() -> {
            store.sponsorGrants().insert(kept);
            store.sponsorGrants().admitReader(kept.id(), READER, 3);
        });
        SponsorGrant doomed = grant("g-b", Set.of(PREMIUM), Set.of(A1), T, Optional.empty());
        RuntimeException failure = new RuntimeException("rolled back");

        assertThatThrownBy(() -> txRun(() -> {
            assertThat(store.sponsorGrants().insert(doomed)).isTrue();
            assertThat(store.sponsorGrants().admitReader(kept.id(), VISITOR, 3)).isTrue();
            assertThat(store.sponsorGrants().admitReader(doomed.id(), VISITOR, 3)).isTrue();
            throw failure;
        })).isSameAs(failure);

        assertThat(tx(() -> store.sponsorGrants().find(doomed.id()))).isEmpty();
        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(PREMIUM), Set.of(A1), T))).containsExactly(kept);
        assertThat(tx(() -> store.sponsorGrants().readers(kept.id()))).isEqualTo(1);
        assertThat(tx(() -> store.sponsorGrants().hasReader(kept.id(), VISITOR))).isFalse();
        assertThat(tx(() -> store.sponsorGrants().hasReader(kept.id(), READER))).isTrue();
        assertThat(tx(() -> store.sponsorGrants().readers(doomed.id()))).isZero();
        assertThat(tx(() -> store.sponsorGrants().admitReader(kept.id(), VISITOR, 2))).as("its place is free again")
                .isTrue();
    }

    @Test
    void concurrentAdmissionsNeverExceedTheBudget() throws Exception {
        SponsorGrant grant = budgeted("g-a", 5);
        txRun(() -> store.sponsorGrants().insert(grant));

        List<Boolean> admitted = inParallel(8, thread -> () -> retryingLostRaces(() ->
                tx(() -> store.sponsorGrants().admitReader(grant.id(), "v:visitor-" + thread, 5))));

        assertThat(admitted).filteredOn(Boolean::booleanValue).hasSize(5);
        assertThat(tx(() -> store.sponsorGrants().readers(grant.id()))).isEqualTo(5);
        for (int thread = 0; thread < 8; thread++) {
            String reader = "v:visitor-" + thread;
            assertThat(tx(() -> store.sponsorGrants().hasReader(grant.id(), reader))).as(reader)
                    .isEqualTo(admitted.get(thread));
        }
    }

    // ----- fixtures -----

    /** A grant for readers of {@code example.com}, without a reader budget. */
    private static SponsorGrant grant(String id, Set<AccessRightId> rights, Set<ContentId> contents,
                                      Instant validFrom, Optional<Instant> validUntil) {
        return new SponsorGrant(SponsorGrantId.of(id), "Sponsor " + id, rights, contents, Set.of("example.com"),
                List.of(), Set.of(), validFrom, validUntil, OptionalLong.empty());
    }

    /** A grant of premium and article 1 to holders of a code, for {@code budget} readers. */
    private static SponsorGrant budgeted(String id, long budget) {
        return new SponsorGrant(SponsorGrantId.of(id), "Sponsor " + id, Set.of(PREMIUM), Set.of(A1), Set.of(),
                List.of(), Set.of("CODE-" + id), T, Optional.empty(), OptionalLong.of(budget));
    }
}
