"""The addresses a class server can be reached at, for the banner `class serve` prints."""

from __future__ import annotations

import socket


def lan_addresses() -> list[str]:
    """IPv4 addresses of this machine's interfaces, loopback last."""
    found: list[str] = []
    try:
        import fcntl
        import struct

        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            for _, ifname in socket.if_nameindex():
                try:
                    packed = fcntl.ioctl(s.fileno(), 0x8915,  # SIOCGIFADDR
                                         struct.pack("256s", ifname[:15].encode()))
                except OSError:
                    continue  # interface without an IPv4 address
                found.append(socket.inet_ntoa(packed[20:24]))
    except (ImportError, OSError):
        pass
    if not found:
        try:
            found = socket.gethostbyname_ex(socket.gethostname())[2]
        except OSError:
            found = []
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=lambda a: (a.startswith("127."), a)) or ["127.0.0.1"]


def urls(host: str, port: int) -> list[str]:
    if host in ("0.0.0.0", ""):
        return [f"http://{a}:{port}" for a in lan_addresses()]
    shown = f"[{host}]" if ":" in host else host
    return [f"http://{shown}:{port}"]
