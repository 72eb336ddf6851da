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
