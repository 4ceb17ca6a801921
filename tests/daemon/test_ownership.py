"""Issue 16 (3, 4, 5, 8-no-record, 12): the tutor touches only what its own record says it made.

Each test reproduces a reported loss first (it failed on the label-based code) on the real
daemon, with names unique to the run; the learner's resources are stood in for by labelled
test resources the test removes itself.
"""

from __future__ import annotations

import io
import json
import uuid

import pytest

from tests.conftest import RUN_ID, TEST_LABEL
from tests.daemon.prepare_helpers import purge
from tutor.daemon.actions import prepare
from tutor.daemon.cleanup import ResetScope, apply_reset, plan_reset
from tutor.errors import BadInput, Conflict

pytestmark = pytest.mark.daemon

LESSON = '''---
id: "tt-own-RID"
title: "소유 픽스처"
chapter: 99
format_version: 1
---

# 소유 픽스처

## 태그 지우기

```step
id = "untag"
kind = "task"
```

```prepare
absent_images = ["tt-own-RID/webserver:1.0"]
absent_containers = ["tt-own-RID-web"]
```

```check
kind = "image_absent"
ref = "tt-own-RID/webserver:1.0"
```

```solution
docker image rm tt-own-RID/webserver:1.0
```

```hint
픽스처예요.
```

```hint
픽스처예요.
```

## 태그 붙이기

```step
id = "tag"
kind = "task"
```

```prepare
[[images]]
tag = "tt-own-RID/webserver:1.0"
source = "nginx"

[[networks]]
name = "tt-own-RID-net"
```

```check
kind = "network"
name = "tt-own-RID-net"
```

```solution
docker network create tt-own-RID-net
```

```hint
픽스처예요.
```

```hint
픽스처예요.
```

## 연습 파일

```step
id = "files"
kind = "task"
```

```prepare
[[files]]
path = "{workdir}/tt-own-RID/html/index.html"
content = "<h1>lesson</h1>\\n"
```

```check
kind = "container_absent"
name = "tt-own-RID-web"
```

```solution
docker container rm -f tt-own-RID-web
```

```hint
픽스처예요.
```

```hint
픽스처예요.
```
'''


def _lesson():
    from tutor.lessonfile.parser import parse_lesson

    rid = uuid.uuid4().hex[:8]
    text = LESSON.replace("RID", rid)
    return parse_lesson(text, f"tt-own-{rid}.md"), rid, text


def _mapping():
    from tutor.lessonfile.placeholders import current

    return current()


@pytest.fixture
def own(docker_api):
    lesson, rid, text = _lesson()
    yield lesson, rid, text
    purge(docker_api, rid)
    for img in docker_api.images(filters={"reference": [f"tt-own-{rid}/*"]}):
        for tag in img.get("RepoTags") or []:
            docker_api.remove_image(tag, force=True)
    for c in docker_api.containers(all=True, filters={"name": [f"tt-own-{rid}"]}):
        docker_api.remove_container(c["Id"], force=True)
    for n in docker_api.networks(names=[f"tt-own-{rid}-net"]):
        docker_api.remove_network(n["Id"])


def _learner_build_from_nginx(api, ref: str) -> str:
    """What the learner does in chapter 4: `docker build -t student/webserver:1.0 .` FROM nginx.
    The image inherits the lab stand-in's labels (that is the bug's cause)."""
    dockerfile = f"FROM nginx\nLABEL {TEST_LABEL}={RUN_ID}\nRUN echo mine > /mine.txt\n".encode()
    for _ in api.build(fileobj=io.BytesIO(dockerfile), tag=ref, rm=True, decode=True):
        pass
    info = api.inspect_image(ref)
    assert info["Config"]["Labels"].get("org.docker-tutor.stand-in") == "true"  # inherited
    return info["Id"]


def test_prepare_never_removes_the_learners_image_built_from_nginx(docker_api, own):
    lesson, rid, _ = own
    ref = f"tt-own-{rid}/webserver:1.0"
    mine = _learner_build_from_nginx(docker_api, ref)
    with pytest.raises(Conflict) as err:
        prepare(lesson.step("untag"), docker_api, _mapping())
    assert ref in err.value.message and err.value.data["conflicts"][0]["kind"] == "image"
    assert docker_api.inspect_image(ref)["Id"] == mine  # still there, same id
    # `prepare tag` would re-point it: refused too.
    with pytest.raises(Conflict):
        prepare(lesson.step("tag"), docker_api, _mapping())
    assert docker_api.inspect_image(ref)["Id"] == mine


def test_the_tutors_own_tag_is_still_removed(docker_api, own):
    lesson, rid, _ = own
    ref = f"tt-own-{rid}/webserver:1.0"
    prepare(lesson.step("tag"), docker_api, _mapping())  # the tutor's tag, in its record
    report = prepare(lesson.step("untag"), docker_api, _mapping())
    assert any(ref in line for line in report.done)
    assert not docker_api.images(filters={"reference": [ref]})


def test_reset_yes_keeps_what_the_learner_made_unless_named(docker_api, own, tmp_path, capsys):
    from tutor.cli import main

    lesson, rid, text = own
    path = tmp_path / "own.md"
    path.write_text(text, encoding="utf-8")
    ref = f"tt-own-{rid}/webserver:1.0"
    mine_image = _learner_build_from_nginx(docker_api, ref)
    mine = docker_api.create_container("nginx", name=f"tt-own-{rid}-web", labels={TEST_LABEL: RUN_ID})
    assert main(["--file", str(path), "prepare", f"{lesson.id}/files", "--json"]) == 0
    capsys.readouterr()
    code = main(["--file", str(path), "reset", "--lesson", lesson.id, "--yes", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["applied"]
    kept = {(i["kind"], i["name"]) for i in data["kept"]}
    assert ("container", f"tt-own-{rid}-web") in kept and ("tag", ref) in kept
    assert docker_api.inspect_container(mine["Id"])
    assert docker_api.inspect_image(ref)["Id"] == mine_image
    # Named explicitly: only that one goes.
    code = main(["--file", str(path), "reset", "--lesson", lesson.id, "--include-mine", f"tt-own-{rid}-web",
                 "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and [i["name"] for i in data["removed"]] == [f"tt-own-{rid}-web"]
    assert not docker_api.containers(all=True, filters={"id": [mine["Id"]]})
    assert docker_api.inspect_image(ref)["Id"] == mine_image


def test_reset_removes_the_tutors_own_by_record_not_by_label(docker_api, own, test_labels, cleanup):
    lesson, rid, _ = own
    # A look-alike carrying the tutor's labels but not in its record (e.g. inherited from an image).
    fake = docker_api.create_network(f"tt-own-{rid}-net", labels={**test_labels, "org.docker-tutor.managed": "true",
                                                                    "org.docker-tutor.lesson": lesson.id})
    cleanup["networks"].append(fake["Id"])
    scope = ResetScope(lesson=lesson.id, steps=lesson.steps, placeholders=_mapping())
    plan = plan_reset(docker_api, scope)
    assert [(i.name, i.learner_made) for i in plan.items] == [(f"tt-own-{rid}-net", True)]
    apply_reset(plan, docker_api)
    assert docker_api.inspect_network(fake["Id"])


def test_prepare_keeps_the_learners_practice_file(docker_api, own):
    from pathlib import Path

    lesson, rid, _ = own
    target = Path(_mapping()["workdir"]) / f"tt-own-{rid}" / "html" / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("<h1>my own page</h1>\n", encoding="utf-8")
    report = prepare(lesson.step("files"), docker_api, _mapping())
    backups = list(target.parent.glob("index.html.mine-*"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == "<h1>my own page</h1>\n"
    assert any("옮겨 뒀어요" in line and backups[0].name in line for line in report.done)
    assert target.read_text(encoding="utf-8") == "<h1>lesson</h1>\n"
    # Preparing again: the file is the tutor's own (same content) — nothing moved again.
    prepare(lesson.step("files"), docker_api, _mapping())
    assert len(list(target.parent.glob("index.html.mine-*"))) == 1
    # The learner edits the tutor's file: theirs now, moved aside again rather than overwritten.
    target.write_text("<h1>edited</h1>\n", encoding="utf-8")
    prepare(lesson.step("files"), docker_api, _mapping())
    assert sorted(b.read_text(encoding="utf-8") for b in target.parent.glob("index.html.mine-*")) == \
        ["<h1>edited</h1>\n", "<h1>my own page</h1>\n"]  # a backup never replaces an earlier one
    assert target.read_text(encoding="utf-8") == "<h1>lesson</h1>\n"


@pytest.mark.parametrize("bad, needle", [
    ('[[containers]]\nname = "bad name!"\nimage = "nginx"\n', "컨테이너 이름"),
    ('[[files]]\npath = "{workdir}"\ncontent = "x"\n', "연습 폴더"),
])
def test_a_bad_preparation_is_a_lesson_error_not_an_internal_one(docker_api, tmp_path, capsys, bad, needle):
    from tutor.cli import main

    text = LESSON.replace("RID", "bad" + uuid.uuid4().hex[:6]).replace(
        '[[networks]]\nname = "tt-own-', bad + '\n[[networks]]\nname = "tt-own-', 1)
    path = tmp_path / "bad.md"
    path.write_text(text, encoding="utf-8")
    lesson_id = text.split('id: "', 1)[1].split('"', 1)[0]
    try:
        code = main(["--file", str(path), "prepare", f"{lesson_id}/tag", "--json"])
    finally:  # the label-based code had already tagged and made the network when it crashed
        for img in docker_api.images(filters={"reference": [f"{lesson_id}/*"]}):
            for tag in img.get("RepoTags") or []:
                docker_api.remove_image(tag, force=True)
        for n in docker_api.networks(names=[f"{lesson_id}-net"]):
            docker_api.remove_network(n["Id"])
    out = capsys.readouterr().out
    assert code == 2, out
    assert needle in json.loads(out)["message"]
    from tutor.lessonfile.parser import parse_lesson
    from tutor.model import LessonError

    with pytest.raises((BadInput, LessonError)):  # refused by the parser (lint) or by prepare itself
        prepare(parse_lesson(text, str(path)).step("tag"), docker_api, _mapping())


def test_check_no_record_leaves_progress_alone(docker_api, capsys):
    from tutor import paths
    from tutor.cli import main

    assert main(["check", "3/daemon", "--json", "--no-record"]) == 0
    capsys.readouterr()
    assert not paths.progress_file().exists() or "3/daemon" not in paths.progress_file().read_text()
    assert main(["check", "3/daemon", "--json"]) == 0  # the learner's own check is recorded
    assert "3/daemon" in paths.progress_file().read_text(encoding="utf-8")
