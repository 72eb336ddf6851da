"""Driving the ``mekong`` binary: finding it, and streaming records through ``mekong run``.

The package has no compiled code of its own: every document goes through a ``mekong run``
process reading JSON Lines on standard input and writing one record per input line, in input
order, on standard output. A thread writes the input while the caller reads the output, so a
partition of any size streams through with a bounded amount in flight.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections import deque
from typing import Any, Deque, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

Pipeline = Union[str, os.PathLike, Dict[str, Any]]


class MekongError(RuntimeError):
    """``mekong`` could not run the batch at all (a usage or pipeline error, an output failure).

    Documents that fail are not errors here: each yields an error record, as in ``mekong run``.
    """


def find_binary(binary: Optional[str] = None) -> str:
    """The ``mekong`` executable: ``binary`` if given, else ``$MEKONG``, else ``mekong`` on ``PATH``."""
    candidate = binary or os.environ.get("MEKONG") or shutil.which("mekong")
    if not candidate:
        raise MekongError(
            "cannot find the mekong binary: pass binary=..., set MEKONG=/path/to/mekong, "
            "or put mekong on PATH (swift build -c release puts it in .build/release/)")
    if os.sep in candidate and not os.access(candidate, os.X_OK):
        raise MekongError(f"{candidate} is not an executable file")
    return candidate


class _PipelineFile:
    """A pipeline as a path ``mekong run -p`` can read: the path given, or a temporary file
    holding a pipeline given as a dict or as JSON text."""

    def __init__(self, pipeline: Pipeline):
        self._temp: Optional[str] = None
        if isinstance(pipeline, dict):
            self.path = self._write(json.dumps(pipeline, ensure_ascii=False))
        elif isinstance(pipeline, str) and pipeline.lstrip().startswith("{"):
            self.path = self._write(pipeline)
        else:
            self.path = os.fspath(pipeline)

    def _write(self, text: str) -> str:
        fd, path = tempfile.mkstemp(prefix="mekong-pipeline-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        self._temp = path
        return path

    def close(self) -> None:
        if self._temp:
            try:
                os.unlink(self._temp)
            except OSError:
                pass
            self._temp = None


def input_record(item: Any, index: int, format: str = "text", language: Optional[str] = None) -> Dict[str, Any]:
    """One JSON Lines input record for ``mekong run``: a string becomes ``{"id", "text"}`` (or
    ``"html"`` when ``format="html"``); a dict is passed as it is, given an ``id`` if it has none."""
    if isinstance(item, str):
        record: Dict[str, Any] = {"id": str(index), ("html" if format == "html" else "text"): item}
    elif isinstance(item, dict):
        record = dict(item)
        record.setdefault("id", str(index))
    else:
        raise TypeError(f"a document is a str or a dict, not {type(item).__name__}")
    if language and "language" not in record:
        record["language"] = language
    return record


def run_records(records: Iterable[Dict[str, Any]], pipeline: Pipeline, *, binary: Optional[str] = None,
                jobs: int = 1, extra_args: Sequence[str] = (), env: Optional[Dict[str, str]] = None) -> Iterator[bytes]:
    """Streams input records through ``mekong run`` and yields the output lines (bytes, one
    record each, in input order)."""
    exe = find_binary(binary)
    pipe_file = _PipelineFile(pipeline)
    command = [exe, "run", "-p", pipe_file.path, "-", "--jobs", str(jobs), "--quiet", "--no-progress",
               "--fail-on", "never", *extra_args]
    stderr = tempfile.TemporaryFile()
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
                               env=None if env is None else {**os.environ, **env})
    failure: List[BaseException] = []

    def write() -> None:
        try:
            assert process.stdin is not None
            for record in records:
                process.stdin.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
        except BrokenPipeError:
            pass  # mekong stopped early; its exit status says why
        except BaseException as e:  # noqa: BLE001 - re-raised in the reading thread
            failure.append(e)
        finally:
            try:
                assert process.stdin is not None
                process.stdin.close()
            except OSError:
                pass

    writer = threading.Thread(target=write, name="mekong-stdin", daemon=True)
    writer.start()
    finished = False
    try:
        assert process.stdout is not None
        for line in process.stdout:
            yield line
        writer.join()
        status = process.wait()
        finished = True
        if failure:
            raise failure[0]
        if status not in (0, 1):
            stderr.seek(0)
            message = stderr.read().decode("utf-8", "replace").strip()
            raise MekongError(f"mekong run exited with status {status}: {message}")
    finally:
        if not finished:  # the caller stopped reading: end the process
            process.kill()
            process.wait()
        stderr.close()
        pipe_file.close()


def annotate(documents: Iterable[Any], pipeline: Pipeline, *, binary: Optional[str] = None, jobs: int = 1,
             format: str = "text", language: Optional[str] = None,
             extra_args: Sequence[str] = ()) -> Iterator[Dict[str, Any]]:
    """Runs ``pipeline`` over ``documents`` (strings, or dicts in Mekong's JSON Lines input
    form) and yields one record dict per document, in order: the document with its layers, or
    an error record (``{"id", "source", "error": {"stage", "message"}}``)."""
    records = (input_record(d, i, format, language) for i, d in enumerate(documents))
    for line in run_records(records, pipeline, binary=binary, jobs=jobs, extra_args=extra_args):
        yield json.loads(line)


def paired(documents: Iterable[Tuple[Any, Dict[str, Any]]], pipeline: Pipeline, **kwargs: Any) -> Iterator[Tuple[Any, bytes]]:
    """Like ``run_records`` for ``(key, input record)`` pairs: yields ``(key, output line)``."""
    keys: Deque[Any] = deque()

    def records() -> Iterator[Dict[str, Any]]:
        for key, record in documents:
            keys.append(key)
            yield record

    for line in run_records(records(), pipeline, **kwargs):
        if not keys:
            raise MekongError("mekong run wrote more records than it was given documents")
        yield keys.popleft(), line
    if keys:
        raise MekongError(f"mekong run wrote {len(keys)} records fewer than it was given documents")
