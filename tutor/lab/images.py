"""Stand-in practice images (nginx, centos) built offline from assets/ + the host's busybox-static.

Rules: build only when the image is absent, or when it is one of our stand-ins built from an
older recipe; never replace a real image (one without the stand-in label). The recipe hash
(Dockerfile, files, busybox) is stored as a label, so `lab images` twice does nothing the
second time. Builds go through the SDK's low-level build API (classic builder, no BuildKit).
"""

from __future__ import annotations

import hashlib
import shutil
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tutor import labels
from tutor.errors import TutorError
from tutor.filelock import SELFTEST_LOCK, FileLock
from tutor.labels import is_stand_in

STAND_IN_LABEL = labels.STAND_IN
RECIPE_LABEL = labels.STAND_IN_RECIPE
STAND_INS = {"nginx": "nginx:latest", "centos": "centos:latest"}


@dataclass(frozen=True)
class ImageState:
    name: str
    ref: str
    kind: str  # "absent" | "stand-in" | "real"
    image_id: str | None = None
    recipe: str | None = None

    def to_dict(self) -> dict:
        return {"name": self.name, "ref": self.ref, "kind": self.kind, "id": self.image_id}


@dataclass(frozen=True)
class ImageOutcome:
    name: str
    ref: str
    action: str  # "built" | "rebuilt" | "kept" | "kept_real" | "skipped_busy"
    image_id: str | None = None

    def to_dict(self) -> dict:
        return {"name": self.name, "ref": self.ref, "action": self.action, "id": self.image_id}




def image_state(api, name: str, ref: str | None = None) -> ImageState:
    ref = ref or STAND_INS[name]
    try:
        info = api.inspect_image(ref)
    except Exception as exc:
        if getattr(getattr(exc, "response", None), "status_code", None) == 404:
            return ImageState(name, ref, "absent")
        raise
    labels = (info.get("Config") or {}).get("Labels") or {}
    kind = "stand-in" if is_stand_in(labels) else "real"
    return ImageState(name, ref, kind, info.get("Id"), labels.get(RECIPE_LABEL))


def busybox_path() -> Path:
    """The host's statically linked busybox (package busybox-static): it runs FROM scratch."""
    candidates = [shutil.which("busybox"), "/bin/busybox", "/usr/bin/busybox"]
    for cand in candidates:
        if cand and Path(cand).is_file() and is_static_elf(Path(cand)):
            return Path(cand)
    raise TutorError("연습 이미지를 만들 정적 busybox가 없어요.",
                     hint="`sudo apt-get install busybox-static` 명령으로 설치한 뒤 다시 해 봐요.",
                     code="lab.missing_binary")


def is_static_elf(path: Path) -> bool:
    """True for an ELF executable without a program interpreter (PT_INTERP), i.e. static."""
    with open(path, "rb") as fh:
        head = fh.read(64)
        if len(head) < 52 or head[:4] != b"\x7fELF":
            return False
        is64, endian = head[4] == 2, "<" if head[5] == 1 else ">"
        if is64:
            phoff, = struct.unpack_from(endian + "Q", head, 32)
            phentsize, phnum = struct.unpack_from(endian + "HH", head, 54)
        else:
            phoff, = struct.unpack_from(endian + "I", head, 28)
            phentsize, phnum = struct.unpack_from(endian + "HH", head, 42)
        for i in range(phnum):
            fh.seek(phoff + i * phentsize)
            ptype, = struct.unpack(endian + "I", fh.read(4))
            if ptype == 3:  # PT_INTERP
                return False
    return True


def recipe_dir(name: str) -> Path:
    from tutor.content import assets_dir

    return assets_dir() / "images" / name


def recipe_hash(name: str, busybox: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in recipe_dir(name).rglob("*") if p.is_file()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    digest.update(busybox.read_bytes())
    return digest.hexdigest()[:16]


def build_stand_in(api, name: str, ref: str, recipe: str, busybox: Path) -> str:
    with tempfile.TemporaryDirectory(prefix=f"docker-tutor-{name}-") as tmp:
        shutil.copytree(recipe_dir(name), tmp, dirs_exist_ok=True)
        shutil.copy2(busybox, Path(tmp) / "busybox")
        image_id = None
        log: list[str] = []
        for chunk in api.build(path=tmp, tag=ref, rm=True, forcerm=True, pull=False, decode=True,
                               labels={RECIPE_LABEL: recipe, STAND_IN_LABEL: "true"}):
            if "error" in chunk:
                raise TutorError(f"연습 이미지({ref})를 만들지 못했어요: {chunk['error'].strip()}",
                                 hint="\n".join(log[-5:]), code="lab.build_failed")
            log.extend(line for line in str(chunk.get("stream", "")).splitlines() if line.strip())
            image_id = (chunk.get("aux") or {}).get("ID", image_id)
    return image_id or api.inspect_image(ref)["Id"]


def ensure_images(api, names: list[str] | None = None, lock_wait: float = 120.0) -> list[ImageOutcome]:
    from tutor.daemon.ledger import Ledger

    busybox = busybox_path()
    outcomes = [ensure_image(api, name, STAND_INS[name], busybox, lock_wait) for name in names or list(STAND_INS)]
    ledger = Ledger()  # the tutor's own record: these stand-ins are the lab's (by id, not by label)
    for o in outcomes:
        if o.image_id and o.action in ("built", "rebuilt", "kept") and not ledger.owns("image", id=o.image_id):
            ledger.add("image", o.image_id, o.ref, "")
    return outcomes


def ensure_image(api, name: str, ref: str, busybox: Path, lock_wait: float = 120.0) -> ImageOutcome:
    """Build recipe `name` as `ref` if absent or an outdated stand-in; leave real images alone."""
    state = image_state(api, name, ref)
    recipe = recipe_hash(name, busybox)
    if state.kind == "real":
        return ImageOutcome(name, ref, "kept_real", state.image_id)
    if state.kind == "stand-in" and state.recipe == recipe:
        return ImageOutcome(name, ref, "kept", state.image_id)
    if state.kind == "absent":
        return ImageOutcome(name, ref, "built", build_stand_in(api, name, ref, recipe, busybox))
    # An older stand-in: replace it, but never while the self-test juggles the images.
    with FileLock(SELFTEST_LOCK, lock_wait) as locked:
        if not locked:
            return ImageOutcome(name, ref, "skipped_busy", state.image_id)
        new_id = build_stand_in(api, name, ref, recipe, busybox)
    if state.image_id and state.image_id != new_id:
        try:
            api.remove_image(state.image_id)  # only succeeds if nothing else uses it
        except Exception:  # noqa: BLE001 - still used by a container or another tag: keep it
            pass
    return ImageOutcome(name, ref, "rebuilt", new_id)
