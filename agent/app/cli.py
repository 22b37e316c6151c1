"""The `taskcall` command line."""

from __future__ import annotations

import contextlib
import faulthandler
import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from agent.app.config import describe, load_config
from agent.app.numbers import parse_destination
from agent.conversation.task import load_task_file, merge_task
from agent.errors import TaskcallError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="A local agent that makes phone calls for you.")
config_app = typer.Typer(no_args_is_help=True, help="Inspect the configuration.")
app.add_typer(config_app, name="config")

ConfigOption = Annotated[
    Path | None, typer.Option("--config", "-c", help="Config TOML (default: ~/.config/taskcall/config.toml).")
]
EXIT_OK, EXIT_NOT_ACHIEVED, EXIT_BAD_INPUT, EXIT_TRUNK, EXIT_INTERNAL = 0, 1, 2, 3, 4
_TRUNK_OUTCOMES = {"trunk-unreachable", "trunk-auth-failed", "failed"}


def _fail(exc: TaskcallError, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(code)


@app.command()
def dial(
    number: Annotated[str, typer.Argument(
        help="E.164 number (+15550100, or tel:+15550100) or SIP URI (sip:user@host:port).")],
    task: Annotated[str | None, typer.Option("--task", "-t", help="What the call should achieve.")] = None,
    fact: Annotated[list[str] | None, typer.Option("--fact", "-f", help="An authorized fact, key=value.")] = None,
    task_file: Annotated[Path | None, typer.Option("--task-file", help="Task TOML (goal, party, facts).")] = None,
    party: Annotated[str | None, typer.Option("--party", help="Who you are calling, e.g. \"Luigi's\".")] = None,
    on_machine: Annotated[
        str | None,
        typer.Option("--on-machine", help="When a machine answers: leave-message (default) or hang-up."),
    ] = None,
    config: ConfigOption = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Place a call, talk it through, and report the outcome."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # A crash inside PJSIP's C code (SIGSEGV, SIGABRT) prints every thread's Python stack before the process dies:
    # the only trace such a crash leaves, and the next start completes the call's records (agent.app.interrupted).
    with contextlib.suppress(OSError, ValueError, AttributeError):  # stderr without a file descriptor (tests)
        faulthandler.enable(all_threads=True)
    try:
        cfg = load_config(config)
        destination = parse_destination(number)
        file_data = load_task_file(task_file) if task_file else None
        if party:
            file_data = {**(file_data or {}), "party": party}
        the_task = merge_task(file_data, task, fact or [], on_machine=on_machine)
        from agent.call.place import call_settings

        call_settings(cfg, the_task, destination)  # refuses a number without a trunk before anything starts
    except TaskcallError as exc:
        raise _fail(exc) from None

    from agent.call.place import SUCCESS_OUTCOMES, place_call

    typer.echo(f"Calling {the_task.party or destination.text} ({destination.text}): {the_task.goal}")
    _print_disclosure(the_task)
    try:
        placed = place_call(cfg, the_task, destination, on_line=_print_line, on_status=_print_status)
    except TaskcallError as exc:
        raise _fail(exc, EXIT_TRUNK if exc.code.startswith("sip") else EXIT_BAD_INPUT) from None
    result = placed.result
    if json_out:
        typer.echo(json.dumps({"outcome": result.outcome, "reason": result.reason, "details": result.details,
                               "folder": str(placed.folder)}))
    else:
        _print_summary(placed)
    if result.outcome in SUCCESS_OUTCOMES:
        raise typer.Exit(EXIT_OK)
    if result.outcome in _TRUNK_OUTCOMES:
        typer.echo(f"error: [{result.outcome}] {result.reason}", err=True)
        raise typer.Exit(EXIT_TRUNK)
    if result.outcome.startswith("internal-error"):
        typer.echo(f"error: [{result.outcome}] {result.reason}", err=True)
        raise typer.Exit(EXIT_INTERNAL)
    raise typer.Exit(EXIT_NOT_ACHIEVED)


def _print_disclosure(task: Any) -> None:
    """Which facts may be said on the call, and at which level (secrets put in `share` are the owner's choice)."""
    if task.facts:
        shared = task.shared_facts()
        never = [k for k, f in task.facts.items() if f.level == "never"]
        typer.echo("  facts it may share: " + (", ".join(shared) or "none")
                   + (f"; never said: {', '.join(never)}" if never else ""))


@app.command()
def rehearse(
    task_file: Annotated[Path | None, typer.Option("--task-file", help="Task TOML (goal, party, facts...).")] = None,
    task: Annotated[str | None, typer.Option("--task", "-t", help="What the call should achieve.")] = None,
    fact: Annotated[list[str] | None, typer.Option("--fact", "-f", help="An authorized fact, key=value.")] = None,
    config: ConfigOption = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per turn, then the outcome.")] = False,
) -> None:
    """Try a task without dialling: each stdin line is what the business says ('principal: ...' is your reply)."""
    from agent.conversation.dialogue import RulesDialogue

    try:
        cfg = load_config(config)
        file_data = load_task_file(task_file) if task_file else None
        the_task = merge_task(file_data, task, fact or [])
    except TaskcallError as exc:
        raise _fail(exc) from None
    dialogue = RulesDialogue(the_task, cfg.principal.name)
    outcome = ""
    details: dict[str, str] = {}
    if not jsonl:
        typer.echo(f"Rehearsing: {the_task.goal}  (type what the business says; 'principal: ...' answers as you)")
        _print_disclosure(the_task)
    for raw in sys.stdin:
        line = raw.strip()
        if not line:
            continue
        kind, _, text = line.partition(":") if line.lower().startswith("principal:") else ("heard", "", line)
        kind = "principal" if kind.lower() == "principal" else "heard"
        action = dialogue.respond(kind, text.strip() if kind == "principal" else line)
        if action.retract:  # they corrected the read-back: the success set with it does not stand
            outcome, details = "", {}
        outcome = action.outcome or outcome
        details = dict(action.details) or details
        turn = {"say": action.say, "keys": action.keys, "ask_principal": action.ask_principal,
                "hang_up": action.hang_up, "hold": action.hold, "outcome": action.outcome}
        if jsonl:
            typer.echo(json.dumps(turn))
        else:
            _print_turn(turn)
        sys.stdout.flush()
        if action.hang_up:
            break
    final = {"outcome": outcome or "not-finished", "details": details}
    typer.echo(json.dumps(final) if jsonl else f"Outcome: {final['outcome']} {details or ''}")


def _print_turn(turn: dict[str, Any]) -> None:
    if turn["say"]:
        typer.echo(f"  Agent: {turn['say']}")
    if turn["keys"]:
        typer.echo(f"  Agent keys: {turn['keys']}")
    if turn["ask_principal"]:
        typer.echo(f"  >>> asks you: {turn['ask_principal']}")
    if turn["hold"]:
        typer.echo("  (waits on the line)")
    if turn["hang_up"]:
        typer.echo(f"  (hangs up: {turn['outcome'] or 'ended'})")


def _print_status(status: dict[str, Any]) -> None:
    if status["status"] == "recovered":
        typer.echo(f"  (an earlier call, {status['call_id']}, was interrupted: {status['reason']}; "
                   "its records are completed)")
    else:
        typer.echo(f"  (models loaded in {status['seconds']} s)")


def _print_line(line: dict[str, Any]) -> None:
    speaker = line["speaker"]
    stamp = f"[{line['t']:6.1f}s]"
    if speaker == "system":
        typer.echo(f"{stamp} -- {line['text']}")
    else:
        label = {"them": "Them", "agent": "Agent", "principal": "You"}.get(speaker, speaker)
        typer.echo(f"{stamp} {label}: {line['text']}")
    sys.stdout.flush()


_READ_BACK_SHOWN = {"confirmed": "confirmed by them",
                    "not corrected": "not corrected (they did not say yes either)",
                    "not answered": "not answered (the call ended before they said yes)",
                    "code not confirmed": "code not confirmed (they said no to it twice, and we heard the same code "
                                          "each time: none is kept)"}


def _print_summary(placed: Any) -> None:
    r = placed.result
    typer.echo("")
    typer.echo(f"Outcome:  {r.outcome} ({r.reason})")
    shown = {k: v for k, v in r.details.items() if k not in ("confirmation", "read_back")}
    if shown:
        typer.echo("Agreed:   " + ", ".join(f"{k} = {v}" for k, v in shown.items()))
    if "confirmation" in r.details:
        typer.echo(f"They said: {r.details['confirmation']}")
    if "read_back" in r.details:  # whether they said yes to our read-back of the agreement
        typer.echo(f"Read back: {_READ_BACK_SHOWN.get(r.details['read_back'], r.details['read_back'])}")
    typer.echo(f"Duration: {r.duration_s:.1f} s (talking {r.talk_s:.1f} s)")
    files = ["transcript.jsonl", "call.json"]
    if (placed.folder / "recording.wav").exists():
        files.append("recording.wav")
    typer.echo(f"Saved:    {placed.folder}/ ({', '.join(files)})")
    for note in r.records_incomplete:  # e.g. a full disk: the call went on, its records could not all be kept
        typer.echo(f"warning: records incomplete: {note}", err=True)


@app.command()
def analyze(
    recording: Annotated[Path, typer.Argument(help="A wav recording (8 kHz mono, or converted with a note).")],
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per line: labels, digits, events.")] = False,
    transcribe: Annotated[
        bool, typer.Option("--transcribe", help="Also run Whisper on speech, as a call does (wording cues).")
    ] = False,
) -> None:
    """Show what the agent hears in a recording: music, speech, tones, DTMF, pick-up, answering machine."""
    from agent.line.analyze import analyze_pcm, analyze_pcm_heard, describe_record, load_recording

    try:
        pcm, notes = load_recording(recording)
    except TaskcallError as exc:
        raise _fail(exc) from None
    for note in notes:
        typer.echo(f"note: {note}", err=True)
    for record in analyze_pcm_heard(pcm) if transcribe else analyze_pcm(pcm):
        typer.echo(json.dumps(record) if jsonl else describe_record(record))


@app.command()
def calls(
    config: ConfigOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many calls to list.")] = 20,
) -> None:
    """List recent calls, newest first (an interrupted call's records are completed first)."""
    try:
        cfg = load_config(config)
    except TaskcallError as exc:
        raise _fail(exc) from None
    from agent.call.place import list_calls

    recovered, rows = list_calls(cfg, limit)
    for summary in recovered:
        typer.echo(f"recovered {summary['call_id']}: {summary['reason']}")
    if not rows:
        typer.echo("no calls yet")
    for call_id, started_at, destination, outcome, duration_s in rows:
        length = f"{duration_s:.0f} s" if duration_s is not None else "-"
        typer.echo(f"{call_id}  {started_at[:19]}  {destination}  {outcome or '(in progress)'}  {length}")


@config_app.command("check")
def config_check(config: ConfigOption = None) -> None:
    """Validate the config and show what it says (secrets masked)."""
    try:
        cfg = load_config(config)
    except TaskcallError as exc:
        raise _fail(exc) from None
    for line in describe(cfg):
        typer.echo(line)
    if cfg.trunk is not None and not cfg.trunk.password:
        typer.echo("error: [config-invalid] trunk.password: not set; set TASKCALL_TRUNK_PASSWORD", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    typer.echo("config ok")


if __name__ == "__main__":
    app()
