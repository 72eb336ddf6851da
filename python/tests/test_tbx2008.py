"""Mekong's TBX-Basic 2008 glossary, read with translate-toolkit's `tbx` store.

translate-toolkit is the library behind Weblate's (and Pootle's) glossary imports: if its
`tbxfile` reads every `termEntry` of the file as a unit, with the source term and every
language Mekong wrote, translators' tools get the whole glossary. The file is also parsed
with the standard library's XML parser, independently, as the reference to compare with.

Needs the `mekong` binary (`swift build`, or the path in $MEKONG) and translate-toolkit
(`scripts/test` installs it from python/requirements-test.txt).
"""

import json
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from translate.storage import tbx

REPO = Path(__file__).resolve().parents[2]
MEKONG = os.environ.get("MEKONG", str(REPO / ".build" / "debug" / "mekong"))
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# The translation recipe's stages up to the glossary (Pipelines/translation-glossary.json), with
# the 2008 flavour asked for by name so the test does not depend on the default.
PIPELINE = {
    "name": "tbx2008-test",
    "language": "vi",
    "stages": [
        {"use": "html"},
        {"use": "normalize"},
        {"use": "language"},
        {"use": "sentences"},
        {"use": "tokens"},
        {"use": "words"},
        {"use": "entities"},
        {"use": "link", "with": {"targets": ["vi", "en", "fr"]}},
        {"use": "export.tbx", "with": {"path": "glossary.tbx", "format": "tbx-basic-2008", "targets": ["en", "fr"]}},
    ],
}


@pytest.fixture(scope="module")
def glossary(tmp_path_factory) -> Path:
    """Runs the pipeline over Corpus/ and gives the path of the .tbx it wrote."""
    if not os.access(MEKONG, os.X_OK):
        pytest.fail(f"no mekong binary at {MEKONG}: run `swift build` first or set MEKONG")
    work = tmp_path_factory.mktemp("tbx2008")
    pipeline = work / "pipeline.json"
    pipeline.write_text(json.dumps(PIPELINE), encoding="utf-8")
    run = subprocess.run(
        [MEKONG, "run", "-p", str(pipeline), str(REPO / "Corpus"), "-o", str(work / "records.jsonl"), "--jobs", "1"],
        capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return work / "glossary.tbx"


def entries(path: Path) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """Every termEntry as (id, [(language, [terms in order])]), read with ElementTree."""
    root = ET.parse(path).getroot()
    out = []
    for entry in root.iter("termEntry"):
        languages = [(lang_set.get(XML_LANG), [t.text for t in lang_set.iter("term")]) for lang_set in entry.findall("langSet")]
        out.append((entry.get("id"), languages))
    return out


def test_the_file_is_tbx_basic_2008(glossary):
    root = ET.parse(glossary).getroot()
    # No namespace: TBX 2008 elements are plain names.
    assert root.tag == "martif"
    assert root.get("type") == "TBX-Basic"
    assert root.get(XML_LANG) == "vi"
    assert [child.tag for child in root] == ["martifHeader", "text"]
    assert "<!DOCTYPE" not in glossary.read_text(encoding="utf-8")


def test_translate_toolkit_reads_every_entry_with_its_terms_and_languages(glossary):
    expected = entries(glossary)
    assert len(expected) >= 20, "the corpus has a few dozen entities"

    store = tbx.tbxfile.parsefile(str(glossary))
    assert len(store.units) == len(expected)
    for unit, (entry_id, languages) in zip(store.units, expected):
        assert unit.getid() == entry_id
        # Without a source language set, the store takes each entry's first langSet as the
        # source: Mekong writes the glossary's source language (vi) first where it has terms.
        assert unit.source == languages[0][1][0], entry_id
        read = [(lang_set.get(XML_LANG), [t.text for t in unit.get_target_terms(lang_set.get(XML_LANG))])
                for lang_set in unit.getlanguageNodes()]
        assert read == languages, entry_id

    # The same, with the file's own language as the store's source language.
    store.setsourcelanguage("vi")
    with_vi = [(u, langs) for u, (_, langs) in zip(store.units, expected) if langs[0][0] == "vi"]
    assert len(with_vi) > len(expected) // 2
    for unit, languages in with_vi:
        assert [t.text for t in unit.get_source_terms()] == languages[0][1]


def test_names_notes_and_target_terms_come_through(glossary):
    store = tbx.tbxfile.parsefile(str(glossary))
    store.setsourcelanguage("vi")
    store.settargetlanguage("en")
    by_source = {u.source: u for u in store.units}

    # A country: the Vietnamese name as found, English and French from the knowledge base.
    france = by_source["Pháp"]
    assert france.target == "France"
    assert [t.text for t in france.get_target_terms("fr")] == ["France"]
    assert "type: LOC" in france.getnotes()

    # A person: every term is a proper noun, the part of speech TBX-Basic 2008 has for names.
    macron = by_source["Emmanuel Macron"]
    assert "type: PER" in macron.getnotes()
    term = macron.get_source_terms()[0]
    assert any(n.category == "partOfSpeech" and n.text == "properNoun" for n in term.notes)
    assert any(n.category == "context" and "Emmanuel Macron" in n.text for n in term.notes)

    # Languages across the file: the source and the two targets, nothing else.
    languages = {lang for u in store.units for lang in (n.get(XML_LANG) for n in u.getlanguageNodes())}
    assert languages == {"vi", "en", "fr"}
