"""The addresses a class server can be reached at, for the banner `class serve` prints."""

from __future__ import annotations

import socket

# Interfaces of containers and VMs on this machine: reachable from here only, listed last.
VIRTUAL_PREFIXES = ("docker", "br-", "veth", "virbr", "cni", "flannel", "podman")


def lan_addresses() -> list[str]:
    """IPv4 addresses of this machine's interfaces: the LAN first, container bridges, then loopback."""
    found: list[tuple[int, str]] = []
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
                address = socket.inet_ntoa(packed[20:24])
                rank = 2 if address.startswith("127.") else 1 if ifname.startswith(VIRTUAL_PREFIXES) else 0
                found.append((rank, address))
    except (ImportError, OSError):
        pass
    if not found:
        try:
            found = [(2 if a.startswith("127.") else 0, a) for a in socket.gethostbyname_ex(socket.gethostname())[2]]
        except OSError:
            found = []
    ordered = [address for _, address in sorted(set(found))]
    return list(dict.fromkeys(ordered)) or ["127.0.0.1"]


def urls(host: str, port: int) -> list[str]:
    if host in ("0.0.0.0", ""):
        return [f"http://{a}:{port}" for a in lan_addresses()]
    shown = f"[{host}]" if ":" in host else host
    return [f"http://{shown}:{port}"]
