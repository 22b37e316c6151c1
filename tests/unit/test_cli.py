"""The command line refuses bad input with a named key and a non-zero exit, before any call."""

from __future__ import annotations

from typer.testing import CliRunner

from agent.app.cli import app

runner = CliRunner()


def test_config_check_names_the_bad_key(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[limits]\nring_timeout_s = "soon"\n')
    result = runner.invoke(app, ["config", "check", "--config", str(path)])
    assert result.exit_code == 2
    assert "limits.ring_timeout_s: expected a number" in result.output


def test_config_check_masks_the_password(tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    path.write_text('[trunk]\nregistrar = "sip:127.0.0.1:5060"\nusername = "alex"\n')
    monkeypatch.setenv("TASKCALL_TRUNK_PASSWORD", "hunter2")
    result = runner.invoke(app, ["config", "check", "--config", str(path)])
    assert result.exit_code == 0 and "config ok" in result.output
    assert "hunter2" not in result.output and "trunk.password = (set)" in result.output


def test_dial_refuses_bad_number_and_task_file(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(f'[storage]\ndir = "{tmp_path / "data"}"\n')
    result = runner.invoke(app, ["dial", "555-0100", "--task", "Book", "--config", str(config)])
    assert result.exit_code == 2 and "number-invalid" in result.output
    task = tmp_path / "task.toml"
    task.write_text('goal = "Book"\nwhen = "now"\n')
    result = runner.invoke(app, ["dial", "sip:x@127.0.0.1:5070", "--task-file", str(task), "--config", str(config)])
    assert result.exit_code == 2 and "unknown key 'when'" in result.output
    result = runner.invoke(app, ["dial", "+15550100", "--task", "Book", "--config", str(config)])
    assert result.exit_code == 2 and "needs a [trunk]" in result.output
    assert not (tmp_path / "data").exists()  # nothing written for refused input
