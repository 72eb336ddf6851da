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
                yield (*kept_values, others.line(line.decode("utf-8")))
        finally:
            if temp:
                os.unlink(temp)

    from pyspark.sql import types as T

    # The records travel to the JVM as text and are parsed there once, by Spark's JSON reader
    # with the record schema: parsing them in Python and converting nested rows cost more than
    # Mekong's own work. Python only gathers the open parts' undeclared fields under `_other`
    # (a record that has none, the usual case, passes as it is).
    record_type = types.spark_schema()
    others = _OpenParts(record_type)
    raw_schema = T.StructType(list(kept_types) + [T.StructField(_RECORD, T.StringType(), False)])
    raw = df.sparkSession.createDataFrame(source.rdd.mapPartitionsWithIndex(run_partition), raw_schema)
    return record_columns(raw, record_type, kept)


_RECORD = "_mekong_record"
_DECODER = json.JSONDecoder()  # at module level: a decoder cannot be pickled to executors


class _OpenParts:
    """Puts the fields of a record's open structs (``metadata``, ``layers``) that the schema does
    not declare under their ``_other`` map (a string as it is, anything else as JSON text), so
    that ``from_json`` reads the record with the full schema in one pass.

    A record without such fields — almost every one — is found cheaply and passed unchanged:
    ``metadata`` is small and parsed alone; ``layers`` are looked at by name (``"name":[``).
    Only a record with undeclared fields is parsed whole and written again."""

    def __init__(self, record_type):
        from pyspark.sql import types as T

        self.fields = [f.name for f in record_type.fields
                       if isinstance(f.dataType, T.StructType) and OTHER in f.dataType.names]
        # `_other` itself is no declared field: a record's own key of that name goes into the map.
        self.declared = {f.name: {x.name for x in record_type[f.name].dataType.fields} - {OTHER}
                         for f in record_type.fields if f.name in self.fields}
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

    def line(self, line: str) -> str:
        """The record's JSON text as ``from_json`` should read it."""
        if not self._has_undeclared(line):
            return line
        record = json.loads(line)
        for name in self.fields:
            part = record.get(name)
            if isinstance(part, dict):
                declared = self.declared[name]
                other = dict(other_fields(part, declared))
                record[name] = {k: v for k, v in part.items() if k in declared}
                if other:
                    record[name][OTHER] = other
        return json.dumps(record, ensure_ascii=False, separators=(",", ":"))

    def _has_undeclared(self, line: str) -> bool:
        for name in self.fields:
            if name == "layers":
                if any(k not in self.arrays for k in _array_keys(line)):
                    return True
                continue
            # Inside a string the key's closing quote is escaped: this finds the key itself.
            i = line.find(f'"{name}":{{')
            if i >= 0:
                part, _ = _DECODER.raw_decode(line, i + len(name) + 3)
                if any(k not in self.declared[name] for k in part):
                    return True
        return False


def _array_keys(line: str) -> Iterator[str]:
    """The keys before every ``":[`` of a JSON line: the names of its array-valued fields, and
    garbage where a string holds those characters (escaped, so never a name of the schema's: the
    caller then parses the line whole)."""
    i = line.find('":[')
    while i >= 0:
        yield line[line.rfind('"', 0, i) + 1:i]
        i = line.find('":[', i + 3)


def record_columns(raw, record_type, kept=()):
    """``raw`` (kept columns, and the record's JSON text in ``_mekong_record`` with its open
    parts' undeclared fields under ``_other``, as ``_OpenParts.line`` writes it) as the
    record's typed columns: the text parsed once by ``from_json``.

    One parse and a plain projection: rebuilding the open structs around a separate ``_other``
    column made Spark generate methods too long for the JVM to compile, and the job ran
    interpreted (about 1.5x slower)."""
    from pyspark.sql import functions as F

    parsed = raw.select(*kept, F.from_json(F.col(_RECORD), record_type).alias("_r"))
    return parsed.select(*kept, *[F.col(f"_r.{f.name}").alias(f.name) for f in record_type.fields])


def _read_pipeline(pipeline: str) -> str:
    with open(pipeline, encoding="utf-8") as f:
        return f.read()
