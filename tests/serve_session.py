"""``mkdocs serve``, the README's command, run on a copy of the site: for the
edit-loop tests and the benchmark, which edit files while it serves."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

# MkDocs' live-reload script carries the site version the page shows:
# ``livereload(<epoch>, <request id>)``, injected before ``</body>``.
LIVERELOAD_SCRIPT = re.compile(rb"<script>\s*var livereload = function.*?livereload\((\d+), \d+\);\s*</script>", re.S)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServeSession:
    """``mkdocs serve`` in ``project`` on a free port, its log kept."""

    def __init__(self, project: Path, startup_timeout: float = 300) -> None:
        self.project = project
        port = free_port()
        self.url = f"http://127.0.0.1:{port}/"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
        env.pop("SITE_URL", None)  # serve names its own address
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        self.log: list[str] = []
        threading.Thread(target=self._read_log, daemon=True).start()
        deadline = time.monotonic() + startup_timeout
        while not any("Serving on" in line for line in self.log):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("mkdocs serve did not start:\n" + "\n".join(self.log))
            time.sleep(0.1)

    def _read_log(self) -> None:
        for line in self.process.stdout:
            self.log.append(line.rstrip())

    def get(self, path: str, timeout: float = 120) -> tuple[int, bytes]:
        """Status and body of ``path``, without the live-reload script."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        return status, LIVERELOAD_SCRIPT.sub(b"", body)

    def epoch(self) -> int:
        """The site version the server shows now."""
        with urllib.request.urlopen(self.url, timeout=120) as response:
            return int(LIVERELOAD_SCRIPT.search(response.read()).group(1))

    def wait_for_reload(self, epoch: int, timeout: float = 120) -> int:
        """Wait, as a browser's live-reload script does, for a version newer than ``epoch``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with urllib.request.urlopen(f"{self.url}livereload/{epoch}/1", timeout=timeout) as response:
                newer = int(response.read())
            if newer > epoch:
                return newer
        raise TimeoutError("the site was not rebuilt:\n" + "\n".join(self.log[-30:]))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> ServeSession:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
