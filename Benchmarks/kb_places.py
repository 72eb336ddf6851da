"""What the benchmark scripts ask of a knowledge-base candidate as `mekong kb lookup NAME --json` prints it."""


def in_vietnam(c):
    """Whether a candidate is a place or body of Vietnam: Mekong's Vietnamese units, the statistics
    office's code, or a description that says so."""
    d = c.get("descriptions", {})
    return c["id"].startswith("mekong:vn") or "gso" in c.get("ids", {}) or "Vietnam" in d.get("en", "") \
        or "Việt Nam" in d.get("vi", "")
