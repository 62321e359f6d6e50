package dev.plughub.registry.badges;

import java.util.Locale;
import java.util.Optional;

/**
 * A plugin's badges: {@link #OFFICIAL}, {@link #VERIFIED} and {@link #FEATURED} are granted by admins
 * and stored; {@link #POPULAR}, {@link #TRENDING} and {@link #NEW} are computed from downloads and age
 * (rules in {@link BadgeRules} and docs/marketplace.md).
 */
public enum Badge {
    OFFICIAL(true),
    VERIFIED(true),
    FEATURED(true),
    POPULAR(false),
    TRENDING(false),
    NEW(false);

    private final boolean adminSet;

    Badge(boolean adminSet) {
        this.adminSet = adminSet;
    }

    /** The name in the API and the database: lower case. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when admins grant and remove it; false when it is computed. */
    public boolean isAdminSet() {
        return adminSet;
    }

    /** The badge with this API name (case-insensitive), if any. */
    public static Optional<Badge> fromApiName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Badge b : values()) {
            if (b.apiName().equalsIgnoreCase(name.trim())) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
