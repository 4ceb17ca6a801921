"""What the self-test owns on the daemon, and how it leaves the daemon as it found it.

It removes only: containers/networks labelled with its run id; tutor-managed resources of the
course's own steps; tags it (or a step's preparation) created on tutor images; logins it made
to the practice registry. Stand-in images a step removed (4.1/pull, 4.1/rm) are rebuilt.
A lock file serialises whole runs, since lessons use fixed names (webserver) and port 8080.
"""

from __future__ import annotations

import shlex
import subprocess
from collections.abc import Mapping

from tutor.daemon import conflicts as cf
from tutor.filelock import SELFTEST_LOCK, FileLock
from tutor.model import Step
from tutor.refs import normalize_ref
from tutor.selftest.plan import SELFTEST_LABEL, fill

LOCK_PATH = SELFTEST_LOCK
BASE_REFS = ("nginx:latest", "centos:latest")


class Lock(FileLock):
    """The self-test's hold on the shared lock for the whole run: a timeout is an error."""

    def __init__(self, wait: float = 900.0, path: str = LOCK_PATH):
        super().__init__(path, wait, poll=1.0)

    def __enter__(self) -> bool:
        from tutor.errors import TutorError

        if not super().__enter__():
            self.__exit__()
            raise TutorError(f"다른 셀프 테스트가 {self.path} 잠금을 쥐고 있어요. 끝난 뒤 다시 실행해 주세요.",
                             code="selftest.busy")
        return True


def _mine(labels: Mapping[str, str] | None, run_id: str, step_ids: frozenset[str]) -> bool:
    labels = labels or {}
    if labels.get(SELFTEST_LABEL) == run_id:
        return True
    return cf.is_managed(labels) and labels.get(cf.STEP) in step_ids


def step_refs(step: Step, mapping: Mapping[str, str]) -> set[str]:
    """Image references a step's preparation and commands mention (filled, normalised)."""
    refs = {fill(i["tag"], mapping) for i in step.prepare.images}
    refs |= {fill(r, mapping) for r in step.prepare.absent_images}
    commands = list(step.solution) + [c for v in step.wrong for c in v.commands]
    for command in commands:
        try:
            words = shlex.split(fill(command.lstrip("$ "), mapping), comments=True)
        except ValueError:
            continue
        refs |= {w for w in words[2:] if not w.startswith("-") and ":" in w and "=" not in w and "/" not in w.split(":")[-1]}
        refs |= {w for w in words[2:] if not w.startswith("-") and w.count("/") >= 1 and "=" not in w
                 and not w.startswith("/")}
    return {normalize_ref(r) for r in refs if r and "*" not in r and "{" not in r}


def all_tags(api) -> set[str]:
    return {t for img in api.images() for t in (img.get("RepoTags") or []) if t != "<none>:<none>"}


def clean(api, run_id: str, step_ids: frozenset[str], mapping: Mapping[str, str], step: Step,
          keep: frozenset[str] = frozenset()) -> list[str]:
    """`keep`: tags that existed before the phase began (someone else's): never removed."""
    import docker.errors

    notes: list[str] = []
    for c in api.containers(all=True, filters={"label": [cf.MANAGED + "=true"]}) + api.containers(
            all=True, filters={"label": [f"{SELFTEST_LABEL}={run_id}"]}):
        if _mine(c.get("Labels"), run_id, step_ids):
            try:
                api.remove_container(c["Id"], force=True, v=True)
                notes.append(f"컨테이너 {c['Names'][0].lstrip('/')} 삭제")
            except docker.errors.NotFound:
                pass
    for n in api.networks(filters={"label": [cf.MANAGED + "=true"]}) + api.networks(
            filters={"label": [f"{SELFTEST_LABEL}={run_id}"]}):
        if _mine(n.get("Labels"), run_id, step_ids):
            try:
                for cid in (api.inspect_network(n["Id"]).get("Containers") or {}):
                    api.disconnect_container_from_network(cid, n["Id"], force=True)
                api.remove_network(n["Id"])
                notes.append(f"네트워크 {n['Name']} 삭제")
            except docker.errors.NotFound:
                pass
    for img in api.images(filters={"label": [cf.MANAGED + "=true"]}):
        if _mine(img.get("Labels"), run_id, step_ids):
            try:
                api.remove_image(img["Id"], force=True)
                notes.append(f"이미지 {img['Id'][7:19]} 삭제")
            except docker.errors.NotFound:
                pass
    refs = step_refs(step, mapping)
    notes += delete_pushed(refs, mapping)
    for ref in sorted(refs):
        if ref in BASE_REFS or ref in keep:
            continue
        attrs = cf.find_image(api, ref)
        labels = cf.image_labels(attrs) if attrs else {}
        if attrs and (cf.is_managed(labels) or cf.is_stand_in(labels)) and ref in (attrs.get("RepoTags") or []):
            api.remove_image(ref, force=False)
            notes.append(f"태그 {ref} 삭제")
    notes += restore_stand_ins(api)
    notes += _logout(step, mapping)
    return notes


def restore_stand_ins(api) -> list[str]:
    missing = [name for name, ref in (("nginx", "nginx:latest"), ("centos", "centos:latest"))
               if cf.find_image(api, ref) is None]
    if not missing:
        return []
    from tutor.lab.images import ensure_images

    ensure_images(api, missing, lock_wait=0)
    return [f"연습 이미지 {', '.join(missing)} 복구"]


def _logout(step: Step, mapping: Mapping[str, str]) -> list[str]:
    """Log out of the practice registry if this step's solution or preparation logged in."""
    registry = mapping.get("registry", "")
    logged_in = any(c.split()[1:2] == ["login"] for c in (fill(x.lstrip("$ "), mapping) for x in step.solution))
    logged_in = logged_in or registry in [fill(s, mapping) for s in step.prepare.login]
    if not (registry and logged_in):
        return []
    subprocess.run(["docker", "logout", registry], capture_output=True, timeout=30)
    return [f"{registry} 로그아웃"]


def delete_pushed(refs: set[str], mapping: Mapping[str, str]) -> list[str]:
    """Delete from the practice registry the tags this run pushed (repos under `selftest…/`).

    The lab registry runs with `delete: enabled`. Only the loopback practice registry, only
    repositories named with the self-test's own {user}; anything else is left alone.
    """
    import base64
    import urllib.error
    import urllib.request

    registry = mapping.get("registry", "")
    if not registry.startswith(("127.0.0.1:", "localhost:")):
        return []
    auth = base64.b64encode(f"{mapping.get('registry_user', '')}:{mapping.get('registry_password', '')}".encode())
    headers = {"Authorization": "Basic " + auth.decode(), "Accept": ", ".join((
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json"))}
    notes = []
    for ref in sorted(refs):
        if not ref.startswith(f"{registry}/selftest"):
            continue
        repo, _, tag = ref[len(registry) + 1:].rpartition(":")
        url = f"http://{registry}/v2/{repo}/manifests/"
        try:
            with urllib.request.urlopen(urllib.request.Request(url + tag, headers=headers, method="HEAD"),
                                        timeout=5) as resp:
                digest = resp.headers.get("Docker-Content-Digest", "")
            if digest:
                urllib.request.urlopen(urllib.request.Request(url + digest, headers=headers, method="DELETE"),
                                       timeout=5).close()
                notes.append(f"레지스트리의 {ref} 삭제")
        except (urllib.error.URLError, OSError):
            continue  # not pushed (404) or registry down: nothing to remove
    return notes
