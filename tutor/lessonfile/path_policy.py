"""Paths a lesson names stay inside the practice folder ({workdir}), before and after filling in.

A lesson file is untrusted, and the tutor runs with Docker access (root). Every host path a
lesson can name (a bind-mount source, an `--env-file`, a check's `env_file`, a `[[files]]`
path) must resolve inside the learner's practice folder:
- in the lesson text (lint): it starts with `{workdir}` and its rest never climbs out (`..`);
- at run time: after `{workdir}` is filled in and symlinks are resolved (`realpath`), it is
  still under the practice folder's own realpath — a link inside it pointing at `/etc` fails.
"""

from __future__ import annotations

import os
from pathlib import Path

WORKDIR = "{workdir}"


def template_problem(path: str, what: str) -> str:
    """A Korean reason when a path as written in the lesson may leave {workdir}, else ""."""
    if path != WORKDIR and not path.startswith(WORKDIR + "/"):
        return (f"{what}({path})는 연습 폴더 안의 경로여야 해요. `{WORKDIR}/...`처럼 적어 주세요 "
                "(레슨은 연습 폴더 밖의 파일을 건드릴 수 없어요)")
    rest = path[len(WORKDIR):].lstrip("/")
    if "\x00" in rest:
        return f"{what}에 쓸 수 없는 글자가 있어요"
    if any(part == ".." for part in rest.split("/")):
        return f"{what}({path})에 `..`를 쓸 수 없어요 (연습 폴더 밖을 가리킬 수 있어요)"
    return ""


def is_host_path(source: str) -> bool:
    """A `-v` source that Docker treats as a host path (not a named volume)."""
    return source.startswith(("/", ".", "~", WORKDIR)) or "/" in source or "\\" in source


def inside(path: str | os.PathLike[str], workdir: str | os.PathLike[str] | None = None) -> bool:
    """Does `path` (filled in) resolve, links and all, inside the practice folder?"""
    if workdir is None:
        from tutor.paths import practice_dir

        workdir = practice_dir()
    text = os.fspath(path)
    if not text or "\x00" in text or not os.path.isabs(os.path.expanduser(text)):
        return False
    root = os.path.realpath(os.fspath(workdir))
    real = os.path.realpath(os.path.expanduser(text))
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def runtime_problem(path: str, what: str, workdir: str | os.PathLike[str] | None = None) -> str:
    """A Korean reason when a filled-in path leaves the practice folder, else ""."""
    if inside(path, workdir):
        return ""
    return (f"{what}({path})가 연습 폴더 밖을 가리켜요 (링크를 따라가도 연습 폴더 안이어야 해요). "
            "안전을 위해 실행하지 않았어요")


def writable_file_problem(path: str, workdir: str | os.PathLike[str] | None = None) -> str:
    """For a practice file the tutor writes: inside, not the folder itself, and not a link."""
    problem = runtime_problem(path, "연습 파일 경로", workdir)
    if problem:
        return problem
    p = Path(path)
    if p.is_symlink():
        return f"연습 파일({path})이 다른 곳을 가리키는 링크예요. 링크를 따라 쓰지 않았어요"
    if workdir is None:
        from tutor.paths import practice_dir

        workdir = practice_dir()
    if os.path.realpath(path) == os.path.realpath(os.fspath(workdir)):
        return "연습 파일 경로가 연습 폴더 자체예요. 파일 이름까지 적어 주세요"
    return ""
