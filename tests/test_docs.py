"""Guards on the docs: settings documented, commands helped, README and CI in step."""

from __future__ import annotations

import re

import typer
from pydantic import AliasChoices
from pydantic.fields import FieldInfo

from bot.cli import app
from bot.config import Settings

from .conftest import ROOT


def _variable(name: str, field: FieldInfo) -> str:
    alias = field.validation_alias
    if isinstance(alias, AliasChoices):
        return str(alias.choices[0])
    return f"ATTACHE_{name.upper()}"


def test_every_setting_is_in_env_example() -> None:
    documented = set(
        re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M)
    )
    expected = {_variable(name, field) for name, field in Settings.model_fields.items()}

    assert expected <= documented


def test_every_command_and_option_has_help() -> None:
    command = typer.main.get_command(app)
    for name, sub in command.commands.items():  # type: ignore[attr-defined]
        assert sub.help, name
        for param in sub.params:
            assert getattr(param, "help", None), f"{name} {param.name}"


def test_the_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    commands = re.findall(r"```bash\n(python3\.11 -m venv[^\n]+)\n```", readme)

    assert 2 == len(commands)
    assert "attache run" in commands[0]
    assert commands[1] in ci.splitlines()
