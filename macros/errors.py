"""The one exception type content problems raise.

Every message names the file, the entry and the field, so a contributor can fix
the data without reading Python.
"""

from __future__ import annotations


class ContentError(ValueError):
    """Bad content: a data file, a page or a macro call that cannot be rendered."""

    def __init__(self, file: str, entry: str, field: str, problem: str):
        self.file = file
        self.entry = entry
        self.field = field
        self.problem = problem
        super().__init__(f"{file}: {entry}: field '{field}': {problem}")
