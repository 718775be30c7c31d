# SPDX-License-Identifier: MIT
"""Real Debian nginx for the deploy tests: deploy/nginx.conf, as a county would install it, run from
a temporary prefix (its own nginx.conf modelled on Debian's, pid, logs and temp folders there; no
system paths written) on a free loopback port."""

from __future__ import annotations

import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from deploy_release import deploy  # noqa: E402,F401  (re-exported for the tests)
from upload_plan import plan_site  # noqa: E402,F401

RECIPE = ROOT / "deploy" / "nginx.conf"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def site_conf(recipe: str, base: Path, port: int, brotli: bool) -> str:
    """The recipe with the county's three edits: where the releases live, the port, and the brotli line
    deleted when the module is not installed (as the recipe says)."""
    text = recipe.replace("/srv/jiuzhu", str(base))
    text, n = re.subn(r"^(\s*)listen 80;", rf"\1listen 127.0.0.1:{port};", text, flags=re.M)
    assert n == 1, "deploy/nginx.conf: expected one `listen 80;`"
    text = re.sub(r"^\s*listen \[::\]:80;\n", "", text, flags=re.M)
    if not brotli:
        text, n = re.subn(r"^\s*brotli_static on;.*\n", "", text, flags=re.M)
        assert n <= 1
    return text


class Nginx:
    """``nginx -p PREFIX -c PREFIX/nginx.conf`` in the foreground (``daemon off``) serving ``base/current``."""

    def __init__(self, prefix: Path, base: Path, recipe: str | None = None):
        exe = nginx_binary()
        if exe is None:
            raise RuntimeError("Debian package 'nginx' is not installed (bash scripts/setup.sh installs it)")
        self.exe, self.prefix, self.base = exe, prefix, base
        self.port = free_port()
        self.brotli = BROTLI_MODULE.is_file()
        self.url = f"http://127.0.0.1:{self.port}/"
        prefix.mkdir(parents=True, exist_ok=True)
        for d in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (prefix / "temp" / d).mkdir(parents=True, exist_ok=True)
        shutil.copy(MIME_TYPES, prefix / "mime.types")
        recipe_text = recipe if recipe is not None else RECIPE.read_text(encoding="utf-8")
        (prefix / "jiuzhu.conf").write_text(site_conf(recipe_text, base, self.port, self.brotli), encoding="utf-8")
        user = f"user {pwd.getpwuid(os.getuid()).pw_name};\n" if os.geteuid() == 0 else ""  # workers read tmp files
        module = f"load_module {BROTLI_MODULE};\n" if self.brotli else ""
        p = prefix
        (prefix / "nginx.conf").write_text(
            f"""{module}{user}daemon off;
worker_processes 1;
pid {p}/nginx.pid;
error_log {p}/error.log warn;
events {{ worker_connections 256; }}
http {{
    # as Debian's /etc/nginx/nginx.conf
    sendfile on;
    tcp_nopush on;
    include mime.types;
    default_type application/octet-stream;
    access_log {p}/access.log;
    client_body_temp_path {p}/temp/body;
    proxy_temp_path {p}/temp/proxy;
    fastcgi_temp_path {p}/temp/fastcgi;
    uwsgi_temp_path {p}/temp/uwsgi;
    scgi_temp_path {p}/temp/scgi;
    include jiuzhu.conf;    # /etc/nginx/sites-enabled/jiuzhu
}}
""",
            encoding="utf-8",
        )
        self.proc: subprocess.Popen | None = None

    def command(self, *extra: str) -> list[str]:
        return [self.exe, "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf"), "-e", str(self.prefix / "error.log"), *extra]

    @property
    def reload_command(self) -> str:
        return " ".join(self.command("-s", "reload"))

    def check(self) -> None:
        proc = subprocess.run(self.command("-t"), capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr

    def start(self, timeout: float = 30) -> None:
        self.check()
        with open(self.prefix / "stderr.log", "wb") as err:  # the child keeps its own copy of the handle
            self.proc = subprocess.Popen(self.command(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        end = time.monotonic() + timeout
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError("nginx exited: " + self.error_log()) from None
                if time.monotonic() > end:
                    raise RuntimeError("nginx did not start: " + self.error_log()) from None
                time.sleep(0.1)

    def error_log(self) -> str:
        log = self.prefix / "error.log"
        return log.read_text(encoding="utf-8", errors="replace")[-3000:] if log.exists() else ""

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGQUIT)  # graceful: the master stops its workers
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def __enter__(self) -> Nginx:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def get(url: str, encoding: str = "", method: str = "GET"):
    """(status, headers, body) without following redirects or decoding."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    req = urllib.request.Request(url, method=method, headers={"Accept-Encoding": encoding} if encoding else {"Accept-Encoding": "identity"})
    try:
        with opener.open(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


# ------------------------------------------------------------------ a second build, next year's data

def copy_project(dest: Path) -> Path:
    """What a build needs, in ``dest``, without touching the repository: the project's code with the demo
    content the tests run on (``demo_project.make_project``), the slow steps' caches shared (keyed by content)."""
    from demo_project import make_project

    return make_project(dest)


def add_dated_value(jurisdiction_file: Path, parameter: str, entry: list[str]) -> None:
    """Append a dated value to one parameter's history, the way staff record next year's standard
    (a new list item under the existing key, README “Updating a standard”)."""
    lines = jurisdiction_file.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"  {parameter}:\n")
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"^ {0,2}\S", lines[i])), len(lines))
    lines[end:end] = [line + "\n" for line in entry]
    jurisdiction_file.write_text("".join(lines), encoding="utf-8")


def mkdocs_build(project: Path, out: Path, public_url: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=project, capture_output=True, text=True,
        # JZ_RECORD_PAGES: pages of docs/ added since the demo content was frozen are recorded (as conftest.demo_build).
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "JZ_PUBLIC_URL": public_url, "JZ_RECORD_PAGES": "1"},
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
