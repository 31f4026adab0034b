"""The one exception type content problems raise.

Every message names the file, the entry and the field, so a contributor can fix
the data without reading Python.
"""

from __future__ import annotations

from pathlib import Path

import yaml


class ContentError(ValueError):
    """Bad content: a data file, a page or a macro call that cannot be rendered."""

    def __init__(self, file: str, entry: str, field: str, problem: str):
        self.file = file
        self.entry = entry
        self.field = field
        self.problem = problem
        super().__init__(f"{file}: {entry}: field '{field}': {problem}")


def read_text(path: Path, file: str) -> str:
    """A data file or page as text; bytes that are not UTF-8 are a ContentError
    naming the line, not a bare UnicodeDecodeError."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise ContentError(file, f"line {line}", "(encoding)",
                           f"byte 0x{data[error.start]:02x} at column {column} is not UTF-8; save the file as UTF-8") from None


# The C loader when PyYAML has it: data is read on every build.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BaseLoader):
    """YAML's safe loader, except that a key given twice in one mapping is an
    error: PyYAML keeps the last value and drops the first without a word."""

    def construct_mapping(self, node, deep=False):
        first_at: dict[str, int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in first_at:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key '{key_node.value}' (first given at line {first_at[key_node.value]})",
                        key_node.start_mark)
                first_at[key_node.value] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep)


def load_yaml_mapping(text: str, file: str, field: str, first_line: int = 1, hint: str = "") -> dict:
    """Parse YAML that must be a mapping; any problem becomes a ContentError
    pointing at the line (``first_line`` is where ``text`` starts in ``file``)."""
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + first_line}" if mark else "file"
        raise ContentError(file, where, field, f"{getattr(error, 'problem', error)}{hint}") from None
    if not isinstance(data, dict):
        raise ContentError(file, "file" if field == "YAML" else field, "(top level)", "expected a mapping of fields")
    return data
