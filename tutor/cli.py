"""Command line entry: Korean argparse, lazy imports, one place that maps results to exit codes.

Startup stays light: `--version` and `--help` import neither the docker SDK nor questionary nor
prompt_toolkit. Each subcommand's module is imported only when that subcommand runs.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from tutor import __version__, argparse_ko
from tutor.exitcodes import ExitCode

# subcommand -> (module under tutor.commands, Korean one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "list": ("list_cmd", "레슨과 단계 목록을 보여 줘요"),
    "check": ("check", "단계를 실제 데몬 상태로 확인해요"),
    "begin": ("begin", "단계를 시작해요: 시작 기록, 없는 시작 상태 만들기, 단계 보여 주기"),
    "prepare": ("prepare", "단계가 시작하는 상태를 만들어 줘요"),
    "leave": ("leave", "레슨이 남긴 컨테이너·포트·네트워크를 보여 주고, 이름을 적은 것만 지워요"),
    "reset": ("reset", "튜터가 만든 자원만 정리해요"),
    "lint": ("lint", "레슨 파일 형식을 검사해요"),
    "doctor": ("doctor", "Docker 연결과 연습 환경을 진단해요"),
    "lab": ("lab", "오프라인 연습 환경(이미지, 미러, 레지스트리)을 관리해요"),
    "selftest": ("selftest", "레슨마다 정답과 오답을 실제 데몬에서 자동으로 검증해요"),
    "watch": ("watch", "단계를 띄워 두고 데몬 이벤트마다 바로 다시 확인해요"),
    "status": ("status", "내 컨테이너와 네트워크를 라이프사이클 그림으로 보여 줘요"),
    "progress": ("progress", "학습 진행 상황을 보여 줘요"),
    "quiz": ("quiz", "자기 점검 퀴즈를 풀어요"),
    "grade": ("grade", "단계를 한꺼번에 채점해요 (text, json, junit, csv)"),
    "report": ("report", "학습 기록을 내보내거나 반 전체 표로 합쳐요"),
    "class": ("classroom", "실시간 수업: 강사 서버(serve), 학생 참여(join·leave·status)"),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (with `only`) one where only that subcommand declares its options.

    Every subcommand is still listed with its help line; importing all fourteen command modules
    to declare options they will not parse was most of `--version`'s start-up time.
    """
    argparse_ko.install()
    parser = argparse_ko.KoreanParser(
        prog="docker-tutor",
        # Raw description (no re-wrapping): lines broken by hand to fit 80 cells of Hangul.
        description="도커 튜터: 진짜 docker 명령을 입력하면, 실제 Docker 데몬의 상태를 읽고\n"
        "무엇이 맞고 무엇이 다른지 한국어로 알려 주는 Docker 학습 도구예요.",
        epilog="인자 없이 실행하면 레슨을 골라 차근차근 배울 수 있어요.\n"
        "종료 코드: 0 통과, 1 확인 실패, 2 잘못된 입력, 3 데몬 연결 실패, 4 튜터 오류",
    )
    parser.add_argument("--version", action="version", version=f"docker-tutor {__version__}",
                        help="버전을 보여 주고 끝내요")
    parser.add_argument("--file", metavar="EXERCISE.md", help="코스 대신 이 레슨(연습 문제) 파일을 써요")
    parser.add_argument("--no-color", action="store_true", help="색을 쓰지 않아요 (NO_COLOR 환경 변수와 같아요)")
    parser.add_argument("--debug", action="store_true", help="내부 오류의 traceback을 보여 줘요")
    sub = parser.add_subparsers(dest="command", metavar="명령", title="명령")
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if only is None or only == name:
            _module(module).add_arguments(p)
    return parser


def _command_in(argv: Sequence[str]) -> str:
    """The subcommand named on the command line ("" when none), skipping global options."""
    skip_next = False
    for arg in argv:
        if skip_next:
            skip_next = False
        elif arg == "--file":
            skip_next = True
        elif not arg.startswith("-"):
            return arg if arg in COMMANDS else ""
    return ""


def _module(name: str):
    # Command modules keep their own heavy imports inside functions, so importing them to
    # declare arguments stays cheap.
    return importlib.import_module(f"tutor.commands.{name}")


def main(argv: Sequence[str] | None = None) -> int:
    from tutor.textio import ensure_utf8

    ensure_utf8()  # cp949 (Korean Windows) or a C locale must not crash the first message
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(only=_command_in(argv))
    args = parser.parse_args(argv)
    from tutor import settings

    debug = args.debug or settings.current().debug
    if debug:
        _debug_logging()
    if args.no_color:
        os.environ["NO_COLOR"] = "1"
    from tutor.render import Renderer  # rich is imported only past --help/--version

    renderer = Renderer(json_mode=bool(getattr(args, "json", False)), debug=debug)
    try:
        if args.command is None:
            from tutor.ui.app import run_guided

            return run_guided(args, renderer)
        module = _module(COMMANDS[args.command][0])
        result = module.run(args)
        return renderer.show(result)
    except KeyboardInterrupt:
        # Ctrl-C anywhere: progress is saved where it changes, so just leave quietly.
        renderer.note("그만할게요. 진행 상황은 저장되어 있어요. 다음에 `docker-tutor`로 이어서 해요.")
        return ExitCode.INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the one place that turns errors into exit codes
        return renderer.error(exc)


def _debug_logging() -> None:
    """`--debug`: the tutor's log on stderr, tracebacks included."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("tutor")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)


__all__ = ["COMMANDS", "build_parser", "main"]
