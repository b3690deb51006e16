"""Third-party browser assets, fetched from the npm registry at set-up or wheel-build time.

Neither mermaid.js nor Cytoscape.js is committed to the repository. `python -m stratdocs.render.vendor`
(run by `make`, and by the wheel build hook) runs `npm pack` for each pinned version, checks the
tarball's sha256, and keeps its one browser file inside the package so the built site serves it
itself: nothing is fetched at view time.

mermaid draws the per-page diagrams. Cytoscape.js draws the interactive map (map/): chosen over
sigma.js and vis-network for its API for filtering, focus and neighbourhoods
(`cy.elements().neighborhood()`, classes, batch updates), its `preset` layout (positions are
computed at build time, in Python), its canvas renderer (WebGL optional) and because it is well
kept (releases every few weeks, one dependency-free file).
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
from typing import NamedTuple

VENDOR_DIR = Path(__file__).resolve().parent.parent / "assets" / "vendor"  # stratdocs/assets: shipped with the package


class Package(NamedTuple):  # not a dataclass: the wheel hook loads this file outside sys.modules
    name: str
    version: str
    sha256: str  # of the registry's tarball, as `npm pack` downloads it
    member: str  # the browser file inside the tarball
    filename: str  # where it is kept, in VENDOR_DIR

    @property
    def path(self) -> Path:
        return VENDOR_DIR / self.filename

    @property
    def how_to_fetch(self) -> str:
        return (f"{self.name} is missing from the stratdocs package. Fetch it from the npm registry with "
                "`make site` or `python -m stratdocs.render.vendor` (needs npm), or install a stratdocs wheel, "
                "which includes it.")


MERMAID = Package("mermaid", "11.17.2",  # Material for MkDocs 9 expects mermaid 11, not 12
                  "6ad2f42c3fc26bbf9e45cbb6d11898972573ea52b33a5f4ff51952899f950ffd",
                  "package/dist/mermaid.min.js", "mermaid.min.js")
CYTOSCAPE = Package("cytoscape", "3.35.0",
                    "058a81a7534777ea68dc737e9b77bd5b701e00acd9bee246245a576eeeac32e6",
                    "package/dist/cytoscape.min.js", "cytoscape.min.js")
PACKAGES = (MERMAID, CYTOSCAPE)

# The names other modules (and the wheel hook) have used since mermaid came alone.
MERMAID_VERSION, MERMAID_SHA256, MERMAID_JS = MERMAID.version, MERMAID.sha256, MERMAID.path
CYTOSCAPE_JS = CYTOSCAPE.path
HOW_TO_FETCH = MERMAID.how_to_fetch


class VendorError(Exception):
    pass


def fetch(package: Package, force: bool = False) -> Path:
    if package.path.is_file() and not force:
        return package.path
    npm = shutil.which("npm")
    if npm is None:
        raise VendorError("npm is not installed; " + package.how_to_fetch)
    spec = f"{package.name}@{package.version}"
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([npm, "pack", spec, "--silent"], cwd=tmp,
                              capture_output=True, text=True, timeout=600, check=False)
        tarballs = list(Path(tmp).glob(f"{package.name}-*.tgz"))
        if done.returncode != 0 or not tarballs:
            raise VendorError(f"npm pack {spec} failed: {done.stderr.strip()[-500:]}")
        data = tarballs[0].read_bytes()
    return unpack(package, data)


def unpack(package: Package, data: bytes) -> Path:
    """Keep the package's browser file and licence from its tarball, if the tarball is the pinned one."""
    digest = hashlib.sha256(data).hexdigest()
    if digest != package.sha256:
        raise VendorError(f"{package.name}@{package.version} tarball sha256 {digest} does not match "
                          f"{package.sha256}")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        script = _member(archive, package.member, package)
        license_text = _member(archive, "package/LICENSE", package)
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    partial = package.path.with_suffix(".part")
    partial.write_bytes(script)
    partial.replace(package.path)  # never leave a half-written file behind
    (VENDOR_DIR / f"{package.name}.LICENSE").write_bytes(license_text)
    return package.path


def fetch_all(force: bool = False) -> list[Path]:
    return [fetch(package, force) for package in PACKAGES]


def fetch_mermaid(force: bool = False) -> Path:
    """Every vendored file (the wheel hook's name for it, from when mermaid came alone); mermaid's path."""
    fetch_all(force)
    return MERMAID.path


def _member(archive: tarfile.TarFile, name: str, package: Package) -> bytes:
    member = archive.extractfile(name)  # None for a folder or a link: not what a release ships
    if member is None:
        raise VendorError(f"{package.name}@{package.version} tarball: {name} is not a file")
    return member.read()


def vendored(package: Package) -> Path:
    if not package.path.is_file():
        raise VendorError(package.how_to_fetch)
    return package.path


def mermaid_js() -> Path:
    return vendored(MERMAID)


def cytoscape_js() -> Path:
    return vendored(CYTOSCAPE)


if __name__ == "__main__":
    try:
        for package in PACKAGES:
            print(f"{package.name} {package.version}: {fetch(package, force='--force' in sys.argv)}")
    except VendorError as err:
        sys.exit(f"error: {err}")
