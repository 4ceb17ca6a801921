"""Network checks on hand-made snapshots: each problem code fails and passes, messages name values."""

from __future__ import annotations

import pytest

from tests.fakes import FakeView, container, network
from tutor.checks.base import CheckContext
from tutor.checks.networks import check_network, check_network_absent, similar_network

CTX = CheckContext(step_id="t/x")
BUILTIN = [network("bridge"), network("host", driver="host"), network("none", driver="null")]


def codes(problems):
    return [p.code for p in problems]


def view(*nets, containers=()):
    return FakeView(networks=[*BUILTIN, *nets], containers=containers)


def test_network_passes():
    assert check_network({"name": "tt-web", "driver": "bridge"}, view(network("tt-web")), CTX) == []


def test_network_missing_lists_existing():
    problems = check_network({"name": "tt-web", "driver": "bridge"}, view(network("tt-db")), CTX)
    assert codes(problems) == ["network.missing"]
    assert problems[0].found == "tt-db" and "tt-db" in problems[0].message
    assert "docker network create --driver=bridge tt-web" in problems[0].message


@pytest.mark.parametrize("made", ["web_network", "webnetwork", "Web-Network", "web-netwrok", "web-networks"])
def test_network_similar_name(made):
    problems = check_network({"name": "web-network"}, view(network(made)), CTX)
    assert codes(problems) == ["network.similar_name"]
    assert problems[0].found == made and made in problems[0].message


def test_similar_name_ignores_unrelated_and_builtin():
    assert similar_network("web-network", ["db", "cache"]) is None
    problems = check_network({"name": "bridge2"}, view(), CTX)
    assert codes(problems) == ["network.missing"]  # the builtin `bridge` is never the candidate


def test_network_inspect_by_id_prefix_does_not_count():
    net = network("tt-web", id="abcdef" + "0" * 58)
    assert codes(check_network({"name": "abcdef"}, view(net), CTX)) == ["network.missing"]


def test_network_driver():
    problems = check_network({"name": "tt-web", "driver": "bridge"}, view(network("tt-web", driver="macvlan")), CTX)
    assert codes(problems) == ["network.driver"]
    assert (problems[0].expected, problems[0].found) == ("bridge", "macvlan")
    assert "macvlan" in problems[0].message and "--driver=bridge" in problems[0].message


def test_network_container_missing_names_its_networks():
    front = container("tt-front", networks=("bridge",))
    problems = check_network(
        {"name": "tt-web", "containers": ["tt-front"]}, view(network("tt-web"), containers=[front]), CTX
    )
    assert codes(problems) == ["network.container_missing"]
    assert problems[0].found == "bridge" and "docker network connect tt-web tt-front" in problems[0].message


def test_network_container_that_does_not_exist():
    problems = check_network({"name": "tt-web", "containers": ["tt-ghost"]}, view(network("tt-web")), CTX)
    assert codes(problems) == ["network.container_missing"]
    assert "tt-ghost" in problems[0].found and "'tt-ghost' 컨테이너가 없어서" in problems[0].message


def test_network_container_attached_passes():
    front = container("tt-front", networks=("tt-web",))
    net = network("tt-web", containers=("tt-front",))
    assert check_network({"name": "tt-web", "containers": ["tt-front"]}, view(net, containers=[front]), CTX) == []


def test_network_subnet_and_gateway():
    net = network("tt-web", subnets=("172.30.0.0/16",), gateways=("172.30.0.1",))
    ok = {"name": "tt-web", "subnet": "172.30.0.0/16", "gateway": "172.30.0.1"}
    assert check_network(ok, view(net), CTX) == []
    bad = {"name": "tt-web", "subnet": "10.9.0.0/24", "gateway": "10.9.0.1"}
    problems = check_network(bad, view(net), CTX)
    assert codes(problems) == ["network.subnet", "network.gateway"]
    assert problems[0].found == "172.30.0.0/16" and "172.30.0.0/16" in problems[0].message
    assert problems[1].found == "172.30.0.1" and "--gateway=10.9.0.1" in problems[1].message


def test_network_absent_passes():
    assert check_network_absent({"name": "tt-web"}, view(network("tt-other")), CTX) == []


def test_network_still_there():
    problems = check_network_absent({"name": "tt-web"}, view(network("tt-web")), CTX)
    assert codes(problems) == ["network.still_there"]
    assert "docker network rm tt-web" in problems[0].message


def test_network_in_use_says_disconnect_first():
    net = network("tt-web", containers=("tt-front", "tt-back"))
    problems = check_network_absent({"name": "tt-web"}, view(net), CTX)
    assert codes(problems) == ["network.in_use"]
    assert problems[0].found == "tt-back, tt-front"
    assert "docker network disconnect tt-web tt-back" in problems[0].message


def test_network_stopped_member_counts():
    # `docker network inspect` lists running members only; the container's own settings count.
    stopped = container("tt-front", state="exited", networks=("tt-web",))
    assert check_network({"name": "tt-web", "containers": ["tt-front"]}, view(network("tt-web"), containers=[stopped]), CTX) == []
