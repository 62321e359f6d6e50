package dev.plughub.plugin.grpc;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON values (maps, lists, strings, numbers, booleans, null: what Jackson and the plugin API use)
 * to and from {@code google.protobuf.Struct}.
 *
 * <p>Struct has one number type, a double. A whole number that a double holds exactly (within
 * +-2^53) comes back as a {@link Long}, so {@code "count": 1} stays {@code 1} rather than turning
 * into {@code 1.0} on its way through a plugin; other numbers come back as {@link Double}.
 */
public final class Structs {

    private static final double EXACT_INTEGERS = 9_007_199_254_740_992d; // 2^53

    private Structs() {
    }

    public static Struct toStruct(Map<String, ?> object) {
        Struct.Builder struct = Struct.newBuilder();
        if (object != null) {
            object.forEach((key, value) -> struct.putFields(String.valueOf(key), toValue(value)));
        }
        return struct.build();
    }

    /** A map that keeps the Struct's key order; values as {@link #fromValue}. */
    public static Map<String, Object> toMap(Struct struct) {
        Map<String, Object> map = new LinkedHashMap<>();
        struct.getFieldsMap().forEach((key, value) -> map.put(key, fromValue(value)));
        return map;
    }

    /**
     * @throws IllegalArgumentException for a value JSON cannot hold (e.g. a date object, NaN)
     */
    public static Value toValue(Object value) {
        return switch (value) {
            case null -> Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
            case String text -> Value.newBuilder().setStringValue(text).build();
            case Boolean bool -> Value.newBuilder().setBoolValue(bool).build();
            case Number number -> Value.newBuilder().setNumberValue(finite(number)).build();
            case Map<?, ?> map -> {
                Struct.Builder struct = Struct.newBuilder();
                map.forEach((key, item) -> struct.putFields(String.valueOf(key), toValue(item)));
                yield Value.newBuilder().setStructValue(struct).build();
            }
            case Iterable<?> items -> {
                ListValue.Builder list = ListValue.newBuilder();
                items.forEach(item -> list.addValues(toValue(item)));
                yield Value.newBuilder().setListValue(list).build();
            }
            case Object[] items -> toValue(List.of(items));
            default -> throw new IllegalArgumentException("a " + value.getClass().getName()
                    + " is not a JSON value (use maps, lists, strings, numbers, booleans or null)");
        };
    }

    public static Object fromValue(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case NUMBER_VALUE -> number(value.getNumberValue());
            case STRUCT_VALUE -> toMap(value.getStructValue());
            case LIST_VALUE -> {
                List<Object> list = new ArrayList<>(value.getListValue().getValuesCount());
                value.getListValue().getValuesList().forEach(item -> list.add(fromValue(item)));
                yield list;
            }
        };
    }

    private static Object number(double number) {
        if (number == Math.rint(number) && Math.abs(number) <= EXACT_INTEGERS) {
            return (long) number;
        }
        return number;
    }

    private static double finite(Number number) {
        double value = number instanceof BigDecimal || number instanceof BigInteger
                ? new BigDecimal(number.toString()).doubleValue()
                : number.doubleValue();
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("the number " + number + " cannot be written as JSON");
        }
        return value;
    }
}
