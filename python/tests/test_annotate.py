"""mekong.annotate: texts and records through a streaming `mekong run` process."""
import pytest

import mekong


def test_annotate_texts_in_order(news_pipeline, mekong_bin):
    texts = [f"Ông Nguyễn Văn Minh đến Hà Nội ngày {d}/2 với 112,6 tỷ USD." for d in range(1, 61)]
    records = list(mekong.annotate(texts, pipeline=news_pipeline))
    assert [r["id"] for r in records] == [str(i) for i in range(60)]
    first = records[0]
    assert first["text"] == texts[0]
    entities = {(e["text"], e["type"]) for e in first["layers"]["entities"]}
    assert ("Nguyễn Văn Minh", "PER") in entities and ("Hà Nội", "LOC") in entities
    money = [q for q in first["layers"]["quantities"] if q["kind"] == "money"]
    assert money and money[0]["unit"] == "USD" and money[0]["value"] == pytest.approx(112.6e9)


def test_annotate_records_html_and_errors(news_pipeline, mekong_bin):
    docs = [
        {"id": "page", "html": "<html><head><title>Tin</title></head><body><article><p>Thủ tướng thăm Đà Nẵng.</p></article></body></html>"},
        {"id": "binary", "text_base64": "AAECAwQFBgcICQ==", "charset": "utf-8"},
        "Giá vàng tăng 2%.",
    ]
    records = list(mekong.annotate(docs, pipeline=news_pipeline))
    assert [r["id"] for r in records] == ["page", "binary", "2"]
    assert "Đà Nẵng" in records[0]["text"]
    assert records[1]["error"]["stage"] == "read"
    assert records[2]["layers"]["quantities"][0]["kind"] == "percent"


def test_pipeline_given_as_dict(mekong_bin):
    pipeline = {"name": "tokens", "language": "vi", "stages": [{"use": "normalize"}, {"use": "sentences"}, {"use": "tokens"}]}
    (record,) = mekong.annotate(["Xin chào. Tạm biệt."], pipeline=pipeline)
    assert len(record["layers"]["sentences"]) == 2
    assert "entities" not in record["layers"]


def test_a_bad_pipeline_is_an_error(tmp_path, mekong_bin):
    bad = tmp_path / "bad.json"
    bad.write_text('{"stages": [{"use": "no-such-stage"}]}', encoding="utf-8")
    with pytest.raises(mekong.MekongError, match="no-such-stage"):
        list(mekong.annotate(["x"], pipeline=str(bad)))


def test_stopping_early_ends_the_process(news_pipeline, mekong_bin):
    stream = mekong.annotate(("Hà Nội." for _ in range(10_000)), pipeline=news_pipeline)
    assert next(stream)["text"] == "Hà Nội."
    stream.close()  # must not hang on the rest
