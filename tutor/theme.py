"""Semantic style names (as in rich's theme): views say `tutor.ok`, never a colour."""

from rich.theme import Theme

THEME = Theme(
    {
        "tutor.ok": "bold green",
        "tutor.fail": "bold red",
        "tutor.warn": "yellow",
        "tutor.hint": "cyan",
        "tutor.cmd": "bold magenta",
        "tutor.dim": "dim",
        "tutor.title": "bold",
        "tutor.expected": "green",
        "tutor.found": "red",
        "tutor.created": "blue",
        "tutor.running": "green",
        "tutor.paused": "yellow",
        "tutor.exited": "red",
    }
)
