# SPDX-License-Identifier: MIT
"""Publish a built site to an nginx server as a new release, swapped in atomically.

    python scripts/deploy_release.py site/ /srv/jiuzhu --reload "nginx -s reload" --check-url https://jiuzhu.example.org/

Layout (deploy/nginx.conf serves ``/srv/jiuzhu/current``)::

    /srv/jiuzhu/releases/<id>/        a copy of site/ (modification times kept: they are the ETags)
    /srv/jiuzhu/releases/<id>.json    the fingerprinted files this build made
    /srv/jiuzhu/current -> releases/<id>

Steps:

1. copy ``site/`` to ``releases/<id>/``, plus the previous release's own fingerprinted files that this
   build no longer has (a page opened just before the swap still finds its bundles; kept for one release);
2. the Content-Security-Policy: nginx reads ``current/_headers.nginx`` (the policies the build wrote)
   only when it reloads. To avoid a moment where new pages go out with old policies (their inline
   scripts would be blocked), the policies of old *and* new pages are loaded first (reload), then
   ``current`` is swapped, then the new policies alone are loaded (reload again);
3. releases beyond ``--keep`` are deleted (never the current one).

With ``--check-url`` each reload is confirmed by asking nginx for a page whose policy changes (until
every answer for a second is the new one);
without it the script waits two seconds after each reload. Without ``--reload`` nothing is reloaded
(for a first test of the layout; nginx then still sends the policies it loaded last).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build"))
from publish.csp import format_nginx_map, merge_policies, read_nginx_map  # noqa: E402
from publish.serve import is_fingerprinted  # noqa: E402

MAP_FILE = "_headers.nginx"
STABLE = 1.0  # seconds of consistent answers that confirm a reload


class DeployError(RuntimeError):
    pass


def fingerprinted_files(site: Path) -> list[str]:
    return sorted(rel for p in site.rglob("*") if p.is_file() and is_fingerprinted(rel := p.relative_to(site).as_posix()))


def new_release(site: Path, releases: Path, release_id: str, previous: Path | None) -> Path:
    target = releases / release_id
    if target.exists():
        raise DeployError(f"{target} exists already")
    tmp = releases / f".{release_id}.partial"
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(site, tmp, symlinks=False)
    own = fingerprinted_files(site)
    carried = 0
    if previous is not None:
        manifest = previous.with_name(previous.name + ".json")
        old_own = json.loads(manifest.read_text(encoding="utf-8"))["own"] if manifest.is_file() else []
        for rel in old_own:
            src, dst = previous / rel, tmp / rel
            if src.is_file() and not dst.exists():
                dst.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(src, dst)
                except OSError:
                    shutil.copy2(src, dst)
                carried += 1
    tmp.rename(target)
    (releases / f"{release_id}.json").write_text(json.dumps({"own": own, "carried_from_previous": carried}, indent=1), encoding="utf-8")
    return target


def swap(current: Path, target: Path) -> None:
    """Point ``current`` at ``target`` in one rename (never a moment without a site)."""
    link = current.with_name(current.name + ".new")
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(os.path.relpath(target, current.parent))
    os.replace(link, current)


def csp_header(url: str) -> str | None:
    req = urllib.request.Request(url, method="HEAD")
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.headers.get("Content-Security-Policy")
    except OSError:
        return None


def reload_and_confirm(reload_cmd: str, check_url: str, loaded: dict[str, str], before: dict[str, str], timeout: float = 60) -> None:
    """Reload nginx; return once it answers with the policies in ``loaded`` (one page whose policy differs
    from ``before`` is asked for), or after two seconds when there is no URL to ask."""
    if not reload_cmd:
        return
    subprocess.run(shlex.split(reload_cmd), check=True)
    probe = next((path for path, policy in loaded.items() if before.get(path) != policy), None)
    if not check_url:
        time.sleep(2)
        return
    if probe is None:
        return  # nothing observable changes
    # After a reload nginx starts new workers and, 100 ms later, tells the old ones to stop accepting: until
    # then either may answer. Confirmed = every answer for STABLE seconds (new connections) is the new one.
    url = urljoin(check_url, probe)
    end = time.monotonic() + timeout
    since = None
    while True:
        now = time.monotonic()
        if csp_header(url) == loaded[probe]:
            since = now if since is None else since
            if now - since >= STABLE:
                return
        else:
            since = None
        if now > end:
            raise DeployError(f"nginx did not load the new policies within {timeout:.0f} s ({url})")
        time.sleep(0.05)


def deploy(site: Path, base: Path, reload_cmd: str = "", check_url: str = "", keep: int = 3, release_id: str = "") -> Path:
    if not (site / "index.html").is_file() or not (site / MAP_FILE).is_file():
        raise DeployError(f"{site} is not a built site (no index.html or {MAP_FILE}); run mkdocs build first")
    releases = base / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    current = base / "current"
    previous = current.resolve() if current.is_symlink() else None
    release_id = release_id or datetime.now().strftime("%Y%m%d-%H%M%S")
    target = new_release(site, releases, release_id, previous)

    new_map = read_nginx_map((target / MAP_FILE).read_text(encoding="utf-8"))
    if previous is None:
        swap(current, target)
        reload_and_confirm(reload_cmd, check_url, new_map, {})
    else:
        old_file = previous / MAP_FILE
        old_text = old_file.read_text(encoding="utf-8") if old_file.is_file() else ""
        old_map = read_nginx_map(old_text)
        both = {path: merge_policies(old_map[path], new_map[path]) if path in old_map and path in new_map
                else new_map.get(path) or old_map[path] for path in {**old_map, **new_map}}
        # nginx includes current/_headers.nginx: for the swap, the release being served lists both.
        old_file.write_text(format_nginx_map(both, f"old and new policies while {release_id} is swapped in"), encoding="utf-8")
        try:
            reload_and_confirm(reload_cmd, check_url, both, old_map)
            swap(current, target)
            reload_and_confirm(reload_cmd, check_url, new_map, both)
        finally:
            old_file.write_text(old_text, encoding="utf-8")  # a rollback to it gets its own policies back
    prune(releases, target, keep)
    return target


def prune(releases: Path, current: Path, keep: int) -> None:
    def deployed(p: Path) -> float:  # the manifest is written when the release is made
        manifest = p.with_name(p.name + ".json")
        return manifest.stat().st_mtime if manifest.is_file() else p.stat().st_mtime

    done = sorted((p for p in releases.iterdir() if p.is_dir() and not p.name.startswith(".")), key=deployed)
    for old in done[: max(0, len(done) - keep)]:
        if old != current:
            shutil.rmtree(old)
            old.with_name(old.name + ".json").unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="publish site/ as a new nginx release (atomic swap, CSP reloaded without a gap)")
    ap.add_argument("site", type=Path)
    ap.add_argument("base", type=Path, help="e.g. /srv/jiuzhu (deploy/nginx.conf serves <base>/current)")
    ap.add_argument("--reload", default="", help='e.g. "nginx -s reload" or "systemctl reload nginx"')
    ap.add_argument("--check-url", default="", help="the site's address, to confirm each reload (e.g. https://jiuzhu.example.org/)")
    ap.add_argument("--keep", type=int, default=3, help="releases kept (for a rollback: ln -sfn releases/<id> current, then reload)")
    ap.add_argument("--id", default="", help="release name (default: the time)")
    args = ap.parse_args(argv)
    try:
        target = deploy(args.site, args.base, args.reload, args.check_url, args.keep, args.id)
    except (DeployError, subprocess.CalledProcessError) as exc:
        print(f"发布失败 / deploy failed: {exc}", file=sys.stderr)
        return 1
    print(f"now serving {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
