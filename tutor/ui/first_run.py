"""The first-run screen: what the tutor does, where commands go, a second terminal, the mode.

Inside tmux (`TMUX` is set) the tutor offers to open the second terminal itself, as a pane to
the right (`tmux split-window -h`); elsewhere it says how to split on the usual terminals.
Shown once (preferences: welcomed); the practice mode can be changed later with `m`.
"""

from __future__ import annotations

import os
import shutil
import subprocess

from rich.console import Group
from rich.padding import Padding
from rich.text import Text

from tutor.ui import preferences as prefs
from tutor.ui.prompts import Option

WELCOME = (
    "도커 튜터는 짧은 한국어 설명을 보여 주고, 여러분이 입력한 진짜 docker 명령의 결과를 "
    "Docker 데몬에서 직접 읽어서 맞았는지, 무엇을 고치면 되는지 알려 줘요."
)
WHERE = (
    "docker 명령은 이 화면이 아니라 옆에 연 두 번째 터미널에 입력해요. 이 화면은 그대로 두면 "
    "명령이 끝나자마자 스스로 확인해서 초록색으로 바뀌어요."
)
HOW_TO_SPLIT = (
    ("Windows Terminal", "Alt+Shift+D (또는 Alt+Shift+= / Alt+Shift+-)로 창을 나눠요."),
    ("macOS 터미널", "⌘T로 새 탭을, ⌘N으로 새 창을 열어요. iTerm2는 ⌘D로 나눠요."),
    ("VS Code", "터미널 패널에서 Ctrl+Shift+5 (macOS는 ⌘\\)로 터미널을 나눠요."),
    ("tmux", "Ctrl-b %로 옆에 새 창(pane)을 열어요."),
)


def in_tmux(env=None) -> bool:
    return bool((env if env is not None else os.environ).get("TMUX"))


def welcome_renderable(env=None):
    from rich.table import Table

    parts: list = [Text("도커 튜터에 오신 걸 환영해요!", style="tutor.title"), Text(WELCOME), Text(""),
                   Text(WHERE, style="tutor.hint"), Text("")]
    if not in_tmux(env):
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="tutor.title")
        grid.add_column(overflow="fold")
        for where, how in HOW_TO_SPLIT:
            grid.add_row(where, Text(how))
        parts += [Text("두 번째 터미널 여는 법:"), Padding(grid, (0, 0, 0, 2))]
    return Group(*parts)


def split_tmux_pane(run=subprocess.run) -> bool:
    """Open a shell pane to the right of the tutor (tmux only). True when tmux said yes."""
    tmux = shutil.which("tmux")
    if not tmux:
        return False
    try:
        done = run([tmux, "split-window", "-h", "-d"], capture_output=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return False
    return getattr(done, "returncode", 1) == 0


def pick_mode(prompter, console, current: str | None = None):
    # The explanations are printed (they wrap); the options stay short (a prompt line cannot wrap).
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))  # a hanging indent: wrapped lines stay under the text
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for m in prefs.MODES:
        grid.add_row(Text("•"), Text(f"{prefs.MODE_LABEL[m]}: ", style="tutor.title") + Text(prefs.MODE_HELP[m]))
    console.print(grid)
    options = [Option(prefs.MODE_LABEL[m], m) for m in prefs.MODES]
    return prompter.select("어떤 방식으로 연습할까요? (나중에 m으로 바꿀 수 있어요)", options,
                           default=current or prefs.FOLLOW)


def first_run(console, prompter, *, env=None, run=subprocess.run):
    """Show the welcome once; returns the preferences, or None when the learner pressed Ctrl-C."""
    settings = prefs.load()
    if settings.welcomed and settings.mode:
        return settings
    console.print(welcome_renderable(env))
    if in_tmux(env):
        console.print(Text("지금 tmux 안에서 실행 중이라, 튜터가 이 창의 오른쪽에 두 번째 터미널(pane)을 열 수 있어요.",
                           style="tutor.hint"))
        yes = prompter.confirm("오른쪽에 터미널을 열어 드릴까요?", default=True)
        if yes is None:
            return None
        if yes:
            ok = split_tmux_pane(run)
            console.print(Text("오른쪽에 새 터미널을 열었어요. docker 명령은 거기에 입력해요." if ok
                               else "창을 나누지 못했어요. Ctrl-b %로 직접 나눠 보세요.",
                               style="tutor.ok" if ok else "tutor.warn"))
    mode = pick_mode(prompter, console, settings.mode)
    if mode is None:
        return None
    return prefs.update(mode=mode, welcomed=True)
