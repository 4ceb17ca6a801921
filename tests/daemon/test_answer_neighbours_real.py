"""Issue 11: a wrong answer that is another real value is named ("적은 값은 …이에요"), on the
real daemon: another image's IMAGE ID, the Gateway for the Subnet, the host network's ID, a
container that exists but is not in the filtered list, the client's version."""

from __future__ import annotations

import pytest

from tutor.checks import engine
from tutor.checks.base import CheckContext
from tutor.lessonfile.parser import parse_lesson

pytestmark = pytest.mark.daemon

TEMPLATE = '''---
id: "nb"
title: "t"
chapter: 99
format_version: 1
---

## a

```step
id = "a"
kind = "answer"
```

```answer
{answer}
```

```solution
docker version
```
'''


def _step(answer: str):
    return parse_lesson(TEMPLATE.format(answer=answer), "nb.md").step("a")


def _judge(answer: str, text: str, view) -> str:
    result = engine.check_answer(_step(answer), view, text, CheckContext(step_id="nb/a"))
    assert not result.passed
    return result.problems[0].message


@pytest.fixture
def view():
    from tutor.daemon.view import open_view

    return open_view()


def test_another_images_id(view, docker_api):
    centos = docker_api.inspect_image("centos")["Id"].split(":")[1][:12]
    msg = _judge('source = "image.id"\nref = "nginx"\ncompare = "id_prefix"', centos, view)
    assert "centos" in msg and "다른 이미지" in msg


def test_gateway_for_subnet_and_the_host_networks_id(view, docker_api, cleanup, test_labels):
    import uuid

    name = f"tt-nb-{uuid.uuid4().hex[:6]}"
    cleanup["networks"].append(docker_api.create_network(name, labels=test_labels)["Id"])
    gateway = docker_api.inspect_network(name)["IPAM"]["Config"][0]["Gateway"]
    msg = _judge(f'source = "network.subnet"\nname = "{name}"\ncompare = "text"', gateway, view)
    assert "Gateway" in msg
    host = docker_api.networks(names=["host"])[0]["Id"][:12]
    msg = _judge('source = "network.ids"\ndriver = "bridge"\ncompare = "id_prefix"', host, view)
    assert "'host' 네트워크" in msg


def test_a_created_container_in_an_exited_list(view, docker_api, cleanup, test_labels):
    import uuid

    name = f"tt-nb-{uuid.uuid4().hex[:6]}"
    cleanup["containers"].append(docker_api.create_container("centos", name=name, labels=test_labels)["Id"])
    done = docker_api.create_container("centos", command=["echo", "hi"], name=f"{name}-done", labels=test_labels)["Id"]
    cleanup["containers"].append(done)
    docker_api.start(done)
    docker_api.wait(done, timeout=20)
    (key, value), = test_labels.items()
    msg = _judge(f'source = "containers.names"\ncompare = "one_of"\nfilters = {{ exited = 0, label = "{key}={value}" }}',
                 name, view)
    assert f"'{name}' 컨테이너는 있지만" in msg and "created" in msg


def test_the_client_version_for_the_engines(view, monkeypatch):
    from tutor.journey import neighbours

    client = neighbours.client_info()
    engine_version = view.server().version
    if not client.get("version") or client["version"].split("+")[0] == engine_version.split("+")[0]:
        monkeypatch.setattr(neighbours, "client_info", lambda: {"version": "99.0.1", "api_version": "1.99"})
        client = neighbours.client_info()
    msg = _judge('source = "server.version"\ncompare = "text"', client["version"], view)
    assert "클라이언트" in msg and "Server: Engine" in msg
