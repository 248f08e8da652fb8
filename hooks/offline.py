"""MkDocs hook for `make offline`: the search worker shim comes from the site itself, not from unpkg.com.

Material's offline plugin (enabled with OFFLINE=true) adds https://unpkg.com/iframe-worker/shim so that
search can run from file://; a meeting room has no internet, so the same shim is bundled in docs/assets.
"""

from __future__ import annotations

LOCAL_SHIM = "assets/javascripts/iframe-worker-shim.js"


def on_config(config):
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = [LOCAL_SHIM if "unpkg.com/iframe-worker" in str(p) else p for p in polyfills]
    return config
