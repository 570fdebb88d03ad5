package dev.jobmesh.gateway.api;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Schema;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Makes the response schemas say what the server sends: a record component marked JSpecify {@code @Nullable} may be
 * null, every other one is always there. Swagger reads neither from a record, so without this the document
 * declared nullable fields non-nullable and none required.
 */
final class NullableFields implements OpenApiCustomizer {

    private final List<Class<?>> responses;

    /** @param responses the records the API answers with; records they hold are covered too */
    NullableFields(List<Class<?>> responses) {
        this.responses = List.copyOf(responses);
    }

    @Override
    public void customise(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        boolean v31 = api.getSpecVersion() == SpecVersion.V31;
        Set<Class<?>> seen = new HashSet<>();
        List<Class<?>> todo = new ArrayList<>(responses);
        while (!todo.isEmpty()) {
            Class<?> type = todo.removeLast();
            if (!type.isRecord() || !seen.add(type)) {
                continue;
            }
            Schema<?> schema = schemas.get(type.getSimpleName());
            for (RecordComponent component : type.getRecordComponents()) {
                todo.addAll(recordsIn(component.getGenericType()));
                if (schema == null || schema.getProperties() == null
                        || !schema.getProperties().containsKey(component.getName())) {
                    continue;
                }
                if (component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                    schema.getProperties().computeIfPresent(component.getName(), (name, p) -> nullable(p, v31));
                } else if (schema.getRequired() == null || !schema.getRequired().contains(component.getName())) {
                    schema.addRequiredItem(component.getName());
                }
            }
        }
    }

    private static List<Class<?>> recordsIn(Type type) {
        List<Class<?>> found = new ArrayList<>();
        if (type instanceof Class<?> c && c.isRecord()) {
            found.add(c);
        } else if (type instanceof ParameterizedType p) {
            for (Type argument : p.getActualTypeArguments()) {
                found.addAll(recordsIn(argument));
            }
        }
        return found;
    }

    /** In 3.1 a reference cannot carry a type, so a nullable one becomes "either the reference or null". */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema nullable(Schema property, boolean v31) {
        if (property.get$ref() != null) {
            Schema reference = new Schema<>().$ref(property.get$ref());
            Schema wrapper = new Schema<>().description(property.getDescription());
            return v31 ? wrapper.anyOf(List.of(reference, new Schema<>().types(Set.of("null"))))
                    : wrapper.nullable(true).allOf(List.of(reference));
        }
        if (v31) {
            Set<String> types = new LinkedHashSet<>();
            if (property.getTypes() != null) {
                types.addAll(property.getTypes());
            } else if (property.getType() != null) {
                types.add(property.getType());
            }
            types.add("null");
            property.setTypes(types);
        } else {
            property.setNullable(true);
        }
        return property;
    }
}
