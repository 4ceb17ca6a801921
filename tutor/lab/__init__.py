"""The offline lab: stand-in images, the pull mirror and the practice registry (host processes)."""
