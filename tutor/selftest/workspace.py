"""What the self-test owns on the daemon, and how it leaves the daemon as it found it.

It removes only: containers/networks labelled with its run id (its own commands carry the
label); what its preparations made (its OWN record, `ledger.selftest_path()`, never the
learner's); tags that appeared during a phase and that the step's commands name; what it
pushed to the practice registry. Tags a step moves or removes (4.1/pull re-points
`nginx:latest`, 4.1/rm removes it) are BORROWED: before the run each one gets a hidden keep-tag
on its image (so the image and its id survive) and its image id is recorded; every clean puts
it back on that same id. An interrupted run (crash, Ctrl-C, kill) leaves its record behind, and
the next run restores and removes what it lists before doing anything else.
A lock file serialises whole runs, since lessons use fixed names (webserver) and port 8080.
"""

from __future__ import annotations

import shlex
import subprocess
from collections.abc import Mapping

from tutor.daemon import removal
from tutor.daemon.ledger import Ledger
from tutor.filelock import SELFTEST_LOCK, FileLock
from tutor.lookups import image_tagged
from tutor.model import Step
from tutor.refs import normalize_ref
from tutor.selftest.plan import SELFTEST_LABEL, fill

LOCK_PATH = SELFTEST_LOCK
BASE_REFS = ("nginx:latest", "centos:latest")
KEEP_REPO = "docker-tutor-selftest-keep"  # hidden tags that hold a borrowed tag's image
BORROWED = "selftest:borrowed"  # the `step` of a borrowed tag's record entry


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
        if words[1:3] in (["image", "pull"], ["image", "rm"]) or words[1:2] in (["pull"], ["rmi"]):
            refs |= {w for w in words[3 if words[1] == "image" else 2:] if not w.startswith("-")}
    return {normalize_ref(r) for r in refs if r and "*" not in r and "{" not in r}


def all_tags(view) -> dict[str, str]:
    """tag -> image id, for every tag on the daemon (one list request)."""
    return {t: img.id for img in view.images() for t in img.tags}


# --- borrowing the learner's tags for the length of a run ------------------------------------


def borrow(api, view, ledger: Ledger, refs: set[str], run_id: str) -> list[str]:
    """Record (and hold with a keep-tag) every existing tag among `refs` before a run moves it."""
    noted = []
    for i, ref in enumerate(sorted(refs)):
        img = image_tagged(view, ref)
        if img is None or ledger.find("tag", name=ref) is not None:
            continue
        keep = f"{KEEP_REPO}:{run_id}-{i}"
        removal.tag(api, img.id, keep)
        ledger.add("tag", img.id, keep, "selftest:keep")
        ledger.add("tag", img.id, ref, BORROWED, previous=img.id)
        noted.append(ref)
    return noted


def restore(api, view, ledger: Ledger, made_ids: frozenset[str] = frozenset()) -> list[str]:
    """Every borrowed tag back on its recorded image id. An image a step brought in under that
    name (`docker image pull nginx`) that is now untagged and was not there before goes too."""
    notes = []
    for e in ledger.of(["tag"]):
        if e.step != BORROWED:
            continue
        now = image_tagged(view, e.name)
        if now is not None and now.id == e.previous:
            continue
        removal.tag(api, e.previous, e.name)
        notes.append(f"태그 {e.name} 복구")
        if now is not None and now.id in made_ids:
            after = view.image(now.id)
            if after is not None and not after.tags:
                try:
                    removal.image(api, now.id, force=False)
                except removal.RemovalFailed:
                    pass  # still used by a container: the next clean removes it with it
    return notes


def give_back(api, view, ledger: Ledger) -> list[str]:
    """The end of a run: tags restored, keep-tags removed, the record emptied."""
    notes = restore(api, view, ledger)
    for e in ledger.of(["tag"]):
        if e.step == "selftest:keep":
            removal.untag(api, e.name)
        if e.step in ("selftest:keep", BORROWED):
            ledger.forget("tag", name=e.name, borrowed=True)
    return notes


# --- a phase's clean ---------------------------------------------------------------------------


def clean(api, view, ledger: Ledger, run_id: str, mapping: Mapping[str, str], step: Step,
          keep: frozenset[str] = frozenset(), made_ids: frozenset[str] = frozenset(),
          env: Mapping[str, str] | None = None) -> list[str]:
    """`keep`: tags that existed before the phase began (someone else's): never removed."""
    notes: list[str] = []
    for c in view.container_list({"label": [f"{SELFTEST_LABEL}={run_id}"]}):
        if removal.container(api, c.id):
            notes.append(f"컨테이너 {c.name} 삭제")
    notes += forget_made(api, view, ledger)
    for n in view.networks({"label": [f"{SELFTEST_LABEL}={run_id}"]}):
        if removal.network(api, n.id):
            notes.append(f"네트워크 {n.name} 삭제")
    refs = step_refs(step, mapping)
    notes += delete_pushed(refs, mapping)
    for ref in sorted(refs):
        if ref in BASE_REFS or ref in keep or ledger.find("tag", name=ref) is not None:
            continue
        if image_tagged(view, ref) is not None and removal.untag(api, ref):
            notes.append(f"태그 {ref} 삭제")  # appeared during this phase, named by the step
    notes += restore(api, view, ledger, made_ids)
    notes += restore_stand_ins(api, view)
    notes += _logout(step, mapping, env)
    return notes


def forget_made(api, view, ledger: Ledger) -> list[str]:
    """Remove what the self-test's preparations made (its own record), containers first."""
    notes = []
    for kind in ("container", "network", "tag", "image", "volume"):
        for e in ledger.of([kind]):
            if kind == "tag" and e.step in ("selftest:keep", BORROWED):
                continue
            try:
                if kind == "container":
                    gone = removal.container(api, e.id)
                elif kind == "network":
                    gone = removal.network(api, e.id)
                elif kind == "tag":
                    now = image_tagged(view, e.name)
                    gone = now is not None and now.id == e.id and removal.untag(api, e.name)
                elif kind == "image":
                    gone = bool(e.id) and removal.image(api, e.id)
                else:
                    gone = removal.volume(api, e.name)
            except removal.RemovalFailed:
                continue  # still in use: the next clean tries again
            ledger.forget(kind, id=e.id if kind in ("container", "network", "image") else "",
                          name=e.name if kind in ("tag", "volume") else "")
            if gone:
                notes.append(f"{kind} {e.name} 삭제")
    return notes


def recover(api, view, ledger: Ledger) -> list[str]:
    """What an interrupted earlier run left: its containers/networks (by label), everything in
    its record, and the borrowed tags put back."""
    notes = []
    for c in view.container_list({"label": [SELFTEST_LABEL]}):
        if removal.container(api, c.id):
            notes.append(f"이전 실행이 남긴 컨테이너 {c.name} 삭제")
    for n in view.networks({"label": [SELFTEST_LABEL]}):
        if removal.network(api, n.id):
            notes.append(f"이전 실행이 남긴 네트워크 {n.name} 삭제")
    notes += forget_made(api, view, ledger)
    notes += give_back(api, view, ledger)
    notes += forget_repositories()
    return notes


def forget_repositories() -> list[str]:
    """No repository of any self-test run left in the practice registry (see lab.registry)."""
    from tutor.lab.registry import forget_selftest_repositories

    return [f"레지스트리 저장소 {name} 삭제" for name in forget_selftest_repositories()]


def restore_stand_ins(api, view) -> list[str]:
    missing = [name for name, ref in (("nginx", "nginx:latest"), ("centos", "centos:latest"))
               if image_tagged(view, ref) is None]
    if not missing:
        return []
    from tutor.lab.images import ensure_images

    ensure_images(api, missing, lock_wait=0)
    return [f"연습 이미지 {', '.join(missing)} 복구"]


def _logout(step: Step, mapping: Mapping[str, str], env: Mapping[str, str] | None = None) -> list[str]:
    """Log out of the practice registry if this step's solution or preparation logged in."""
    registry = mapping.get("registry", "")
    logged_in = any(c.split()[1:2] == ["login"] for c in (fill(x.lstrip("$ "), mapping) for x in step.solution))
    logged_in = logged_in or registry in [fill(s, mapping) for s in step.prepare.login]
    if not (registry and logged_in):
        return []
    subprocess.run(["docker", "logout", registry], capture_output=True, timeout=30,
                   env=dict(env) if env is not None else None)
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
