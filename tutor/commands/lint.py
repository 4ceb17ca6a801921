"""`docker-tutor lint [PATH...]`: validate lesson files; exit 2 with `file:line: message` lines.

With no PATH: the whole course (or the global `--file`). Folders mean their `*.md` files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text

from tutor.exitcodes import ExitCode


@dataclass(frozen=True)
class LintResult:
    files: tuple[str, ...]
    lessons: int
    steps: int
    errors: tuple[Any, ...]  # tutor.lessonfile.lint.LintIssue

    def render(self, console) -> None:
        render_text(self, console)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def exit_code(self) -> int:
        return ExitCode.OK if self.ok else ExitCode.BAD_INPUT

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "files": list(self.files),
            "lessons": self.lessons,
            "steps": self.steps,
            "errors": [
                {"path": e.path, "line": e.line, "message": e.message, "text": str(e)} for e in self.errors
            ],
        }


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="검사할 레슨 파일이나 폴더 (없으면 코스 전체)")
    parser.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")


def run(args) -> LintResult:
    from tutor.lessonfile.lint import lint_paths

    paths = list(getattr(args, "paths", None) or [])
    if not paths and getattr(args, "file", None):
        paths = [args.file]
    report = lint_paths(paths)
    return LintResult(report.files, len(report.lessons), report.step_count, report.issues)


def render_text(result, console) -> None:
    for issue in result.errors:
        console.print(Text(str(issue)), soft_wrap=True)
    if not result.files:
        console.print(Text("검사할 레슨 파일이 없어요."), style="tutor.warn")
        return
    if result.ok:
        console.print(
            Text(f"레슨 파일 {len(result.files)}개(단계 {result.steps}개)를 검사했어요. 문제가 없어요."),
            style="tutor.ok",
        )
    else:
        console.print(
            Text(f"레슨 파일 {len(result.files)}개에서 문제 {len(result.errors)}개를 찾았어요. "
                 "위의 파일:줄 위치를 고쳐 주세요."),
            style="tutor.fail",
        )
