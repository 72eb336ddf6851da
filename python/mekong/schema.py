"""Typed columns for Mekong's records, built from the record schema (``mekong schema --records``).

The schema's fixed parts become typed columns; its open parts become JSON strings, so that a
column never holds a string in one row and a number in the next:

* ``integer`` → int64, ``number`` → float64 (an integral ``value`` is written as ``5`` and read
  as ``5.0``), ``string`` → string, ``boolean`` → bool;
* an object whose fields are all declared → a struct;
* an object with declared fields that also admits others (``metadata``, ``layers``) → a struct of
  the declared fields plus ``_other``: a map from each remaining field's name to its value — the
  string itself, or the JSON text of anything else (null when there are none) — plugins' layers
  and free metadata land there (``json.loads(row["layers"]["_other"]["keywords"])``);
* an object of one value type (``names``, ``renderings``) → a map from string;
* an array → a list of its items.

A record is a document or an error record; the columns are the union of both, and ``error`` is
null for documents.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from typing import Any, Dict, List, Optional, Tuple

OTHER = "_other"

_here = os.path.dirname(os.path.abspath(__file__))


@lru_cache(maxsize=None)
def packaged_schema() -> Dict[str, Any]:
    """The record schema this package was built with (a copy of ``mekong schema --records``)."""
    with open(os.path.join(_here, "record.schema.json"), encoding="utf-8") as f:
        return json.load(f)


def binary_schema(binary: Optional[str] = None) -> Dict[str, Any]:
    """The record schema the ``mekong`` binary prints."""
    import subprocess
    from ._process import find_binary

    out = subprocess.run([find_binary(binary), "schema", "--records"], check=True, capture_output=True)
    return json.loads(out.stdout)


# A node of the type tree: (kind, payload)
#   ("string"|"int"|"float"|"bool"|"json", None)
#   ("list", node)   ("map", node)   ("struct", [(name, node), ...], open: bool)
Node = Tuple[Any, ...]


class RecordTypes:
    """The column types of a record schema, and the conversion of records to rows of them."""

    def __init__(self, schema: Optional[Dict[str, Any]] = None):
        self.schema = schema or packaged_schema()
        self._defs = self.schema.get("$defs", {})
        variants = [self._resolve(v) for v in self.schema["oneOf"]]
        fields: Dict[str, Node] = {}
        for v in variants:  # document first, then the error record's own fields
            for name, node in self._struct_fields(v):
                fields.setdefault(name, node)
        self.root: Node = ("struct", list(fields.items()), False)

    # -- the schema as a tree of nodes --

    def _resolve(self, s: Dict[str, Any]) -> Dict[str, Any]:
        while "$ref" in s:
            s = self._defs[s["$ref"].split("/")[-1]]
        return s

    def _struct_fields(self, s: Dict[str, Any]) -> List[Tuple[str, Node]]:
        return [(name, self._node(sub)) for name, sub in s.get("properties", {}).items()]

    def _node(self, s: Dict[str, Any]) -> Node:
        s = self._resolve(s)
        t = s.get("type")
        if isinstance(t, list):  # ["string", "null"]: nullable is the default
            t = next(x for x in t if x != "null")
        if t == "string" or (t is None and "enum" in s):
            return ("string", None)
        if t == "integer":
            return ("int", None)
        if t == "number":
            return ("float", None)
        if t == "boolean":
            return ("bool", None)
        if t == "array":
            return ("list", self._node(s.get("items", {})))
        if t == "object":
            props = s.get("properties")
            extra = s.get("additionalProperties", True)
            if props:
                return ("struct", self._struct_fields(s), extra is not False)
            if isinstance(extra, dict) and self._node(extra)[0] in ("string", "int", "float", "bool"):
                return ("map", self._node(extra))
        return ("json", None)

    # -- rows --

    def row(self, record: Dict[str, Any], maps_as_pairs: bool = False) -> Dict[str, Any]:
        """``record`` with every value in its column's type (a dict per struct, a list per
        array, a JSON string for a value of no fixed type, a map for open parts). ``maps_as_pairs`` writes maps as lists of
        ``(key, value)``, as pyarrow takes them; Spark takes dicts."""
        return _convert(self.root, record, maps_as_pairs)

    # -- column types --

    def _types(self, leaves: Dict[str, Any], list_of, map_of, struct_of):
        """The record's type in one library's terms: ``leaves`` by kind (``string``, ``json``,
        ``int``, ``float``, ``bool``), and how that library makes a list, a map from string and a
        struct (from ``(name, type)`` pairs)."""

        def typ(node: Node):
            kind = node[0]
            if kind == "list":
                return list_of(typ(node[1]))
            if kind == "map":
                return map_of(typ(node[1]))
            if kind == "struct":
                fields = [(name, typ(sub)) for name, sub in node[1]]
                if node[2]:
                    fields.append((OTHER, map_of(leaves["string"])))
                return struct_of(fields)
            return leaves[kind]

        return typ(self.root)

    def arrow_schema(self):
        """The records' schema as a ``pyarrow.Schema``."""
        import pyarrow as pa

        record = self._types({"string": pa.string(), "json": pa.string(), "int": pa.int64(), "float": pa.float64(),
                              "bool": pa.bool_()},
                             pa.list_, lambda value: pa.map_(pa.string(), value),
                             lambda fields: pa.struct([pa.field(name, t) for name, t in fields]))
        return pa.schema([record.field(i) for i in range(record.num_fields)])

    def spark_schema(self):
        """The records' schema as a Spark ``StructType``."""
        from pyspark.sql import types as T

        return self._types({"string": T.StringType(), "json": T.StringType(), "int": T.LongType(),
                            "float": T.DoubleType(), "bool": T.BooleanType()},
                           lambda item: T.ArrayType(item, True), lambda value: T.MapType(T.StringType(), value, True),
                           lambda fields: T.StructType([T.StructField(name, t, True) for name, t in fields]))

    @property
    def column_names(self) -> List[str]:
        return [name for name, _ in self.root[1]]


def other_fields(value: Dict[str, Any], declared) -> List[Tuple[str, str]]:
    """The fields of an open object that its schema does not declare, as ``_other`` holds them:
    a string as it is, anything else as its compact JSON text."""
    return [(k, v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, separators=(",", ":")))
            for k, v in value.items() if k not in declared]


def _convert(node: Node, value: Any, pairs: bool) -> Any:
    if value is None:
        return None
    kind = node[0]
    if kind == "string":
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if kind == "json":
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if kind == "int":
        return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    if kind == "float":
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    if kind == "bool":
        return value if isinstance(value, bool) else None
    if kind == "list":
        if not isinstance(value, list):
            return None
        return [_convert(node[1], v, pairs) for v in value]
    if kind == "map":
        if not isinstance(value, dict):
            return None
        items = [(k, _convert(node[1], v, pairs)) for k, v in value.items()]
        return items if pairs else dict(items)
    # struct
    if not isinstance(value, dict):
        return None
    out = {name: _convert(sub, value.get(name), pairs) for name, sub in node[1]}
    if node[2]:
        declared = {name for name, _ in node[1]}
        rest = other_fields(value, declared)
        out[OTHER] = (rest if pairs else dict(rest)) if rest else None
    return out
