"""`docrelay up | translate | languages | demo`."""

import shutil
import signal
import sys
import tempfile
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from docrelay_cli.client import ClientError, GatewayClient
from docrelay_cli.processes import ManagedProcess
from docrelay_cli.readiness import NotReady, free_port
from docrelay_cli.stack import FLOWER_PORT, Stack, StackConfig
from docrelay_cli.supervision import RESTART_WINDOW_SECONDS, RESTARTS_ALLOWED, keep_running, reviving
from docrelay_common.constants import OcrMode, OutputMode, Tone
from docrelay_common.logs import configure_logging
from docrelay_common.settings import CommonSettings

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="docrelay: translate PDFs, keep their layout."
)
console = Console(stderr=True)

REPO_SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "sample-en.pdf"


def _default_output(source: Path, target_lang: str) -> Path:
    return source.with_name(f"{source.stem}.{target_lang}.pdf")


def translate_file(
    client: GatewayClient, source: Path, output: Path, fields: dict[str, str]
) -> dict[str, Any]:
    """Submit, follow with a progress bar, download; ClientError when the job does not succeed."""
    job = client.submit(source, fields)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        bar = progress.add_task("queued", total=100)

        def show(update: dict[str, Any]) -> None:
            progress.update(
                bar, completed=update["progress"], description=update["stage"] or update["status"]
            )

        job = client.wait(job["id"], show)
    if job["status"] != "succeeded":
        error = job.get("error") or {
            "code": job["status"],
            "message": "the job did not finish",
            "stage": None,
        }
        raise ClientError(error["code"], error["message"], error.get("stage"))
    client.download(job["id"], output)
    return job


@app.command()
def translate(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="PDF to translate")],
    to: Annotated[str, typer.Option("--to", help="target language, e.g. es")],
    source: Annotated[
        str | None, typer.Option("--from", help="source language; detected when absent")
    ] = None,
    tone: Annotated[Tone, typer.Option(help="register of the translation")] = Tone.NEUTRAL,
    engine: Annotated[
        str | None, typer.Option(help="translation engine; the server picks when absent")
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="where to write the result")] = None,
    layout: Annotated[
        OutputMode, typer.Option(help="translation only, or beside the original pages")
    ] = OutputMode.TRANSLATED,
    password: Annotated[
        str | None, typer.Option(envvar="DOCRELAY_PDF_PASSWORD", help="password of a protected PDF")
    ] = None,
    ocr: Annotated[
        OcrMode, typer.Option(help="read scanned pages with OCR: pages without text, never, every page")
    ] = OcrMode.AUTO,
    server: Annotated[
        str, typer.Option(envvar="DOCRELAY_SERVER", help="gateway URL")
    ] = "http://127.0.0.1:8000",
) -> None:
    """Translate FILE through a running gateway and save the translated PDF."""
    fields = {"target_lang": to, "tone": tone.value, "output": layout.value, "ocr": ocr.value}
    optional = (("source_lang", source), ("engine", engine), ("password", password))
    fields.update({key: value for key, value in optional if value})
    destination = output or _default_output(file, to)
    try:
        job = translate_file(GatewayClient(server), file, destination, fields)
    except ClientError as exc:
        _failed("translation failed", exc)
        raise typer.Exit(1) from None
    except (OSError, httpx.TransportError) as exc:
        _failed(f"cannot reach the gateway at {server}", exc)
        raise typer.Exit(2) from None
    console.print(f"{job['source_lang']} -> {job['target_lang']} ({job['engine']}): wrote {destination}")


@app.command()
def languages(
    source: Annotated[str | None, typer.Option("--from", help="only pairs from this language")] = None,
    server: Annotated[
        str, typer.Option(envvar="DOCRELAY_SERVER", help="gateway URL")
    ] = "http://127.0.0.1:8000",
) -> None:
    """List every source -> target the running translators can do, with engine and hops."""
    try:
        found = GatewayClient(server).languages()
    except ClientError as exc:
        _failed("cannot list the languages", exc)
        raise typer.Exit(1) from None
    except (OSError, httpx.TransportError) as exc:
        _failed(f"cannot reach the gateway at {server}", exc)
        raise typer.Exit(2) from None
    routes = [route for route in found["routes"] if source in (None, route["source"])]
    table = Table("from", "to", "hops", "engine path")
    for route in routes:
        table.add_row(route["source"], route["target"], str(route["hops"]), " > ".join(route["engine_path"]))
    Console().print(table)
    console.print(
        f"{len(routes)} of {found['count']} pairs; detection knows: {', '.join(found['detectable'])}"
    )


def _stack_config(
    data_dir: Path | None,
    port: int,
    redis_url: str | None,
    concurrency: int | None = None,
    replicas: int = 1,
    flower_port: int | None = None,
    gateway_workers: int = 0,
) -> StackConfig:
    return StackConfig(
        data_dir=data_dir or CommonSettings().data_dir,
        port=port,
        redis_url=redis_url,
        concurrency=concurrency,
        replicas=replicas,
        flower_port=flower_port,
        gateway_workers=gateway_workers,
    )


@app.command()
def up(
    port: Annotated[int, typer.Option(envvar="DOCRELAY_PORT", help="gateway port")] = 8000,
    redis_url: Annotated[str | None, typer.Option(help="use this Redis instead of starting one")] = None,
    data_dir: Annotated[Path | None, typer.Option(help="jobs database, artifacts, logs")] = None,
    concurrency: Annotated[
        int | None,
        typer.Option(min=1, help="task processes per stage worker; default: autoscaled, 1 to one per core"),
    ] = None,
    replicas: Annotated[
        int, typer.Option(min=1, help="workers per stage; they share large jobs page range by page range")
    ] = 1,
    gateway_workers: Annotated[
        int, typer.Option(min=0, help="gateway processes sharing its port; 0: one per core")
    ] = 0,
    flower: Annotated[
        bool,
        typer.Option(
            "--flower", help=f"also run Flower on port {FLOWER_PORT}, password from FLOWER_BASIC_AUTH"
        ),
    ] = False,
) -> None:
    """Start the whole stack as local processes until Ctrl-C."""
    configure_logging("WARNING")
    flower_port = FLOWER_PORT if flower else None
    config = _stack_config(data_dir, port, redis_url, concurrency, replicas, flower_port, gateway_workers)
    stack = Stack(config)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    # Ctrl-C stops the stack even when `up` was started with SIGINT ignored (a shell's background job
    # inherits that, and Python then installs no KeyboardInterrupt of its own).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        stack.start(revive=reviving(stack, _restarting))
        console.print(
            f"docrelay is up: {stack.gateway_url} (logs in {stack.config.log_dir}); Ctrl-C stops it"
        )
        if flower:
            console.print(f"Flower: {stack.flower_url}")
        looping = keep_running(stack, _restarting)
        console.print(
            f"[red]{looping.name} exited {RESTARTS_ALLOWED + 1} times within {RESTART_WINDOW_SECONDS:.0f} s"
            f"[/red]; stopping. Last lines:\n{escape(looping.log_tail())}"
        )
        raise typer.Exit(1)
    except NotReady as exc:
        _failed("could not start docrelay", exc)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        console.print("stopping...")
    finally:
        _report_stop(stack)


def _failed(what: str, detail: object) -> None:
    """Say in red what failed, then why: the why as written, since it may quote a log's "[config]"."""
    console.print(f"[red]{what}[/red]: {escape(str(detail))}")


def _restarting(process: ManagedProcess) -> None:
    console.print(
        f"[yellow]{process.name} exited (code {process.exit_code()})[/yellow]; starting it again. "
        f"Last lines:\n{escape(process.log_tail())}"
    )


def _report_stop(stack: Stack) -> None:
    stopped = stack.stop()
    console.print(f"stopped in {stopped.seconds:.0f} s")
    if stopped.waiting:
        resume = "they resume on the next `docrelay up`"
        console.print(f"{stopped.waiting} unfinished task(s) went back to the queue; {resume}")


@app.command()
def demo(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)] = REPO_SAMPLE,
    to: Annotated[str, typer.Option("--to")] = "es",
    tone: Annotated[Tone, typer.Option()] = Tone.NEUTRAL,
    ocr: Annotated[OcrMode, typer.Option(help="read scanned pages with OCR")] = OcrMode.AUTO,
    data_dir: Annotated[
        Path | None, typer.Option(help="kept afterwards; default: a fresh temporary one")
    ] = None,
) -> None:
    """Start the stack, translate one PDF (the bundled sample by default) next to itself, stop."""
    configure_logging("WARNING")
    # A fresh directory by default, so the demo never trips over state an older version left behind.
    scratch = None if data_dir else Path(tempfile.mkdtemp(prefix="docrelay-demo-"))
    stack = Stack(_stack_config(data_dir or scratch, free_port(), None))
    destination = _default_output(file, to)
    try:
        console.print("starting redis, status, the stage and maintenance workers, gateway...")
        stack.start()
        fields = {"target_lang": to, "tone": tone.value, "ocr": ocr.value}
        job = translate_file(GatewayClient(stack.gateway_url), file, destination, fields)
        console.print(
            f"{file.name}: {job['pages']} page(s), {job['source_lang']} -> {to} with {job['engine']}"
        )
        print(destination)
    except (NotReady, ClientError) as exc:
        _failed("demo failed", f"{exc} (logs in {stack.config.log_dir})")
        raise typer.Exit(1) from None
    finally:
        stack.stop()
    if scratch is not None:
        shutil.rmtree(scratch, ignore_errors=True)
