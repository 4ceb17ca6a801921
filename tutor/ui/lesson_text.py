"""Step text as the learner's practice mode wants it.

"스스로 해 보기" (settings.SELF) hides the commands a step spells out, so the graded hints
(nudge → flag → full command) are what leads to the command:

- a fenced block whose info string starts with a shell language (`bash`, `sh`, `shell`,
  `console`, `zsh`) is replaced by one line pointing to `h`/`s`; a lesson author keeps a block
  visible in both modes by adding `keep` to its info string (```` ```bash keep ````), and output
  blocks (`text`, no info) always stay;
- an inline code span that is exactly one of the step's solution commands (placeholders filled,
  spaces normalised, a leading `$ ` ignored) is replaced by "(명령은 숨겨 두었어요)".

Everything else (what to achieve, the option bullets) stays: that is the task description.
"""

from __future__ import annotations

import re

SHELL_LANGS = frozenset({"bash", "sh", "shell", "console", "zsh"})
HIDDEN_BLOCK = "> 명령은 직접 만들어 보세요. 막히면 `h`로 힌트를, `s`로 정답을 볼 수 있어요."
HIDDEN_INLINE = "(명령은 숨겨 두었어요)"
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*(.*)$")
_INLINE = re.compile(r"`([^`\n]+)`")


def _norm_command(text: str) -> str:
    text = text.strip()
    if text.startswith("$ "):
        text = text[2:]
    return " ".join(text.split())


def hide_commands(markdown: str, solution_lines=()) -> str:
    """The step body for "스스로 해 보기": shell blocks and full solution commands hidden."""
    solutions = {_norm_command(s) for s in solution_lines if s.strip()}
    out: list[str] = []
    fence: str | None = None  # the open fence's marker while inside a block
    hiding = False
    for line in markdown.splitlines():
        m = _FENCE.match(line)
        if fence is None and m:
            marker, info = m.group(2), m.group(3).split()
            fence = marker
            hiding = bool(info) and info[0].lower() in SHELL_LANGS and "keep" not in info[1:]
            if hiding:
                out.append(HIDDEN_BLOCK)
            else:
                out.append(line)
            continue
        if fence is not None:
            if m and m.group(2).startswith(fence[0]) and len(m.group(2)) >= len(fence) and not m.group(3):
                fence = None
                if not hiding:
                    out.append(line)
                hiding = False
                continue
            if not hiding:
                out.append(line)
            continue
        if solutions:
            line = _INLINE.sub(lambda mm: HIDDEN_INLINE if _norm_command(mm.group(1)) in solutions else mm.group(0),
                               line)
        out.append(line)
    return "\n".join(out) + ("\n" if markdown.endswith("\n") else "")
