"""mekong.spark.annotate in local mode on two workers: one record per row, typed columns."""
import os

import pytest
from pyspark.sql import SparkSession
from pyspark.sql import types as T

from conftest import corpus_texts
from mekong.spark import annotate


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", __import__("sys").executable)
    session = (SparkSession.builder.master("local[2]").appName("mekong-tests")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_annotate_corpus_texts(spark, news_pipeline, mekong_bin):
    rows = [(name, body) for name, body, fmt in corpus_texts() if fmt == "text"]
    rows += [(f"extra-{i}", f"Ông Trần Văn Minh gặp bà Lan ở Đà Nẵng ngày {i + 1}/3, bàn khoản đầu tư 30 - 50 tỷ Euro.")
             for i in range(40)]
    df = spark.createDataFrame(rows, ["name", "body"]).repartition(2)
    out = annotate(df, "body", pipeline=news_pipeline, id_column="name", keep=["name"])
    # Typed columns from the record schema.
    layers = out.schema["layers"].dataType
    entity = layers["entities"].dataType.elementType
    quantity = layers["quantities"].dataType.elementType
    assert isinstance(entity["names"].dataType, T.MapType)
    assert isinstance(quantity["value"].dataType, T.DoubleType)
    assert isinstance(quantity["min"].dataType, T.DoubleType)
    result = {r["name"]: r for r in out.collect()}
    assert set(result) == {name for name, _ in rows}
    assert all(r["error"] is None and r["id"] == name for name, r in result.items())
    extra = result["extra-0"]
    people = {e["text"] for e in extra["layers"]["entities"] if e["type"] == "PER"}
    assert "Trần Văn Minh" in people
    ranges = [q for q in extra["layers"]["quantities"] if q["kind"] == "range"]
    assert ranges and ranges[0]["min"] == 30e9 and ranges[0]["max"] == 50e9 and ranges[0]["unit"] == "EUR"


def test_a_failing_document_is_a_row_with_its_error(spark, mekong_bin, tmp_path):
    pipeline = tmp_path / "html.json"
    pipeline.write_text('{"name": "html", "stages": [{"use": "html"}, {"use": "sentences"}]}', encoding="utf-8")
    df = spark.createDataFrame([("a", "<p>Một câu.</p>"), ("b", "\u0000\u0001\u0002 binary")], ["id", "page"])
    out = annotate(df, "page", pipeline=str(pipeline), id_column="id", format="html")
    rows = {r["id"]: r for r in out.collect()}
    assert rows["a"]["error"] is None and rows["a"]["text"].strip() == "Một câu."
    assert rows.keys() == {"a", "b"}


def test_pipeline_missing_on_executors_travels_from_the_driver(spark, mekong_bin, tmp_path):
    pipeline = tmp_path / "tokens.json"
    pipeline.write_text('{"name": "t", "language": "vi", "stages": [{"use": "sentences"}, {"use": "tokens"}]}', encoding="utf-8")
    df = spark.createDataFrame([("Xin chào.",)], ["text"]).coalesce(1)
    out = annotate(df, pipeline=str(pipeline))  # read on the driver, now
    pipeline.unlink()  # executors run later (lazily) and do not find it
    (row,) = out.collect()
    assert row["id"] == "0-0" and len(row["layers"]["tokens"]) == 3


def test_empty_partitions_start_no_process(spark, news_pipeline, mekong_bin):
    df = spark.createDataFrame([("Hà Nội.",)], ["text"]).repartition(4)
    (row,) = annotate(df, pipeline=news_pipeline).collect()
    assert row["text"] == "Hà Nội."


def test_open_parts_land_in_other(spark):
    from pyspark.sql import types as T
    from mekong.spark import _OpenParts, record_columns
    from mekong.schema import RecordTypes

    records = [
        '{"id":"a","source":{"uri":"a","format":"jsonl","size":1},"language":"vi","metadata":{"title":"T","desk":{"name":"x"},"tag":"y"},'
        '"text":"abc","layers":{"keywords":[{"start":0,"end":3,"weight":0.5}],"quantities":[{"start":0,"end":1,"label":"number","text":"a","kind":"number","value":5}]}}',
        '{"id":"b","source":{"uri":"b","format":"jsonl","size":0},"error":{"stage":"read","message":"bad"}}',
        '{"id":"c","source":{"uri":"c","format":"text","size":1},"language":"vi","metadata":{},"text":"\\":[ x","layers":{"tokens":[{"start":0,"end":1,"label":"word"}]}}',
        # An id holding the metadata key, escaped as JSON escapes it: the real key is found.
        '{"id":"d\\",\\"metadata\\":{x","source":{"uri":"d","format":"text","size":1},"language":"vi","metadata":{"tag":"z"},"text":"a","layers":{}}',
        # A record's own `_other` key is one more undeclared field.
        '{"id":"e","source":{"uri":"e","format":"text","size":1},"language":"vi","metadata":{"_other":"q","title":"U"},"text":"a","layers":{}}',
    ]
    record_type = RecordTypes().spark_schema()
    parts = _OpenParts(record_type)
    assert parts.fields == ["metadata", "layers"]
    lines = [parts.line(r) for r in records]
    assert lines[1:3] == records[1:3]  # nothing undeclared: passed as they are
    schema = T.StructType([T.StructField("_mekong_record", T.StringType())])
    df = spark.createDataFrame([(line,) for line in lines], schema)
    a, b, c, d, e = record_columns(df, record_type).collect()
    assert a["metadata"]["title"] == "T"
    assert a["metadata"]["_other"] == {"desk": '{"name":"x"}', "tag": "y"}
    assert set(a["layers"]["_other"]) == {"keywords"}
    assert a["layers"]["quantities"][0]["value"] == 5.0
    assert a["error"] is None
    assert b["error"]["message"] == "bad" and b["metadata"] is None and b["layers"] is None
    assert c["layers"]["_other"] is None and c["metadata"]["_other"] is None and len(c["layers"]["tokens"]) == 1
    assert d["id"] == 'd","metadata":{x' and d["metadata"]["_other"] == {"tag": "z"}
    assert e["metadata"]["title"] == "U" and e["metadata"]["_other"] == {"_other": "q"}
    # The Python conversion gives the same open parts.
    row = RecordTypes().row(__import__("json").loads(records[0]))
    assert row["metadata"]["_other"] == a["metadata"]["_other"]
