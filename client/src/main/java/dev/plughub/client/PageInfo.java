package dev.plughub.client;

import com.fasterxml.jackson.databind.JsonNode;

/** The {@code pagination} object of a list answer. */
public record PageInfo(int page, int limit, long total, long pages) {

    static PageInfo from(JsonNode node) {
        return new PageInfo((int) Nodes.number(node, "page"), (int) Nodes.number(node, "limit"),
                Nodes.number(node, "total"), Nodes.number(node, "pages"));
    }
}
