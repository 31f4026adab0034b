"""The one exception type content problems raise.

Every message names the file, the entry and the field, so a contributor can fix
the data without reading Python.
"""

from __future__ import annotations

import yaml


class ContentError(ValueError):
    """Bad content: a data file, a page or a macro call that cannot be rendered."""

    def __init__(self, file: str, entry: str, field: str, problem: str):
        self.file = file
        self.entry = entry
        self.field = field
        self.problem = problem
        super().__init__(f"{file}: {entry}: field '{field}': {problem}")


def load_yaml_mapping(text: str, file: str, field: str, first_line: int = 1, hint: str = "") -> dict:
    """Parse YAML that must be a mapping; any problem becomes a ContentError
    pointing at the line (``first_line`` is where ``text`` starts in ``file``)."""
    try:
        # The C loader when PyYAML has it: data is read on every build.
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + first_line}" if mark else "file"
        raise ContentError(file, where, field, f"{getattr(error, 'problem', error)}{hint}") from None
    if not isinstance(data, dict):
        raise ContentError(file, "file" if field == "YAML" else field, "(top level)", "expected a mapping of fields")
    return data
