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


class FakeApi:
    def __init__(self, containers=(), images=()):
        self._containers, self._images = list(containers), list(images)

    def containers(self, all=False, filters=None):
        return self._containers

    def images(self, filters=None):
        return self._images


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


def test_prune_is_skipped_when_it_would_remove_someone_elses_containers():
    step = _step(["docker container prune -f"])
    ours = {"Names": ["/old1"], "Labels": {"org.docker-tutor.managed": "true", "org.docker-tutor.step": "x/s"}}
    selftest = {"Names": ["/made"], "Labels": {"org.docker-tutor.selftest": "run1"}}
    theirs = {"Names": ["/someones-test"], "Labels": {}}
    ids = frozenset({"x/s"})
    assert guards.prune_reason(FakeApi([ours, selftest]), step, MAP, "run1", ids) == ""
    reason = guards.prune_reason(FakeApi([ours, theirs]), step, MAP, "run1", ids)
    assert "someones-test" in reason and "1개" in reason
    # Another run's self-test containers are not ours either.
    assert guards.prune_reason(FakeApi([selftest]), step, MAP, "run2", ids)


def test_system_prune_is_never_run():
    assert "system" in guards.prune_reason(FakeApi(), _step(["docker system prune -f"]), MAP, "r", frozenset())


def test_wildcard_tag_check_with_a_foreign_matching_tag_is_skipped():
    step = _step(check="image_tag", params={"pattern": "*/webserver:1.0", "same_as": "nginx"})
    api = FakeApi(images=[{"RepoTags": ["nginx:latest", "student/webserver:1.0"]}])
    assert "student/webserver:1.0" in guards.preexisting_reason(api, step, MAP)
    own = FakeApi(images=[{"RepoTags": ["selftestab/webserver:1.0"]}])
    assert guards.preexisting_reason(own, step, MAP) == ""
