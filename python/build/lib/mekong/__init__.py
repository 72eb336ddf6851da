"""Mekong from Python: annotate texts, get typed tables, write Parquet, run under Spark.

The package drives the ``mekong`` binary (``$MEKONG``, or ``mekong`` on ``PATH``); it has no
compiled code of its own::

    import mekong
    for record in mekong.annotate(["Ông Nguyễn Văn Minh đến Hà Nội ngày 9/2."],
                                  pipeline="Pipelines/news.json"):
        print([(e["text"], e["type"]) for e in record["layers"]["entities"]])

    table = mekong.to_arrow(mekong.annotate(texts, pipeline="Pipelines/news.json"))
    mekong.write_parquet(mekong.annotate(texts, pipeline=...), "out.parquet")

Spark: ``mekong.spark.annotate(df, "text", pipeline=...)``. Command line:
``python -m mekong parquet IN.jsonl OUT.parquet``.
"""
from ._process import MekongError, annotate, find_binary
from .arrow import batches, to_arrow, to_pandas, write_parquet
from .schema import RecordTypes, binary_schema, packaged_schema

__all__ = [
    "MekongError", "annotate", "find_binary", "batches", "to_arrow", "to_pandas", "write_parquet",
    "RecordTypes", "binary_schema", "packaged_schema",
]
__version__ = "0.1.0"
