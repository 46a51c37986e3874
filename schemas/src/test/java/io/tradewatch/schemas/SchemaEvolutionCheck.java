package io.tradewatch.schemas;

import io.tradewatch.schemas.PublishedSchemas.Version;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * The build's schema evolution rules: every current record schema must be readable by, and able to
 * read, every published version of itself (Avro's own resolution rules, both directions), and no
 * decimal may change its scale or precision and no value its logical type, which Avro does not
 * check. Every problem is a sentence naming the schema, the field and the fix.
 */
final class SchemaEvolutionCheck {

  private SchemaEvolutionCheck() {}

  /** The problems of the current record schemas against the published versions, as a whole. */
  static List<String> problems(List<Schema> current, List<Version> published) {
    List<String> problems = new ArrayList<>();
    Map<String, List<Version>> byName = new LinkedHashMap<>();
    Set<String> files = new HashSet<>();
    for (Version v : published) {
      byName.computeIfAbsent(v.schema().getFullName(), n -> new ArrayList<>()).add(v);
      if (!files.add(v.file())) {
        problems.add("published/index.txt lists " + v.file() + " twice; list each file once");
      }
    }
    Set<String> currentNames = new HashSet<>();
    for (Schema schema : current) {
      currentNames.add(schema.getFullName());
      List<Version> versions = byName.getOrDefault(schema.getFullName(), List.of());
      if (versions.isEmpty()) {
        problems.add(
            schema.getFullName()
                + " has no published version: publish it as "
                + schema.getName()
                + "-v1.avsc (see schemas/README.md)");
        continue;
      }
      for (int expected = 1; expected <= versions.size(); expected++) {
        int n = expected;
        if (versions.stream().noneMatch(v -> v.version() == n)) {
          problems.add(
              schema.getFullName()
                  + " has "
                  + versions.size()
                  + " published versions but no v"
                  + n
                  + ": number versions 1, 2, 3, ... without gaps");
        }
      }
      if (versions.stream().noneMatch(v -> v.schema().equals(schema))) {
        int next = versions.stream().mapToInt(Version::version).max().orElse(0) + 1;
        problems.add(
            schema.getFullName()
                + " differs from every published version: publish it as "
                + schema.getName()
                + "-v"
                + next
                + ".avsc (the build wrote it to target/schemas-to-publish/) and list it in"
                + " published/index.txt, so that the readers know it before any writer uses it");
      }
      for (Version v : versions) {
        // A version published as breaking older readers ends the promise to the versions before
        // it: they are checked in the new-reader direction only.
        boolean brokenSince =
            versions.stream()
                .anyMatch(later -> later.version() > v.version() && later.breaksOlderReaders());
        problems.addAll(problems(schema, v, !brokenSince));
      }
    }
    byName.forEach(
        (name, versions) -> {
          if (!currentNames.contains(name)) {
            problems.add(
                "published "
                    + versions.get(0).label()
                    + " has no current schema: a record type that was ever published stays in"
                    + " src/main/avro (records on the topics need it); rename with aliases, never"
                    + " delete");
          }
        });
    return problems;
  }

  /** The problems of evolving {@code published} into {@code current}, both read directions. */
  static List<String> problems(Schema current, Version published) {
    return problems(current, published, true);
  }

  private static List<String> problems(
      Schema current, Version published, boolean olderReadersMustRead) {
    List<String> problems = new ArrayList<>();
    String schema = current.getFullName();
    String old = "published v" + published.version();
    for (Incompatibility i : incompatibilities(current, published.schema())) {
      problems.add(
          schema
              + " field "
              + field(current, i.getLocation())
              + ": the current application cannot read records written with "
              + old
              + " ("
              + i.getType()
              + ": "
              + i.getMessage()
              + "). "
              + newReaderFix(i));
    }
    List<Incompatibility> forOlderReaders =
        olderReadersMustRead ? incompatibilities(published.schema(), current) : List.of();
    for (Incompatibility i : forOlderReaders) {
      problems.add(
          schema
              + " field "
              + field(published.schema(), i.getLocation())
              + ": applications still on "
              + old
              + " cannot read records written with the current schema ("
              + i.getType()
              + ": "
              + i.getMessage()
              + "). "
              + oldReaderFix(i));
    }
    logicalTypes(schema, "", current, published.schema(), old, problems, new HashSet<>());
    return problems;
  }

  private static List<Incompatibility> incompatibilities(Schema reader, Schema writer) {
    return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
        .getResult()
        .getIncompatibilities();
  }

  private static String newReaderFix(Incompatibility i) {
    return switch (i.getType()) {
      case READER_FIELD_MISSING_DEFAULT_VALUE ->
          "A new field needs a default: make it optional, \"type\": [\"null\", ...], \"default\":"
              + " null, or give it a default value.";
      case MISSING_ENUM_SYMBOLS -> "Keep every enum symbol that was ever published.";
      case MISSING_UNION_BRANCH ->
          changedNamedBranch(i)
              ? "A named type inside this union changed incompatibly: see its own problems."
              : "Keep every union branch that was ever published.";
      case TYPE_MISMATCH, NAME_MISMATCH, FIXED_SIZE_MISMATCH ->
          "Keep the field's type and name; publish a new field (with a default) instead.";
      default -> "Undo the change, or publish a new field (with a default) instead.";
    };
  }

  private static String oldReaderFix(Incompatibility i) {
    return switch (i.getType()) {
      case READER_FIELD_MISSING_DEFAULT_VALUE ->
          "The published version declares this field without a default, so it can never be"
              + " removed or renamed: keep it (say in its doc that it is deprecated).";
      case MISSING_ENUM_SYMBOLS ->
          "The published enum has no default symbol, so old readers cannot take new symbols:"
              + " do not add any, or publish a new enum in a new field.";
      case MISSING_UNION_BRANCH ->
          changedNamedBranch(i)
              ? "A named type inside this union changed incompatibly: see its own problems."
              : "Old readers do not know the new union branch: publish a new field (with a"
                  + " default) instead.";
      case TYPE_MISMATCH, NAME_MISMATCH, FIXED_SIZE_MISMATCH ->
          "Old readers cannot convert the new type: keep the field's type and publish a new field"
              + " (with a default) instead.";
      default -> "Undo the change, or publish a new field (with a default) instead.";
    };
  }

  /**
   * Avro resolves by physical type only: {@code bytes} stays {@code bytes} when a decimal's scale
   * changes, and the parsing fingerprint ignores logical types, so a reader would silently read
   * every amount scaled by a power of ten. Walks both schemas side by side, by field name.
   */
  private static void logicalTypes(
      String schema,
      String path,
      Schema current,
      Schema published,
      String old,
      List<String> problems,
      Set<String> visited) {
    if (current.getType() == Schema.Type.UNION || published.getType() == Schema.Type.UNION) {
      for (Schema c : branches(current)) {
        for (Schema p : branches(published)) {
          if (sameBranch(c, p)) {
            logicalTypes(schema, path, c, p, old, problems, visited);
          }
        }
      }
      return;
    }
    LogicalType now = current.getLogicalType();
    LogicalType then = published.getLogicalType();
    String where = schema + " field " + (path.isEmpty() ? "(top level)" : path);
    if (!Objects.equals(name(now), name(then))) {
      problems.add(
          where
              + ": logical type changed from "
              + describe(then)
              + " ("
              + old
              + ") to "
              + describe(now)
              + "; readers of either version would misread the values. Keep the logical type and"
              + " publish a new field (with a default) instead.");
    } else if (now instanceof LogicalTypes.Decimal d && then instanceof LogicalTypes.Decimal e) {
      if (d.getScale() != e.getScale() || d.getPrecision() != e.getPrecision()) {
        problems.add(
            where
                + ": decimal changed from "
                + describe(then)
                + " ("
                + old
                + ") to "
                + describe(now)
                + "; the bytes carry no scale, so readers would misread every amount by a power"
                + " of ten. Keep "
                + describe(then)
                + " and publish a new field instead of changing the scale or precision.");
      }
    }
    if (current.getType() != published.getType()) {
      return; // Avro's own check reports the type change.
    }
    switch (current.getType()) {
      case RECORD -> {
        if (!visited.add(current.getFullName() + "|" + path)) {
          return;
        }
        for (Schema.Field field : current.getFields()) {
          Schema.Field before = published.getField(field.name());
          if (before == null) {
            before = byAlias(published, field);
          }
          if (before != null) {
            String next = path.isEmpty() ? field.name() : path + "." + field.name();
            logicalTypes(schema, next, field.schema(), before.schema(), old, problems, visited);
          }
        }
      }
      case ARRAY ->
          logicalTypes(
              schema,
              path + "[]",
              current.getElementType(),
              published.getElementType(),
              old,
              problems,
              visited);
      case MAP ->
          logicalTypes(
              schema,
              path + "{}",
              current.getValueType(),
              published.getValueType(),
              old,
              problems,
              visited);
      default -> {}
    }
  }

  /**
   * Avro reports a union whose record (or enum) branch changed incompatibly as a missing branch;
   * true when both unions do hold a type of that name.
   */
  private static boolean changedNamedBranch(Incompatibility i) {
    Schema reader = i.getReaderFragment();
    Schema writer = i.getWriterFragment();
    if (reader.getType() != Schema.Type.UNION || writer.getType() != Schema.Type.UNION) {
      return false;
    }
    for (Schema w : writer.getTypes()) {
      for (Schema r : reader.getTypes()) {
        if (sameBranch(w, r) && w.getType() != Schema.Type.NULL && !w.equals(r)) {
          switch (w.getType()) {
            case RECORD, ENUM, FIXED -> {
              return true;
            }
            default -> {}
          }
        }
      }
    }
    return false;
  }

  private static Schema.Field byAlias(Schema published, Schema.Field field) {
    for (String alias : field.aliases()) {
      Schema.Field f = published.getField(alias);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  private static List<Schema> branches(Schema s) {
    return s.getType() == Schema.Type.UNION ? s.getTypes() : List.of(s);
  }

  private static boolean sameBranch(Schema a, Schema b) {
    if (a.getType() != b.getType()) {
      return false;
    }
    return switch (a.getType()) {
      case RECORD, ENUM, FIXED -> a.getFullName().equals(b.getFullName());
      default -> true;
    };
  }

  private static String name(LogicalType t) {
    return t == null ? null : t.getName();
  }

  private static String describe(LogicalType t) {
    if (t == null) {
      return "none";
    }
    if (t instanceof LogicalTypes.Decimal d) {
      return "decimal(" + d.getPrecision() + ", " + d.getScale() + ")";
    }
    return t.getName();
  }

  /** The field a JSON pointer of Avro's compatibility check points at, e.g. {@code a.b[]}. */
  static String field(Schema reader, String pointer) {
    String[] tokens = pointer.split("/");
    StringBuilder path = new StringBuilder();
    Schema s = reader;
    for (int t = 1; t < tokens.length && s != null; t++) {
      String token = tokens[t];
      if (token.equals("fields") && s.getType() == Schema.Type.RECORD && t + 1 < tokens.length) {
        int index = Integer.parseInt(tokens[++t]);
        if (index >= s.getFields().size()) {
          break;
        }
        Schema.Field f = s.getFields().get(index);
        path.append(path.isEmpty() ? "" : ".").append(f.name());
        s = t + 1 < tokens.length && tokens[t + 1].equals("type") ? f.schema() : null;
        t++;
      } else if (token.equals("items") && s.getType() == Schema.Type.ARRAY) {
        path.append("[]");
        s = s.getElementType();
      } else if (token.equals("values") && s.getType() == Schema.Type.MAP) {
        path.append("{}");
        s = s.getValueType();
      } else if (s.getType() == Schema.Type.UNION && token.matches("\\d+")) {
        int index = Integer.parseInt(token);
        s = index < s.getTypes().size() ? s.getTypes().get(index) : null;
      } else {
        break;
      }
    }
    return path.isEmpty() ? "(top level)" : path.toString();
  }
}
