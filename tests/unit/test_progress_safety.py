"""Issue 16 item 7: any progress file content, and a disk that refuses writes, never take a
command down; the learner is told in one Korean line and their result is still shown."""

from __future__ import annotations

import errno
import json
import os

import pytest

from tutor import cli, paths, progress, progress_store


@pytest.fixture(autouse=True)
def _no_leftover_notices():
    progress_store.take_notices()
    progress_store.take_last_backup()
    yield
    progress_store.take_notices()


def _backups():
    return sorted(paths.progress_file().parent.glob("progress.json.broken-*"))


@pytest.mark.parametrize("raw", [b"\xff\xfe\x00garbage\x80", b"{not json", b"[]", b"",
                                 b'{"format_version": 99, "steps": {}}', b'{"format_version": "1"}',
                                 b'{"format_version": 1, "steps": []}', b"[" * 100000])
def test_unreadable_file_is_moved_aside_with_one_korean_line(raw):
    f = paths.progress_file()
    f.write_bytes(raw)
    p = progress.load()
    assert p.steps == {} and p.recovered_from is not None
    assert p.recovered_from.name.startswith("progress.json.broken-")
    assert p.recovered_from.read_bytes() == raw and not f.exists()
    notices = progress.take_notices()
    assert len(notices) == 1 and "새로 시작했어요" in notices[0] and str(p.recovered_from) in notices[0]


def test_wrongly_typed_values_keep_the_rest_and_a_copy():
    f = paths.progress_file()
    data = {"format_version": 1, "current": 7, "steps": {
        "4.2/run": {"attempts": "3", "failed_checks": 1, "passed_at": "2026-01-02T03:04:05+00:00"},
        "4.2/rm": {"attempts": 2, "hints_used": True, "answers": "x", "began_at": "어제"},
        "4.2/bad": "not a step",
    }}
    f.write_text(json.dumps(data), encoding="utf-8")
    p = progress.load()
    assert p.step("4.2/run").attempts == 0 and p.step("4.2/run").failed_checks == 1 and p.passed("4.2/run")
    assert p.step("4.2/rm").attempts == 2 and p.step("4.2/rm").hints_used == 0 and p.step("4.2/rm").answers == ()
    assert p.step("4.2/rm").began_at is None and p.current is None and "4.2/bad" not in p.steps
    assert p.recovered_from is not None and json.loads(p.recovered_from.read_text(encoding="utf-8")) == data
    notices = progress.take_notices()
    assert len(notices) == 1 and "일부 값이 잘못돼 있어서" in notices[0] and "4.2/run.attempts" in notices[0]
    # the recording API works on it (it used to raise TypeError on "3" + 1)
    assert progress.record_check("4.2/run", False).attempts == 1


def test_check_after_a_corrupt_file_reports_the_recovery(capsys, monkeypatch):
    """`check --json` used to reset silently (recovered_from: null, nothing said)."""
    from tutor.model import CheckResult

    paths.progress_file().write_bytes(b"\x80\x81")
    monkeypatch.setattr("tutor.commands.check._open_view", lambda: object())
    monkeypatch.setattr("tutor.checks.engine.run_check",
                        lambda step, view, ctx: CheckResult(step=step.id, kind="task", passed=False))
    assert cli.main(["--no-color", "check", "4.2/run-port"]) == 1
    err = capsys.readouterr().err
    assert "새로 시작했어요" in err and "progress.json.broken-" in "".join(err.split())
    assert len(_backups()) == 1


def _refuse_writes(monkeypatch, code=errno.EROFS):
    def refuse(*a, **k):
        raise OSError(code, os.strerror(code), str(paths.progress_file()))

    monkeypatch.setattr(progress_store, "write_atomic", refuse)


@pytest.mark.parametrize("code, reason", [(errno.EROFS, "쓸 권한이 없어요"), (errno.ENOSPC, "남은 공간이 없어요")])
def test_a_failed_save_warns_and_never_raises(monkeypatch, code, reason):
    _refuse_writes(monkeypatch, code)
    sp = progress.record_check("4.2/run-port", True)
    assert sp.passed  # the caller still has the verdict
    progress.set_current("4.2/run-port")
    progress.mark_began("4.2/run-port")
    notices = progress.take_notices()
    assert len(notices) == 1 and notices[0].startswith("기록을 저장하지 못했어요: ") and reason in notices[0]


def test_atomic_write_keeps_the_old_file_when_replace_fails(monkeypatch):
    progress.record_check("s/d", True)
    before = paths.progress_file().read_text(encoding="utf-8")

    def boom(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(os, "replace", boom)
        progress.record_check("s/e", True)  # no exception into the command
    assert paths.progress_file().read_text(encoding="utf-8") == before
    assert [p for p in paths.progress_file().parent.iterdir() if p.name.endswith(".tmp")] == []
    assert any("기록을 저장하지 못했어요" in n for n in progress.take_notices())


def test_check_passes_and_says_it_could_not_save(capsys, monkeypatch):
    """A read-only data dir: `check` still shows ✓ 통과, plus the Korean warning."""
    from tutor.model import CheckResult

    _refuse_writes(monkeypatch)
    monkeypatch.setattr("tutor.commands.check._open_view", lambda: object())
    monkeypatch.setattr("tutor.checks.engine.run_check",
                        lambda step, view, ctx: CheckResult(step=step.id, kind="task", passed=True))
    assert cli.main(["--no-color", "check", "4.2/run-port"]) == 0
    captured = capsys.readouterr()
    assert "✓" in captured.out and "통과" in captured.out
    assert "기록을 저장하지 못했어요" in captured.err


def test_lock_file_that_cannot_be_made_still_lets_commands_run(monkeypatch, tmp_path):
    missing = tmp_path / "no-such-dir" / ".progress.lock"
    with progress_store.locked(missing):
        pass  # no exception: the lock is advisory


def test_a_repaired_file_is_written_back_once():
    f = paths.progress_file()
    f.write_text(json.dumps({"format_version": 1, "steps": {"4.2/run": {"attempts": "3", "hints_used": 2}}}),
                 encoding="utf-8")
    progress.load()
    progress.load()  # the guided UI loads many times: one copy, one notice
    assert len(_backups()) == 1 and len(progress.take_notices()) == 1
    assert json.loads(f.read_text(encoding="utf-8"))["steps"]["4.2/run"]["hints_used"] == 2
