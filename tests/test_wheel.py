"""The built wheel carries the course and the practice assets, found through importlib.resources."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = r"""
import json
from importlib import resources
import tutor.content as content
root = resources.files("tutor") / "_content"
print(json.dumps({
    "package": str(resources.files("tutor")),
    "lessons": sorted(p.name for p in (root / "lessons").iterdir() if p.name.endswith(".md")),
    "nginx_files": sorted(p.name for p in (root / "assets" / "images" / "nginx").iterdir()),
    "centos_dockerfile": (root / "assets" / "images" / "centos" / "Dockerfile").is_file(),
    "lessons_dir": str(content.lessons_dir()),
    "assets_dir": str(content.assets_dir()),
}))
"""


def test_wheel_carries_lessons_and_assets(tmp_path):
    out_dir = tmp_path / "dist"
    cmd = [sys.executable, "-m", "build", "--wheel", "--outdir", str(out_dir), str(ROOT)]
    if importlib.util.find_spec("hatchling") is not None:
        cmd.insert(4, "--no-isolation")  # the backend is already here: no index needed
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    wheels = list(out_dir.glob("docker_tutor-*.whl"))
    assert len(wheels) == 1
    assert_runtime_requirements(wheels[0])

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False, system_site_packages=False).create(env_dir)
    python = env_dir / "bin" / "python"
    # --no-deps: the probe needs only the package itself, and a test never reaches the internet.
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index",
                    str(wheels[0])],
                   check=True, capture_output=True, timeout=300)
    assert (env_dir / "bin" / "docker-tutor").exists()

    # Run outside the checkout so the source tree cannot be imported by accident.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    out = subprocess.run([str(python), "-c", PROBE], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=60, check=True)
    import json

    data = json.loads(out.stdout)
    assert data["package"].startswith(str(env_dir))
    expected_lessons = sorted(p.name for p in (ROOT / "lessons").glob("*.md"))
    assert expected_lessons and data["lessons"] == expected_lessons
    assert {"Dockerfile", "entry.sh", "index.html"} <= set(data["nginx_files"])
    assert data["centos_dockerfile"] is True
    assert data["lessons_dir"] == str(Path(data["package"]) / "_content" / "lessons")
    assert data["assets_dir"] == str(Path(data["package"]) / "_content" / "assets")


def wheel_requirements(wheel: Path) -> list[str]:
    import zipfile

    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        text = zf.read(name).decode("utf-8")
    return [line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("Requires-Dist:")]


def assert_runtime_requirements(wheel: Path) -> None:
    """`selftest` is a user command: what it imports is a runtime dependency, not a test extra."""
    from packaging.requirements import Requirement

    reqs = {}
    for raw in wheel_requirements(wheel):
        req = Requirement(raw)
        if req.marker is not None and "extra" in str(req.marker):
            continue
        reqs[req.name.lower()] = req
    assert "pexpect" in reqs, "pexpect must be a runtime dependency (selftest's -it steps)"
    assert reqs["pexpect"].marker is not None
    assert reqs["pexpect"].marker.evaluate({"sys_platform": "linux"})
    assert not reqs["pexpect"].marker.evaluate({"sys_platform": "win32"})
    assert "requests" in reqs, "tutor/daemon/cli_config.py imports requests"
    docker = reqs["docker"]
    assert not docker.specifier.contains("7.0.0") and docker.specifier.contains("7.1.0")
