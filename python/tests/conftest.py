"""Shared fixtures: the repository, the mekong binary under test, Corpus/ records."""
import json
import os
import subprocess

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.fixture(scope="session")
def mekong_bin():
    path = os.environ.get("MEKONG") or os.path.join(REPO, ".build", "debug", "mekong")
    assert os.access(path, os.X_OK), f"no mekong binary at {path}: build it (swift build) or set MEKONG"
    os.environ["MEKONG"] = path  # what the package finds by default
    return path


@pytest.fixture(scope="session")
def news_pipeline():
    return os.path.join(REPO, "Pipelines", "news.json")


@pytest.fixture(scope="session")
def corpus_records(mekong_bin, news_pipeline, tmp_path_factory):
    """Corpus/ through Pipelines/news.json, as `mekong run` writes it."""
    out = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    subprocess.run([mekong_bin, "run", "-p", news_pipeline, os.path.join(REPO, "Corpus"), "-o", str(out), "--quiet"],
                   check=True)
    with open(out, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def corpus_texts():
    """(name, text or html, format) for each plain text and HTML page of Corpus/."""
    folder = os.path.join(REPO, "Corpus")
    out = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.endswith(".txt"):
            out.append((name, open(path, encoding="utf-8").read(), "text"))
        elif name.endswith((".html", ".htm")):
            out.append((name, open(path, encoding="utf-8", errors="replace").read(), "html"))
    return out
