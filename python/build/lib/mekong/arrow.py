"""Records as Arrow tables, pandas DataFrames and Parquet files, typed by the record schema."""
from __future__ import annotations

import json
from typing import Any, Dict, Iterable, Iterator, List, Optional, Union

from .schema import RecordTypes

Record = Union[Dict[str, Any], str, bytes]


def _records(records: Iterable[Record]) -> Iterator[Dict[str, Any]]:
    for r in records:
        if isinstance(r, (str, bytes)):
            if not r.strip():
                continue
            r = json.loads(r)
        yield r


def batches(records: Iterable[Record], types: Optional[RecordTypes] = None, size: int = 1000):
    """``pyarrow.RecordBatch``es of ``size`` records each (dicts, or JSON lines)."""
    import pyarrow as pa

    types = types or RecordTypes()
    schema = types.arrow_schema()
    rows: List[Dict[str, Any]] = []
    for r in _records(records):
        rows.append(types.row(r, maps_as_pairs=True))
        if len(rows) >= size:
            yield pa.RecordBatch.from_pylist(rows, schema=schema)
            rows = []
    if rows:
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def to_arrow(records: Iterable[Record], types: Optional[RecordTypes] = None):
    """A ``pyarrow.Table`` of the records, one row each."""
    import pyarrow as pa

    types = types or RecordTypes()
    return pa.Table.from_batches(list(batches(records, types)), schema=types.arrow_schema())


def to_pandas(records: Iterable[Record], types: Optional[RecordTypes] = None):
    """A pandas DataFrame of the records (nested columns hold lists and dicts)."""
    return to_arrow(records, types).to_pandas()


def write_parquet(records: Iterable[Record], path: str, types: Optional[RecordTypes] = None,
                  batch_size: int = 1000, compression: str = "zstd") -> int:
    """Writes the records to a Parquet file batch by batch (memory stays flat whatever the
    corpus size) and returns how many rows it wrote."""
    import pyarrow.parquet as pq

    types = types or RecordTypes()
    written = 0
    with pq.ParquetWriter(path, types.arrow_schema(), compression=compression) as writer:
        for batch in batches(records, types, batch_size):
            writer.write_batch(batch)
            written += batch.num_rows
    return written


def read_jsonl(path: str) -> Iterator[bytes]:
    """The lines of a JSON Lines file (gzip when it ends in .gz)."""
    if path.endswith(".gz"):
        import gzip

        with gzip.open(path, "rb") as f:
            yield from f
    elif path == "-":
        import sys

        yield from sys.stdin.buffer
    else:
        with open(path, "rb") as f:
            yield from f
