package dev.plughub.plugin;

import java.util.Map;

/** One named operation of a plugin: a JSON object in, a JSON object out. */
@FunctionalInterface
public interface Action {

    Map<String, Object> call(Map<String, Object> input) throws Exception;
}
