"""Fuzz the readers and the structure stage for a bounded time (issue 16).

    python bench/fuzz.py --seconds 600            # atheris (libFuzzer), coverage-guided
    python bench/fuzz.py --seconds 600 --hypothesis  # the same target driven by Hypothesis

The target takes any bytes: the first byte picks the input kind (sniffed, or one of
``dateline.io.KINDS``), the rest is read as stdin by ``dateline.io.read_inputs``; every
``RawArticle`` goes through ``dateline.structure.build_article``. A crash is any exception
other than a coded ``DatelineError`` from the structure stage, a reader that raises, or an
``Article`` whose paragraphs lie outside its text. Seeds are the reader fixtures of
``tests/fixtures/ingest``; crashing inputs are written to ``bench/out/fuzz/``.

atheris is used when it imports (``pip install atheris``: wheels for CPython 3.11 on
Linux); ``--hypothesis`` (or a missing atheris) runs Hypothesis examples until the time is up.
Exit status 0: no crash in the time given; 1: a crash (its input is saved and printed).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

OUT = ROOT / "bench" / "out" / "fuzz"
SEEDS = ROOT / "tests" / "fixtures" / "ingest"


def one_input(data: bytes) -> None:
    """The fuzz target: read ``data`` as one input, structure every article it gives."""
    from dateline.errors import DatelineError
    from dateline.io import KINDS, ReadOptions, read_inputs
    from dateline.structure import build_article
    from dateline.types import Failure, RawArticle

    if not data:
        return
    choices = (None, *KINDS)
    kind = choices[data[0] % len(choices)]
    options = ReadOptions(kind=kind, max_bytes=1 << 20)
    for item in read_inputs(["-"], options, stdin=io.BytesIO(data[1:])):
        if isinstance(item, Failure):
            assert item.code.startswith("E0") and item.message, item
            continue
        assert isinstance(item, RawArticle), item
        try:
            article = build_article(item)
        except DatelineError as exc:
            assert exc.code.startswith("E0"), exc
            continue
        for para in article.paragraphs:
            assert 0 <= para.start <= para.end <= len(article.text), para


def _seeds() -> list[bytes]:
    seeds = []
    for path in sorted(SEEDS.rglob("*")):
        if path.is_file() and path.stat().st_size < 200_000:
            seeds.extend(bytes([k]) + path.read_bytes() for k in range(6))
    return seeds


def _save(data: bytes) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"crash-{int(time.time())}.bin"
    path.write_bytes(data)
    return path


def run_atheris(seconds: int) -> int:
    import atheris

    with atheris.instrument_imports(include=["dateline"]):
        import dateline.io
        import dateline.structure  # noqa: F401

    corpus = OUT / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for i, seed in enumerate(_seeds()):
        (corpus / f"seed-{i}").write_bytes(seed)
    args = [
        sys.argv[0],
        f"-max_total_time={seconds}",
        "-max_len=65536",
        "-rss_limit_mb=4096",
        "-timeout=60",
        f"-artifact_prefix={OUT}/",
        "-print_final_stats=1",
        str(corpus),
    ]
    atheris.Setup(args, one_input)
    atheris.Fuzz()  # exits the process: 0 when the time ran out without a crash
    return 0


def run_hypothesis(seconds: int) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    deadline = time.monotonic() + seconds
    runs = [0]
    seeds = _seeds()

    @settings(
        max_examples=10**9,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.one_of(st.binary(max_size=4096), st.sampled_from(seeds)))
    def target(data: bytes) -> None:
        if time.monotonic() > deadline:
            raise _TimeUp
        runs[0] += 1
        try:
            one_input(data)
        except Exception:
            print(f"crash on {_save(data)}", file=sys.stderr)
            raise

    with contextlib.suppress(_TimeUp):
        target()
    print(f"hypothesis fuzz: {runs[0]} inputs in {seconds} s, no crash")
    return 0


class _TimeUp(Exception):
    """Raised inside the Hypothesis test when the time is up (it stops the run)."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="how long to fuzz")
    parser.add_argument("--hypothesis", action="store_true", help="use Hypothesis, not atheris")
    args = parser.parse_args()
    if not args.hypothesis:
        try:
            import atheris  # noqa: F401
        except ImportError:
            print("atheris is not installed: fuzzing with Hypothesis instead", file=sys.stderr)
        else:
            return run_atheris(args.seconds)
    return run_hypothesis(args.seconds)


if __name__ == "__main__":
    sys.exit(main())
