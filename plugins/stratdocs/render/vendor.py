"""Third-party browser assets, fetched from the npm registry at set-up or wheel-build time.

mermaid.js is not committed to the repository. `python -m stratdocs.render.vendor`
(run by `make`, and by the wheel build hook) runs `npm pack` for a pinned
version, checks the tarball's sha256, and keeps dist/mermaid.min.js inside the
package so the built site serves it itself: nothing is fetched at view time.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

MERMAID_VERSION = "11.17.2"  # Material for MkDocs 9 expects mermaid 11, not 12
MERMAID_SHA256 = "6ad2f42c3fc26bbf9e45cbb6d11898972573ea52b33a5f4ff51952899f950ffd"
VENDOR_DIR = Path(__file__).resolve().parent.parent / "assets" / "vendor"  # stratdocs/assets: shipped with the package
MERMAID_JS = VENDOR_DIR / "mermaid.min.js"
HOW_TO_FETCH = ("mermaid.js is missing from the stratdocs package. Fetch it from the npm registry with "
                "`make site` or `python -m stratdocs.render.vendor` (needs npm), or install a stratdocs wheel, "
                "which includes it.")


class VendorError(Exception):
    pass


def fetch_mermaid(force: bool = False) -> Path:
    if MERMAID_JS.is_file() and not force:
        return MERMAID_JS
    npm = shutil.which("npm")
    if npm is None:
        raise VendorError("npm is not installed; " + HOW_TO_FETCH)
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([npm, "pack", f"mermaid@{MERMAID_VERSION}", "--silent"], cwd=tmp,
                              capture_output=True, text=True, timeout=600, check=False)
        tarballs = list(Path(tmp).glob("mermaid-*.tgz"))
        if done.returncode != 0 or not tarballs:
            raise VendorError(f"npm pack mermaid@{MERMAID_VERSION} failed: {done.stderr.strip()[-500:]}")
        data = tarballs[0].read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != MERMAID_SHA256:
        raise VendorError(f"mermaid@{MERMAID_VERSION} tarball sha256 {digest} does not match {MERMAID_SHA256}")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        script = _member(archive, "package/dist/mermaid.min.js")
        license_text = _member(archive, "package/LICENSE")
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    partial = MERMAID_JS.with_suffix(".part")
    partial.write_bytes(script)
    partial.replace(MERMAID_JS)  # never leave a half-written file behind
    (VENDOR_DIR / "mermaid.LICENSE").write_bytes(license_text)
    return MERMAID_JS


def _member(archive: tarfile.TarFile, name: str) -> bytes:
    member = archive.extractfile(name)  # None for a folder or a link: not what a release ships
    if member is None:
        raise VendorError(f"mermaid@{MERMAID_VERSION} tarball: {name} is not a file")
    return member.read()


def mermaid_js() -> Path:
    if not MERMAID_JS.is_file():
        raise VendorError(HOW_TO_FETCH)
    return MERMAID_JS


if __name__ == "__main__":
    try:
        print(f"mermaid {MERMAID_VERSION}: {fetch_mermaid(force='--force' in sys.argv)}")
    except VendorError as err:
        sys.exit(f"error: {err}")
