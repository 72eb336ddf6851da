"""The record schema: the package's copy is the binary's, and real output conforms to it."""
import json
import subprocess

import jsonschema
import pyarrow as pa

import mekong
from mekong.schema import OTHER, RecordTypes


def test_packaged_schema_is_the_binarys(mekong_bin):
    printed = json.loads(subprocess.run([mekong_bin, "schema", "--records"], check=True, capture_output=True).stdout)
    assert printed == mekong.packaged_schema(), (
        "python/mekong/record.schema.json is stale: regenerate it with "
        "`mekong schema --records > python/mekong/record.schema.json`")


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(mekong.packaged_schema())


def test_corpus_output_conforms(corpus_records):
    validator = jsonschema.Draft202012Validator(mekong.packaged_schema())
    assert len(corpus_records) >= 10
    for record in corpus_records:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(record)]
        assert not errors, f"{record['id']}: {errors[:3]}"
    # The layers the schema types are there to be typed.
    kinds = {q["kind"] for r in corpus_records for q in r.get("layers", {}).get("quantities", [])}
    assert {"money", "date"} <= kinds
    assert any(e.get("id") for r in corpus_records for e in r.get("layers", {}).get("entities", []))


def test_error_records_conform(mekong_bin, news_pipeline, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok", "text": "Xin chào Hà Nội."}\n{"id": "broken", "text": \n', encoding="utf-8")
    out = subprocess.run([mekong_bin, "run", "-p", news_pipeline, str(bad), "--quiet"], capture_output=True)
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r.get("error") is None for r in records] == [True, False]
    validator = jsonschema.Draft202012Validator(mekong.packaged_schema())
    for record in records:
        assert not list(validator.iter_errors(record)), record


def test_plugin_layers_and_free_metadata_stay_open():
    types = RecordTypes()
    record = {
        "id": "x", "source": {"uri": "x", "format": "jsonl", "size": 3}, "language": "vi",
        "metadata": {"title": "T", "desk": {"name": "economy"}}, "text": "abc",
        "layers": {"keywords": [{"start": 0, "end": 3, "label": "kw", "weight": 0.5}],
                   "quantities": [{"start": 0, "end": 1, "label": "number", "text": "a", "kind": "number", "value": 5}]},
    }
    jsonschema.validate(record, mekong.packaged_schema())
    row = types.row(record)
    assert row["metadata"]["title"] == "T"
    assert json.loads(row["metadata"][OTHER]["desk"]) == {"name": "economy"}
    assert json.loads(row["layers"][OTHER]["keywords"]) == [{"start": 0, "end": 3, "label": "kw", "weight": 0.5}]
    # An integral value is a float in its column, like every other value.
    assert row["layers"]["quantities"][0]["value"] == 5.0 and isinstance(row["layers"]["quantities"][0]["value"], float)
    assert row["error"] is None


def test_arrow_columns_are_typed(corpus_records):
    table = mekong.to_arrow(corpus_records)
    assert table.num_rows == len(corpus_records)
    quantity = table.schema.field("layers").type.field("quantities").type.value_type
    assert quantity.field("value").type == pa.float64()
    assert quantity.field("normal").type == pa.string()
    entity = table.schema.field("layers").type.field("entities").type.value_type
    assert entity.field("names").type == pa.map_(pa.string(), pa.string())
    assert table.schema.field("source").type.field("size").type == pa.int64()
    frame = mekong.to_pandas(corpus_records)
    assert list(frame["id"]) == [r["id"] for r in corpus_records]
