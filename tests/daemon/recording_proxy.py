"""A tiny recording proxy for the Docker socket: every HTTP request's method and path is kept.

Each client connection is served as one request (`Connection: close` is forced both ways), so
the request line can be read without parsing responses. Used to prove the tutor's view sends
only GET/HEAD and a constant number of requests per check.
"""

from __future__ import annotations

import os
import socket
import threading

# The daemon under test: DOCKER_HOST's socket in the engine matrix, else the default one.
_HOST = os.environ.get("DOCKER_HOST", "")
UPSTREAM = _HOST[len("unix://"):] if _HOST.startswith("unix://") else "/var/run/docker.sock"


class RecordingProxy:
    def __init__(self, path: str, upstream: str = UPSTREAM):
        self.path = path
        self.upstream = upstream
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.bind(path)
        self._sock.listen(64)
        self._stop = False
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"unix://{self.path}"

    def __enter__(self) -> RecordingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop = True
        try:
            # Wake the accept() call up so the thread can end.
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                s.connect(self.path)
        except OSError:
            pass
        self._sock.close()
        self._thread.join(timeout=5)
        os.unlink(self.path)

    def methods(self) -> set[str]:
        with self._lock:
            return {m for m, _ in self.requests}

    def count(self) -> int:
        with self._lock:
            return len(self.requests)

    def _serve(self) -> None:
        while not self._stop:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            if self._stop:
                conn.close()
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            buf = b""
            while b"\r\n\r\n" not in buf:
                data = conn.recv(65536)
                if not data:
                    return
                buf += data
            head, _, body = buf.partition(b"\r\n\r\n")
            lines = head.split(b"\r\n")
            method, path, _version = lines[0].decode("latin-1").split(" ", 2)
            headers = [h for h in lines[1:] if not h.lower().startswith(b"connection:")]
            length = next((int(h.split(b":", 1)[1]) for h in headers if h.lower().startswith(b"content-length:")), 0)
            while len(body) < length:
                data = conn.recv(65536)
                if not data:
                    break
                body += data
            with self._lock:
                self.requests.append((method, path))
            request = b"\r\n".join([lines[0], *headers, b"Connection: close"]) + b"\r\n\r\n" + body
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as up:
                up.connect(self.upstream)
                up.sendall(request)
                while True:
                    data = up.recv(65536)
                    if not data:
                        break
                    conn.sendall(data)
