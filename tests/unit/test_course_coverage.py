"""The course covers the seed: every command form of the study note appears in some step's
solution, and `docker-tutor list --json` shows every step id of the curriculum.

The command forms are the curriculum's tables (../shared/docs/curriculum.md), written out here
as data: a command prefix plus the options the seed teaches with it. A form is covered when one
solution line starts with the prefix and carries every option (`--opt=value` and `--opt value`
count the same, and short flags may be bundled: `-it`, `-itd`). `docker search` is never run (it
would reach Docker Hub), so it is covered by a quiz that talks about it.

The curriculum ids come from `tests/fixtures/curriculum_ids.txt` (a copy, so the test never
skips); when the shared curriculum sits beside the checkout, the copy must still match it.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
IDS_COPY = REPO / "tests" / "fixtures" / "curriculum_ids.txt"
SHARED_CURRICULUM = REPO.parent / "shared" / "docs" / "curriculum.md"

# (what the seed writes, command prefix, options that must all appear).
# An option given as a tuple is an "any of these" alternative (aliases).
SEED_FORMS: list[tuple[str, str, tuple]] = [
    # 4.1 images
    ("docker version", "docker version", ()),
    ("docker system info", "docker system info", ()),
    ("docker system df", "docker system df", ()),
    ("docker image pull nginx", "docker image pull", ()),
    ("docker image ls", "docker image ls", ()),
    ("docker image inspect", "docker image inspect", ()),
    ("docker image tag", "docker image tag", ()),
    ("docker image rm", "docker image rm", ()),
    ("docker image prune", "docker image prune", ()),
    ("docker login", "docker login", ()),
    ("docker image push", "docker image push", ()),
    ("docker logout", "docker logout", ()),
    # 4.2 containers
    ("docker container create", "docker container create", ()),
    ("docker container run -it ... /bin/bash", "docker container run", ("-i", "-t")),
    ("docker container run -d", "docker container run", ("-d",)),
    ("docker container run --restart=always", "docker container run", ("--restart=always",)),
    ("docker container run -p 8080:80", "docker container run", ("-p",)),
    ("docker container run --dns", "docker container run", ("--dns",)),
    ("docker container run --add-host", "docker container run", ("--add-host",)),
    ("docker container run --cpu-shares", "docker container run", ("--cpu-shares",)),
    ("docker container run --memory", "docker container run", ("--memory",)),
    ("docker container run -v", "docker container run", ("-v",)),
    ("docker container run -e", "docker container run", ("-e",)),
    ("docker container run --env-file", "docker container run", ("--env-file",)),
    ("docker container run -w", "docker container run", ("-w",)),
    ("docker container ls -a -f", "docker container ls", ("-a", "-f")),
    ("docker container stats", "docker container stats", ()),
    ("docker container top", "docker container top", ()),
    ("docker container start", "docker container start", ()),
    ("docker container stop -t", "docker container stop", ("-t",)),
    ("docker container kill", "docker container kill", ()),
    ("docker container restart -t", "docker container restart", ("-t",)),
    ("docker container pause", "docker container pause", ()),
    ("docker container unpause", "docker container unpause", ()),
    ("docker container rm", "docker container rm", ()),
    ("docker container prune", "docker container prune", ()),
    # 4.3 networks
    ("docker network ls", "docker network ls", ()),
    ("docker network create --driver=bridge", "docker network create", ("--driver",)),
    ("docker network connect", "docker network connect", ()),
    ("docker container run -itd --net=web-network", "docker container run", ("-d", ("--net", "--network"))),
    ("docker network disconnect", "docker network disconnect", ()),
    ("docker network inspect", "docker network inspect", ()),
    ("docker network rm", "docker network rm", ()),
]

# Forms the course teaches in words only (never run: they would leave the machine).
QUIZ_ONLY_FORMS = ["docker search"]

_BUNDLE = re.compile(r"^-[A-Za-z]{2,}$")  # bundled short flags such as -it, -itd


def _words(line: str) -> list[str]:
    """A solution line as words, `--opt=value` split in two (`--restart=always` -> 2 words)."""
    line = line.strip()
    if line.startswith("$ "):
        line = line[2:]
    out: list[str] = []
    for word in shlex.split(line, comments=True):
        if word.startswith("-") and "=" in word:
            name, _, value = word.partition("=")
            out += [name, value]
        else:
            out.append(word)
    return out


def _has_option(words: list[str], option) -> bool:
    if isinstance(option, tuple):
        return any(_has_option(words, alt) for alt in option)
    if "=" in option:  # an option with its value: `--restart=always`
        name, _, value = option.partition("=")
        return any(a == name and b == value for a, b in zip(words, words[1:]))  # noqa: RUF007 - Python 3.10 has pairwise, but this reads plainer
    if option in words:
        return True
    if len(option) == 2:  # a short flag inside a bundle (-it, -itd)
        return any(_BUNDLE.match(w) and option[1] in w[1:] for w in words)
    return False


def covers(line: str, prefix: str, options: tuple) -> bool:
    words = _words(line)
    head = prefix.split()
    return words[: len(head)] == head and all(_has_option(words[len(head):], o) for o in options)


def _course():
    from tutor.lessonfile.catalog import load_course

    return load_course()


def _solution_lines(course) -> list[tuple[str, str]]:
    return [(step.id, line) for step in course.steps() for line in step.solution]


# --- the matcher itself ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "prefix", "options", "expected"),
    [
        ("$ docker container run -it --restart=always centos /bin/bash", "docker container run",
         ("-i", "-t", "--restart=always"), True),
        ("docker container run -it --restart always centos", "docker container run", ("--restart=always",), True),
        ("docker container run -it --restart-always centos", "docker container run", ("--restart=always",), False),
        ("docker container run -itd --name=webp --net=web-network nginx", "docker container run",
         ("-d", ("--net", "--network")), True),
        ("docker container run -d nginx", "docker container run", ("-p",), False),
        ("docker container ls -a -f name=test1", "docker container ls", ("-a", "-f"), True),
        ("docker image ls", "docker image pull", (), False),
        ("docker container run -w=/tensorflow centos", "docker container run", ("-w",), True),
    ],
)
def test_matcher(line, prefix, options, expected):
    assert covers(line, prefix, options) is expected


# --- coverage of the seed ----------------------------------------------------------------------


def test_every_seed_command_form_is_in_some_solution():
    lines = _solution_lines(_course())
    missing = [seed for seed, prefix, options in SEED_FORMS
               if not any(covers(line, prefix, options) for _, line in lines)]
    assert not missing, f"no step's solution uses these seed command forms: {missing}"


def test_quiz_only_forms_are_taught_in_a_quiz():
    texts = []
    for step in _course().steps():
        if step.quiz is not None:
            texts += [step.body, step.quiz.question, step.quiz.explain]
            texts += [t for c in step.quiz.choices for t in (c.text, c.why)]
    for form in QUIZ_ONLY_FORMS:
        assert any(form in t for t in texts), f"no quiz mentions `{form}`"


# --- every curriculum id is listed ---------------------------------------------------------------


def _ids_from_copy() -> dict[str, str]:
    rows = [line.split() for line in IDS_COPY.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    return dict(rows)


def _ids_from_curriculum(text: str) -> dict[str, str]:
    return dict(re.findall(r"^\| `([^`]+/[^`]+)` \| (task|answer|quiz) \|", text, flags=re.M))


def test_ids_copy_matches_the_shared_curriculum():
    ids = _ids_from_copy()
    assert len(ids) == 53  # the curriculum's count: 7 lessons, 53 steps
    if SHARED_CURRICULUM.is_file():  # beside the checkout in CI and in the team's workspace
        assert _ids_from_curriculum(SHARED_CURRICULUM.read_text(encoding="utf-8")) == ids


def test_list_json_shows_every_curriculum_id_with_its_kind():
    proc = subprocess.run([sys.executable, "-m", "tutor", "list", "--json"], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    listed = {s["id"]: s["kind"] for lesson in json.loads(proc.stdout)["lessons"] for s in lesson["steps"]}
    want = _ids_from_copy()
    missing = sorted(set(want) - set(listed))
    assert not missing, f"`docker-tutor list --json` lacks curriculum ids: {missing}"
    wrong_kind = {i: (want[i], listed[i]) for i in want if listed[i] != want[i]}
    assert not wrong_kind, f"steps whose kind differs from the curriculum (want, listed): {wrong_kind}"
