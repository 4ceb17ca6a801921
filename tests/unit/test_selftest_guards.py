"""When the self-test must refuse to run a step here, and says why (never a silent pass)."""

from __future__ import annotations

from tutor.model import CheckSpec, Preparation, Step, WrongVariant
from tutor.selftest import guards

MAP = {"user": "selftestab", "registry": "127.0.0.1:5101", "registry_user": "student",
       "registry_password": "pw", "workdir": "/tmp/w"}


NO_PREPARATION = Preparation()


def _step(solution=(), check="container", prepare=NO_PREPARATION, wrong=(), params=None):
    return Step(id="x/s", slug="s", kind="task", title="t", body="", check=CheckSpec(check, params or {}),
                solution=tuple(solution), prepare=prepare, wrong=tuple(wrong))


class FakeGateway:
    """The two typed reads the guards use: the container list and the image list."""

    def __init__(self, containers=(), images=()):
        self._containers, self._images = list(containers), list(images)

    def container_list(self, filters=None):
        return self._containers

    def images(self, filters=None):
        return self._images


def _summary(id, name, labels=None):
    from tutor.state import ContainerSummary

    return ContainerSummary(id=id, name=name, image_id="sha256:x", state="exited", labels=labels or {})


def _ledger(tmp_path, *container_ids):
    from tutor.daemon.ledger import Ledger

    ledger = Ledger(tmp_path / "selftest-owned.json")
    for cid in container_ids:
        ledger.add("container", cid, cid, "x/s")
    return ledger


def test_registry_use_is_detected_from_commands_checks_and_preparation():
    assert guards.uses_registry(_step(["docker image push {registry}/{user}/w:1.0"]), MAP)
    assert guards.uses_registry(_step(["docker login {registry}"]), MAP)
    assert guards.uses_registry(_step(check="no_credentials"), MAP)
    assert guards.uses_registry(_step(prepare=Preparation(login=("{registry}",))), MAP)
    assert not guards.uses_registry(_step(["docker image ls"]), MAP)


def test_a_registry_that_is_not_the_practice_one_is_never_used():
    reason = guards.registry_reason(_step(["docker login {registry}"]), {**MAP, "registry": "docker.io"})
    assert "docker.io" in reason


def test_prune_kinds_from_solution_and_wrong_variants():
    step = _step(["docker container prune -f"], wrong=[WrongVariant(("docker image prune",), "image.dangling")])
    assert guards.prune_kinds(step, MAP) == {"container", "image"}
    assert guards.prune_kinds(_step(["docker container rm x"]), MAP) == set()


def test_prune_is_skipped_when_it_would_remove_someone_elses_containers(tmp_path):
    step = _step(["docker container prune -f"])
    # The self-test's own by its record (a prepared container) or by its run label; a tutor
    # label alone proves nothing (a container inherits its image's labels).
    ours = _summary("id-old1", "old1")
    selftest = _summary("id-made", "made", {"org.docker-tutor.selftest": "run1"})
    theirs = _summary("id-t", "someones-test", {"org.docker-tutor.managed": "true"})
    ledger = _ledger(tmp_path, "id-old1")
    assert guards.prune_reason(FakeGateway([ours, selftest]), step, MAP, "run1", ledger) == ""
    reason = guards.prune_reason(FakeGateway([ours, theirs]), step, MAP, "run1", ledger)
    assert "someones-test" in reason and "1개" in reason
    # Another run's self-test containers are not ours either.
    assert guards.prune_reason(FakeGateway([selftest]), step, MAP, "run2", ledger)


def test_system_prune_is_never_run(tmp_path):
    assert "system" in guards.prune_reason(FakeGateway(), _step(["docker system prune -f"]), MAP, "r", _ledger(tmp_path))


def test_wildcard_tag_check_with_a_foreign_matching_tag_is_skipped():
    step = _step(check="image_tag", params={"pattern": "*/webserver:1.0", "same_as": "nginx"})
    from tests.fakes import image

    api = FakeGateway(images=[image("nginx:latest"), image("student/webserver:1.0")])
    assert "student/webserver:1.0" in guards.preexisting_reason(api, step, MAP)
    own = FakeGateway(images=[image("selftestab/webserver:1.0")])
    assert guards.preexisting_reason(own, step, MAP) == ""
