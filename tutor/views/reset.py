"""Text view of `docker-tutor reset`, and its confirmation prompt (plain y/N on a terminal)."""

from __future__ import annotations

from rich.text import Text

KIND_KO = {"container": "컨테이너", "network": "네트워크", "image": "이미지", "tag": "이미지 태그"}


def _line(item, mark: str = "•") -> Text:
    text = Text(f"  {mark} {KIND_KO.get(item.kind, item.kind)} ")
    text.append(Text(item.name, style="tutor.title"))
    if item.step:
        text.append(Text(f"  ({item.step})", style="tutor.dim"))
    if item.learner_made:
        text.append(Text("  ← 직접 만든 것 (레슨이 이름으로 쓰는 자원)", style="tutor.warn"))
    return text


def print_plan(plan, console) -> None:
    console.print(Text("정리할 자원이에요:", style="tutor.title"))
    for item in plan.items:
        console.print(_line(item))


def _yes(prompt: str) -> bool:
    try:
        return input(prompt).strip().lower() in ("y", "yes", "예", "네", "ㅇ")
    except EOFError:
        return False


def _typed(prompt: str) -> str:
    try:
        return input(prompt).strip()
    except EOFError:
        return ""


def ask(plan):
    """None: keep everything; else the names of the learner's items confirmed one by one
    (typing the item's own name; Enter keeps it)."""
    from tutor.render import make_console

    console = make_console()
    print_plan(plan, console)
    if plan.tutor_items and not _yes(f"튜터가 만든 자원 {len(plan.tutor_items)}개를 지울까요? [y/N] "):
        return None
    confirmed = []
    for item in plan.learner_items:
        kind = KIND_KO.get(item.kind, item.kind)
        console.print(Text(f"'{item.name}' {kind}는 직접 만든 것이에요. 지우려면 이름을 그대로 입력하고, "
                           "그대로 두려면 Enter를 눌러요.", style="tutor.warn"))
        if _typed(f"지울 {kind} 이름: ") == item.name:
            confirmed.append(item.name)
    return confirmed


def render(result, console) -> None:
    if result.reason == "empty":
        console.print(Text("정리할 것이 없어요. 튜터가 만든 자원이 남아 있지 않아요.", style="tutor.ok"))
        return
    if result.reason == "no_tty":
        print_plan(result, console)
        console.print(Text("확인을 물어볼 터미널이 없어서 목록만 보여 줬어요. 튜터가 만든 것을 지우려면 `--yes`를, "
                           "직접 만든 것도 지우려면 `--include-mine 이름`을 붙여 다시 실행해 주세요.", style="tutor.warn"))
        return
    if result.reason == "declined":
        console.print(Text("아무것도 지우지 않았어요.", style="tutor.dim"))
        return
    for item in result.removed:
        console.print(_line(item, "✓"))
    for item in result.kept:
        console.print(_line(item, "−"))
    for item, why in result.failed:
        line = _line(item, "✗")
        line.append(Text(f"  {why}", style="tutor.fail"))
        console.print(line)
    summary = f"{len(result.removed)}개를 지웠어요."
    if result.kept:
        summary += (f" 직접 만든 {len(result.kept)}개는 그대로 뒀어요 (지우려면 `--include-mine "
                    f"{' '.join(i.name for i in result.kept)}`).")
    console.print(Text(summary, style="tutor.ok" if not result.failed else "tutor.warn"))
