"""The event-fed model on a fake Engine API: what an event invalidates, and what a read costs."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.daemon import filters as flt
from tutor.daemon import live_rows
from tutor.daemon.live_model import LiveModel
from tutor.state import ContainerSummary


def _summary(cid: str, name: str, state: str = "running", ports=(), nets=("bridge",), created=1) -> dict[str, Any]:
    return {"Id": cid, "Names": [f"/{name}"], "Image": "nginx", "ImageID": "sha256:img", "State": state,
            "Status": "Up 1 second" if state == "running" else "Exited (0) 1 second ago", "Created": created,
            "Labels": {}, "Ports": [{"PrivatePort": 80, "PublicPort": p, "Type": "tcp"} for p in ports],
            "NetworkSettings": {"Networks": {n: {"NetworkID": f"id-{n}"} for n in nets}}}


def _inspect(s: dict[str, Any]) -> dict[str, Any]:
    ports = {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": str(p["PublicPort"])} for p in s["Ports"]]} if s["Ports"] else {}
    return {"Id": s["Id"], "Name": s["Names"][0], "Image": s["ImageID"], "Created": f"2026-01-01T00:00:0{s['Created']}Z",
            "State": {"Status": s["State"], "ExitCode": 0}, "Config": {"Image": s["Image"], "Labels": {}},
            "HostConfig": {}, "NetworkSettings": {"Ports": ports, "Networks": s["NetworkSettings"]["Networks"]}}


class FakeAPI:
    def __init__(self):
        self.box: dict[str, dict[str, Any]] = {}
        self.calls: list[str] = []

    def containers(self, all=True, filters=None):
        self.calls.append("list")
        return list(self.box.values())

    def inspect_container(self, cid):
        self.calls.append(f"inspect {cid}")
        hit = self.box.get(cid) or next((s for s in self.box.values() if s["Names"][0] == "/" + cid), None)
        if hit is None:
            import docker.errors

            raise docker.errors.NotFound("no such container")
        return _inspect(hit)

    def images(self, filters=None):
        self.calls.append("images")
        return [{"Id": "sha256:img", "RepoTags": ["nginx:latest"], "Labels": {}, "Created": 0, "ParentId": ""}]

    def networks(self, filters=None):
        self.calls.append("networks")
        return [{"Id": "id-bridge", "Name": "bridge", "Driver": "bridge"}]


class FakeFresh:
    def __init__(self, api: FakeAPI):
        self.api = api

    def _call(self, fn, *args, not_found: Any = ..., **kwargs):
        import docker.errors

        try:
            return fn(*args, **kwargs)
        except docker.errors.NotFound:
            if not_found is ...:
                raise
            return not_found

    @property
    def request_count(self) -> int:
        return len(self.api.calls)


def _model(api: FakeAPI) -> LiveModel:
    model = LiveModel(FakeFresh(api))  # type: ignore[arg-type]
    model.tap(iter(()))  # as if a stream were open (nothing is read from it here)
    return model


def test_a_second_read_without_events_costs_nothing():
    api = FakeAPI()
    api.box["a1"] = _summary("a1", "web", ports=(8080,))
    model = _model(api)
    assert model.container_names({"publish": ["8080"]}) == ["web"]
    assert model.container("web").ports[0].host_port == 8080
    before = len(api.calls)
    assert model.container_names({"publish": ["8080"]}) == ["web"]
    assert model.container("web").name == "web"
    assert len(api.calls) == before  # nothing changed: answered from memory


def test_an_event_re_inspects_only_the_container_it_names():
    api = FakeAPI()
    for i in range(50):
        api.box[f"n{i}"] = _summary(f"n{i}", f"noise{i}")
    model = _model(api)
    assert model.container_names({"status": ["running"]}).__len__() == 50
    api.box["new"] = _summary("new", "webserver", ports=(8080,), created=9)
    model.note({"type": "container", "action": "create", "id": "new"})
    api.calls.clear()
    assert model.container_names({"publish": ["8080/tcp"]}) == ["webserver"]
    assert api.calls == ["inspect new"]  # one request, however many other containers exist


def test_destroy_forgets_without_asking_and_exec_events_change_nothing():
    api = FakeAPI()
    api.box["a1"] = _summary("a1", "web")
    model = _model(api)
    assert model.container("web") is not None
    del api.box["a1"]
    model.note({"type": "container", "action": "exec_start: sh", "id": "a1"})
    api.calls.clear()
    assert model.container("web") is not None and api.calls == []  # exec: still the cached answer
    model.note({"type": "container", "action": "destroy", "id": "a1"})
    assert model.container("web") is None and api.calls == []


def test_a_network_event_refreshes_the_member_container_and_the_network_list():
    api = FakeAPI()
    api.box["a1"] = _summary("a1", "web")
    model = _model(api)
    assert model.container_names({"network": ["web-network"]}) == []
    api.box["a1"] = _summary("a1", "web", nets=("bridge", "web-network"))
    model.note({"type": "network", "action": "connect", "id": "id-web-network", "attributes": {"container": "a1"}})
    api.calls.clear()
    assert model.container_names({"network": ["web-network"]}) == ["web"]
    model.networks()
    assert api.calls == ["inspect a1", "networks"]


def test_unmodelled_filters_go_to_the_daemon():
    assert not flt.supported({"before": ["x"]}, flt.CONTAINER_KEYS)
    assert flt.supported({"name": ["x"], "label": []}, flt.CONTAINER_KEYS)


def test_filters_follow_the_engine_rules():
    row = ContainerSummary(id="abc123", name="webserver", image="nginx", image_id="sha256:i", state="exited",
                           exit_code=0, labels={"a": "1", "b": "2"}, published=frozenset({"8080/tcp"}),
                           exposed=frozenset({"80/tcp"}), networks={"web-network": "nid42"})
    m = flt.container_matches
    assert m(row, {"name": ["web"]}) and m(row, {"name": ["^/webserver$"]}) and not m(row, {"name": ["^web"]})
    assert m(row, {"label": ["a=1", "b"]}) and not m(row, {"label": ["a=1", "c"]})  # label terms: all
    assert m(row, {"status": ["running", "exited"]}) and not m(row, {"status": ["running"]})
    assert m(row, {"exited": ["0"]}) and not m(row, {"exited": ["1"]})
    assert m(row, {"publish": ["8080"]}) and m(row, {"publish": ["8000-8090/tcp"]}) and not m(row, {"publish": ["80"]})
    assert m(row, {"expose": ["80"]}) and not m(row, {"publish": ["8080/udp"]})
    assert m(row, {"network": ["web-network"]}) and m(row, {"network": ["nid"]}) and not m(row, {"network": ["bridge"]})
    assert m(row, {"ancestor": ["nginx"]}, lambda r, ref: r.image_id in {"sha256:i"})
    assert not m(row, {"ancestor": ["nginx"]})
    assert not m(row, {"name": ["web"], "status": ["running"]})  # keys: all


def test_reference_globs_do_not_cross_slashes_like_go_path_match():
    im = flt.image_matches
    assert im(["student/webserver:1.0"], {}, False, {"reference": ["*/webserver:1.0"]})
    assert not im(["student/webserver:1.0"], {}, False, {"reference": ["*:1.0"]})
    assert im(["nginx:latest"], {}, False, {"reference": ["nginx"]})
    assert im([], {}, True, {"dangling": ["true"]}) and not im(["a:1"], {}, False, {"dangling": ["true"]})


_rows = st.lists(st.builds(
    ContainerSummary,
    id=st.sampled_from(["a1", "b2", "c3", "d4", "e5", "f6"]),
    name=st.sampled_from(["web", "webserver", "db", "x"]),
    image=st.just("nginx"),
    image_id=st.sampled_from(["sha256:n", "sha256:c"]),
    state=st.sampled_from(["running", "exited", "created", "paused"]),
    exit_code=st.sampled_from([0, 1]),
    labels=st.dictionaries(st.sampled_from(["a", "b"]), st.sampled_from(["1", "2"]), max_size=2),
    published=st.frozensets(st.sampled_from(["8080/tcp", "80/tcp", "53/udp"]), max_size=2),
    networks=st.dictionaries(st.sampled_from(["bridge", "web-network"]), st.just("nid"), max_size=2),
), max_size=6, unique_by=lambda r: r.id)
_filters = st.dictionaries(
    st.sampled_from(["publish", "status", "exited", "ancestor", "label", "network", "name"]),
    st.lists(st.sampled_from(["8080", "80/tcp", "running", "exited", "0", "nginx", "a", "b=2", "bridge",
                              "web-network", "web", "53/udp"]), min_size=1, max_size=2),
    max_size=3)


@settings(max_examples=300, deadline=None)
@given(_rows, _filters)
def test_the_index_never_hides_a_row_a_full_scan_would_match(rows, filters):
    def ancestors(ref):
        return {"sha256:n"} if ref == "nginx" else set()

    index: dict = {}
    for r in rows:
        for facet in live_rows.facets(r):
            index.setdefault(facet, set()).add(r.id)
    def ancestor(row, ref):
        return row.image_id in ancestors(ref)

    full = {r.id for r in rows if flt.container_matches(r, filters, ancestor)}
    ids = live_rows.candidates(filters, index, ancestors)
    pool = rows if ids is None else [r for r in rows if r.id in ids]
    assert {r.id for r in pool if flt.container_matches(r, filters, ancestor)} == full


def test_without_an_open_stream_every_read_is_fresh():
    api = FakeAPI()
    api.box["a1"] = _summary("a1", "web")
    model = LiveModel(FakeFresh(api))  # type: ignore[arg-type]
    tapped = model.tap(iter([{"type": "container", "action": "start", "id": "a1"}]))
    assert model.live and model.container("web") is not None
    list(tapped)  # the stream ends (daemon gone, watch stopped)
    assert not model.live
    del api.box["a1"]  # a change nobody told the model about
    assert model.container("web") is None  # read afresh, not from memory
