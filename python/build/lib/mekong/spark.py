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
from .schema import RecordTypes


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

    def run_partition(index: int, rows: Iterator[Any]) -> Iterator[Dict[str, Any]]:
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
                out = types.row(json.loads(line))
                for name, value in zip(kept, kept_values):
                    out[name] = value
                yield out
        finally:
            if temp:
                os.unlink(temp)

    from pyspark.sql import types as T

    schema_out = T.StructType(list(kept_types) + list(types.spark_schema().fields))
    rdd = source.rdd.mapPartitionsWithIndex(run_partition).map(lambda d: [d.get(f.name) for f in schema_out.fields])
    return df.sparkSession.createDataFrame(rdd, schema_out)


def _read_pipeline(pipeline: str) -> str:
    with open(pipeline, encoding="utf-8") as f:
        return f.read()
