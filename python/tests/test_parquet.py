"""python -m mekong parquet: records to Parquet with the documented schema."""
import json
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq

from mekong.schema import RecordTypes


def test_parquet_round_trip(corpus_records, tmp_path):
    src = tmp_path / "corpus.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus_records), encoding="utf-8")
    out = tmp_path / "corpus.parquet"
    subprocess.run([sys.executable, "-m", "mekong", "parquet", str(src), str(out), "--batch-size", "3"], check=True)
    table = pq.read_table(out)
    assert table.schema.equals(RecordTypes().arrow_schema(), check_metadata=False)
    assert table.num_rows == len(corpus_records)
    rows = table.to_pylist()
    for record, row in zip(corpus_records, rows):
        assert row["id"] == record["id"]
        assert row["text"] == record.get("text")
        got = row["layers"]["quantities"] if row["layers"] else []
        want = record.get("layers", {}).get("quantities", [])
        assert [(q["start"], q["end"], q["kind"]) for q in got] == [(q["start"], q["end"], q["kind"]) for q in want]
        for g, w in zip(got, want):
            if "value" in w:
                assert g["value"] == float(w["value"])
    # No string/number mix: every value in the value column is a float or null.
    values = pa.compute.list_flatten(table.column("layers").combine_chunks().field("quantities"))
    assert values.type.field("value").type == pa.float64()
