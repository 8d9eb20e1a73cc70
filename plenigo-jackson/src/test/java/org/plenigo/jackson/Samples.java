package org.plenigo.jackson;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.plenigo.core.PlenigoException;
import org.plenigo.core.money.Money;
import org.plenigo.jackson.internal.CoreTypes;

/**
 * Sample values of the core's types, made by reflection: each component gets a list of candidate
 * values (strings of several shapes, both booleans, every enum constant, a present and an empty
 * Optional, ...). A record whose constructor refuses the first candidates is tried again with the
 * next candidates of the components its error message names (the core's messages name their
 * fields; a message that names none moves them all on), so that most validating records need no hand-made sample. The few that check sums
 * across components are in {@link #OVERRIDES}. A type for which no sample can be made fails
 * loudly, naming it.
 */
final class Samples {
    private static final int MAX_ATTEMPTS = 400;
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    /** Strings of the shapes the core's checks ask for: an id, a country, an email, a domain, digits, a code. */
    private static final List<String> STRINGS = List.of("sample-1", "DE", "anna@example.org", "example.org", "3000",
            "89", "Sample text", "SPONSOR-2025", "COBADEFFXXX", "DE98ZZZ09999999999", "VISA", "RE-{year}-{counter:6}");

    private final Map<Class<?>, Supplier<Object>> overrides;
    private final Map<Type, List<Object>> candidates = new HashMap<>();

    Samples(Map<Class<?>, Supplier<Object>> overrides) {
        this.overrides = overrides;
    }

    /** One sample of {@code type}, or an {@link IllegalStateException} naming the type and why none could be made. */
    Object sample(Type type) {
        List<Object> found = candidates(type);
        if (found.isEmpty()) {
            throw new IllegalStateException("no sample of " + type.getTypeName());
        }
        return found.get(0);
    }

    /** The candidate values of {@code type}, most telling first; empty if none can be made. */
    List<Object> candidates(Type type) {
        List<Object> known = candidates.get(type);
        if (known != null) {
            return known;
        }
        // a type met again while its samples are being made (a Replayed holding its own family) has none yet
        candidates.put(type, List.of());
        List<Object> made;
        try {
            made = make(type);
        } catch (RuntimeException e) {
            candidates.remove(type);
            throw e;
        }
        candidates.put(type, made);
        return made;
    }

    private List<Object> make(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] args = parameterized.getActualTypeArguments();
            List<Object> elements = candidates(args[0]);
            List<Object> made = new ArrayList<>();
            if (raw == Optional.class) {
                elements.stream().limit(3).forEach(e -> made.add(Optional.of(e)));
                made.add(Optional.empty());
            } else if (raw == List.class) {
                elements.stream().limit(3).forEach(e -> made.add(List.of(e)));
                made.add(List.of());
            } else if (raw == Set.class) {
                elements.stream().limit(3).forEach(e -> made.add(Set.of(e)));
                made.add(Set.of());
            } else if (raw == Map.class) {
                List<Object> values = candidates(args[1]);
                if (!elements.isEmpty() && !values.isEmpty()) {
                    made.add(Map.of(elements.get(0), values.get(0)));
                }
                made.add(Map.of());
            } else {
                throw new IllegalStateException("no sample of the generic type " + type.getTypeName());
            }
            return made;
        }
        Class<?> raw = (Class<?>) type;
        Supplier<Object> override = overrides.get(raw);
        if (override != null) {
            return List.of(override.get());
        }
        if (raw == String.class) {
            return new ArrayList<>(STRINGS);
        }
        if (raw == int.class || raw == Integer.class) {
            return List.of(1, 0, 2, 12, 2030, 24);
        }
        if (raw == long.class || raw == Long.class) {
            return List.of(1L, 0L, 2L, 5L);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return List.of(true, false);
        }
        if (raw == BigDecimal.class) {
            return List.of(new BigDecimal("7.00"), BigDecimal.ZERO);
        }
        if (raw == Money.class) {
            return List.of(Money.of("9.99", "EUR"), Money.of("0.00", "EUR"), Money.of("0.65", "EUR"));
        }
        if (raw == Currency.class) {
            return List.of(Currency.getInstance("EUR"));
        }
        if (raw == Instant.class) {
            return List.of(Instant.parse("2025-03-11T08:00:00.123456Z"), Instant.parse("2025-04-01T00:00:00Z"));
        }
        if (raw == LocalDate.class) {
            return List.of(LocalDate.of(2025, 3, 11), LocalDate.of(2025, 3, 31));
        }
        if (raw == YearMonth.class) {
            return List.of(YearMonth.of(2025, 3));
        }
        if (raw == Duration.class) {
            return List.of(Duration.ofMinutes(10));
        }
        if (raw == ZoneId.class) {
            return List.of(ZoneId.of("Europe/Berlin"));
        }
        if (raw == LocalTime.class) {
            return List.of(LocalTime.of(8, 30));
        }
        if (raw == LocalDateTime.class) {
            return List.of(LocalDateTime.of(2025, 3, 11, 8, 30));
        }
        if (raw == Period.class) {
            return List.of(Period.ofMonths(1));
        }
        if (raw == URI.class) {
            return List.of(URI.create("https://example.org/return"));
        }
        if (raw == UUID.class) {
            return List.of(UUID.fromString("6f1c1e4e-3c8a-4a4f-9a53-5b2f3f0d2b11"));
        }
        if (raw == Locale.class) {
            return List.of(Locale.GERMANY);
        }
        if (raw == short.class || raw == Short.class) {
            return List.of((short) 1, (short) 0);
        }
        if (raw == OptionalInt.class) {
            return List.of(OptionalInt.of(2), OptionalInt.empty());
        }
        if (raw == OptionalLong.class) {
            return List.of(OptionalLong.of(5), OptionalLong.empty());
        }
        if (raw.isEnum()) {
            return Arrays.asList(raw.getEnumConstants());
        }
        if (CoreTypes.isFamily(raw)) {
            List<Object> made = new ArrayList<>();
            for (Class<?> variant : CoreTypes.variants(raw)) {
                try {
                    made.addAll(candidates(variant).stream().limit(1).toList());
                } catch (IllegalStateException e) {
                    // a variant that holds its own family is made after it; the family needs one variant only
                }
            }
            return made;
        }
        if (raw.isRecord()) {
            Object made = record(raw);
            return made == null ? List.of() : List.of(made);
        }
        throw new IllegalStateException("no rule for a sample of " + raw.getName());
    }

    /**
     * A record made through its canonical constructor: on a refusal, the components the message
     * names move on to their next candidates (the first that has one; those before it start over).
     */
    private Object record(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        List<List<Object>> options = new ArrayList<>();
        for (RecordComponent component : components) {
            List<Object> found = candidates(component.getGenericType());
            if (found.isEmpty()) {
                throw new IllegalStateException("no sample of " + type.getName() + "." + component.getName()
                        + " (" + component.getGenericType().getTypeName() + ")");
            }
            options.add(found);
        }
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
        }
        int[] choice = new int[components.length];
        String lastRefusal = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Object[] args = new Object[components.length];
            for (int i = 0; i < args.length; i++) {
                args[i] = options.get(i).get(choice[i]);
            }
            try {
                return constructor.newInstance(args);
            } catch (InvocationTargetException e) {
                if (!(e.getCause() instanceof PlenigoException || e.getCause() instanceof IllegalArgumentException)) {
                    throw new IllegalStateException("making a sample of " + type.getName() + " failed", e.getCause());
                }
                lastRefusal = e.getCause().getMessage();
                Set<String> named = named(lastRefusal, components);
                if (named.isEmpty()) {
                    // a refusal that names no component: any of them may be the cause
                    Arrays.stream(components).forEach(c -> named.add(c.getName()));
                }
                if (!advance(components, options, choice, named)) {
                    break;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make " + type.getName(), e);
            }
        }
        throw new IllegalStateException("no sample of " + type.getName() + " passes its checks; give it one in"
                + " EveryTypeRoundTripTest's overrides. Its last refusal: " + lastRefusal);
    }

    private static Set<String> named(String message, RecordComponent[] components) {
        Set<String> words = new LinkedHashSet<>();
        WORD.matcher(message == null ? "" : message).results()
                .forEach(m -> words.add(m.group().toLowerCase(Locale.ROOT)));
        Set<String> named = new LinkedHashSet<>();
        for (RecordComponent component : components) {
            if (words.contains(component.getName().toLowerCase(Locale.ROOT))) {
                named.add(component.getName());
            }
        }
        return named;
    }

    /** Counts the named components on like an odometer; false once every combination was tried. */
    private static boolean advance(RecordComponent[] components, List<List<Object>> options, int[] choice,
                                   Set<String> named) {
        for (int i = 0; i < components.length; i++) {
            if (!named.contains(components[i].getName())) {
                continue;
            }
            if (choice[i] + 1 < options.get(i).size()) {
                choice[i]++;
                return true;
            }
            choice[i] = 0;
        }
        return false;
    }
}
