package dev.plughub.core.version;

/** One comparison of a desugared range, such as {@code >=1.2.3}; a range is sets of these. */
record RangeBound(Operator operator, Version version) {

    enum Operator { LT, LE, GT, GE, EQ }

    static RangeBound lt(Version version) {
        return new RangeBound(Operator.LT, version);
    }

    static RangeBound le(Version version) {
        return new RangeBound(Operator.LE, version);
    }

    static RangeBound gt(Version version) {
        return new RangeBound(Operator.GT, version);
    }

    static RangeBound ge(Version version) {
        return new RangeBound(Operator.GE, version);
    }

    static RangeBound eq(Version version) {
        return new RangeBound(Operator.EQ, version);
    }

    boolean test(Version candidate) {
        int order = candidate.compareTo(version);
        return switch (operator) {
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            case GE -> order >= 0;
            case EQ -> order == 0;
        };
    }
}
