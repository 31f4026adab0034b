"""Where a build's time goes: runs ``mkdocs build`` with the given arguments
in this process, timing each phase, and prints the phases as JSON.

    python benchmarks/build_phases.py [mkdocs build options]

Used by run.py to explain the build-time ratio; the phases are MkDocs' own
steps, timed by wrapping the functions and plugin events that run them.
"""

from __future__ import annotations

import atexit
import collections
import json
import sys
import time

started = time.perf_counter()  # before MkDocs is imported: imports are part of a build

from mkdocs import plugins  # noqa: E402
from mkdocs.__main__ import cli  # noqa: E402
from mkdocs.commands import build  # noqa: E402
from mkdocs.structure import pages  # noqa: E402

PHASE_OF_EVENT = {
    "config": "load configuration and data",
    "page_markdown": "run macros on pages",
    "page_context": "index pages for search",
    "post_build": "after the build (print page, exports)",
}
spent: collections.Counter[str] = collections.Counter()


def timed(phase_of, function):
    def wrapper(*args, **kwargs):
        phase = phase_of(*args)
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            if phase:
                spent[phase] += time.perf_counter() - start
    return wrapper


plugins.PluginCollection.run_event = timed(lambda self, name, *rest: PHASE_OF_EVENT.get(name), plugins.PluginCollection.run_event)
pages.Page.render = timed(lambda *args: "convert Markdown to HTML", pages.Page.render)
# Rendering a page's template includes the search plugin's page_context
# event, counted above: it is taken off when printing.
build._build_page = timed(lambda *args: "render page templates", build._build_page)


def report() -> None:
    phases = dict(spent)
    phases["render page templates"] -= phases.get("index pages for search", 0.0)
    phases["start-up and the rest"] = time.perf_counter() - started - sum(phases.values())
    print(json.dumps({name: round(seconds, 3) for name, seconds in phases.items()}))


if __name__ == "__main__":
    atexit.register(report)
    sys.argv = ["mkdocs", "build", *sys.argv[1:]]
    cli()
