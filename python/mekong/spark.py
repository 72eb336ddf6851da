"""Mekong under Apache Spark: one long-lived ``mekong run`` process per partition.

    from mekong.spark import annotate
    out = annotate(df, "text", pipeline="Pipelines/news.json", id_column="url")
    out.select("url", "layers.entities").show()

Each partition streams its rows through one ``mekong run --jobs 1`` process (Spark already runs
one task per core: more jobs per task would oversubscribe the executor), and gets back one
record per row, typed by the record schema: entities and quantities are arrays of structs,
numbers are numbers. The binary must be on every executor: ``binary="./mekong/bin/mekong"``
with ``--archives mekong.tar.gz#mekong`` (see the README's "Beyond one machine").
"""
from __future__ import annotations

import itertools
import json
import os
import tempfile
from typing import Any, Dict, Iterator, List, Optional, Sequence

from ._process import find_binary, paired
from .schema import OTHER, RecordTypes, other_fields


def annotate(df, column: str = "text", pipeline: str = "Pipelines/news.json", *, id_column: Optional[str] = None,
             keep: Sequence[str] = (), format: str = "text", language: Optional[str] = None,
             binary: Optional[str] = None, schema: Optional[Dict[str, Any]] = None, env: Optional[Dict[str, str]] = None):
    """A DataFrame with one Mekong record per row of ``df``.

    ``column`` holds the text (or the page's HTML with ``format="html"``); ``id_column`` names
    each document (default: ``<partition>-<row>``); ``keep`` columns of ``df`` are carried
    over beside the record's columns (``id``, ``error``, ``source``, ``language``, ``metadata``,
    ``text``, ``layers``, ``revisions``, ``errors``). A document that fails has a null ``text``
    and its ``error`` set; the job goes on. ``pipeline`` is a path to a pipeline file: if it
    does not exist on an executor, the driver's copy of its JSON is used there. ``binary``
    is the ``mekong`` executable on the executors (default: ``$MEKONG`` or ``PATH`` there).
    """
    types = RecordTypes(schema)
    pipeline_text = _read_pipeline(pipeline)
    kept = list(keep)
    input_columns = [column] + ([id_column] if id_column else []) + [k for k in kept if k not in (column, id_column)]
    source = df.select(*input_columns)
    field_of = {name: i for i, name in enumerate(input_columns)}
    kept_types = [source.schema[k] for k in kept]
    for f in kept_types:
        if f.name in types.column_names:
            raise ValueError(f"keep: column {f.name!r} would shadow the record's own column of that name")

    def run_partition(index: int, rows: Iterator[Any]) -> Iterator[tuple]:
        first = next(rows, None)
        if first is None:  # an empty partition starts no process
            return
        rows = itertools.chain([first], rows)
        path = pipeline if os.path.exists(pipeline) else None
        temp = None
        if path is None:
            fd, temp = tempfile.mkstemp(prefix="mekong-pipeline-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(pipeline_text)
            path = temp
        try:
            def documents():
                for n, row in enumerate(rows):
                    doc_id = row[field_of[id_column]] if id_column else f"{index}-{n}"
                    record: Dict[str, Any] = {"id": str(doc_id)}
                    value = row[field_of[column]]
                    record["html" if format == "html" else "text"] = "" if value is None else str(value)
                    if language:
                        record["language"] = language
                    yield [row[field_of[k]] for k in kept], record

            for kept_values, line in paired(documents(), path, binary=find_binary(binary), jobs=1, env=env):
                text = line.decode("utf-8")
                yield (*kept_values, text, *others.of(text))
        finally:
            if temp:
                os.unlink(temp)

    from pyspark.sql import types as T

    # The records travel to the JVM as text and are parsed there once, by Spark's JSON reader
    # with the record schema: parsing them in Python and converting nested rows cost more than
    # Mekong's own work. Python only finds the open parts (`_other`), cheaply.
    record_type = types.spark_schema()
    others = _OpenParts(record_type)
    text_map = T.MapType(T.StringType(), T.StringType(), True)
    raw_schema = T.StructType(list(kept_types) + [T.StructField(_RECORD, T.StringType(), False)]
                              + [T.StructField(f"_other_{name}", text_map, True) for name in others.fields])
    raw = df.sparkSession.createDataFrame(source.rdd.mapPartitionsWithIndex(run_partition), raw_schema)
    return record_columns(raw, record_type, kept)


_RECORD = "_mekong_record"
_DECODER = json.JSONDecoder()  # at module level: a decoder cannot be pickled to executors


class _OpenParts:
    """The fields of a record's open structs (``metadata``, ``layers``) that the schema does not
    declare, as ``_other`` maps (a string as it is, anything else as JSON text), found without
    parsing the whole record: ``metadata`` is small and parsed alone; ``layers`` are looked at
    by name (``"name":[``), and only a record with a name outside the schema is parsed whole."""

    def __init__(self, record_type):
        from pyspark.sql import types as T

        self.fields = [f.name for f in record_type.fields
                       if isinstance(f.dataType, T.StructType) and OTHER in f.dataType.names]
        self.declared = {f.name: {x.name for x in record_type[f.name].dataType.fields} for f in record_type.fields
                         if f.name in self.fields}
        # Names of every array-valued field anywhere in the schema: a record whose array-valued
        # keys are all among them has no layer the schema lacks.
        self.arrays = set()

        def walk(t):
            if isinstance(t, T.StructType):
                for x in t.fields:
                    if isinstance(x.dataType, T.ArrayType):
                        self.arrays.add(x.name)
                    walk(x.dataType)
            elif isinstance(t, T.ArrayType):
                walk(t.elementType)
            elif isinstance(t, T.MapType):
                walk(t.valueType)

        walk(record_type)

    def of(self, line: str):
        found = {}
        whole = None
        for name in self.fields:
            part = None
            if name != "layers":
                # Inside a string the key's closing quote is escaped: this finds the key itself.
                i = line.find(f'"{name}":{{')
                if i >= 0:
                    part, _ = _DECODER.raw_decode(line, i + len(name) + 3)
            elif any(k not in self.arrays for k in _array_keys(line)):
                whole = whole or json.loads(line)
                part = whole.get(name)
            found[name] = (dict(other_fields(part, self.declared[name])) or None) if isinstance(part, dict) else None
        return [found[name] for name in self.fields]


def _array_keys(line: str) -> Iterator[str]:
    """The keys before every ``":[`` of a JSON line: the names of its array-valued fields, and
    garbage where a string holds those characters (escaped, so never a name of the schema's: the
    caller then parses the line whole)."""
    i = line.find('":[')
    while i >= 0:
        yield line[line.rfind('"', 0, i) + 1:i]
        i = line.find('":[', i + 3)


def record_columns(raw, record_type, kept=()):
    """``raw`` (kept columns, the record's JSON text in ``_mekong_record``, and the open parts in
    ``_other_<field>``) as the record's typed columns: the text parsed once by ``from_json``."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    def closed(t):
        if isinstance(t, T.StructType):
            return T.StructType([T.StructField(f.name, closed(f.dataType), True) for f in t.fields if f.name != OTHER])
        if isinstance(t, T.ArrayType):
            return T.ArrayType(closed(t.elementType), True)
        return t

    open_fields = [c[len("_other_"):] for c in raw.columns if c.startswith("_other_")]
    parsed = raw.select(*kept, F.from_json(F.col(_RECORD), closed(record_type)).alias("_r"),
                        *[F.col(f"_other_{n}") for n in open_fields])
    out = []
    for f in record_type.fields:
        if f.name not in open_fields:
            out.append(F.col(f"_r.{f.name}").alias(f.name))
            continue
        declared = [x.name for x in f.dataType.fields if x.name != OTHER]
        value = F.struct(*[F.col(f"_r.{f.name}.{d}").alias(d) for d in declared], F.col(f"_other_{f.name}").alias(OTHER))
        out.append(F.when(F.col(f"_r.{f.name}").isNotNull(), value).alias(f.name))
    return parsed.select(*kept, *out)


def _read_pipeline(pipeline: str) -> str:
    with open(pipeline, encoding="utf-8") as f:
        return f.read()
