"""PLACEHOLDER: replaced by the helper that owns this command."""

from tutor.errors import BadInput


def add_arguments(parser) -> None:
    parser.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")


def run(args):
    raise BadInput("아직 준비 중인 명령이에요.")
