"""Every string field of the data files, found through their schemas.

Tests that must reach every field (hostile strings, broken links) walk these
instead of a hand-made list, so a field added to a schema, or a new kind of
data file, is covered without changing the tests.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, Tag

from macros import schema

# Which schema each data file follows; a folder stands for every file in it.
MODELS = {
    "data/glossary": schema.GlossaryFile,
    "data/tables": schema.ComparisonTable,
    "data/quizzes": schema.QuizFile,
    "data/diagrams": schema.Diagram,
    "data/exam/outline.yml": schema.Outline,
    "data/exam/coverage.yml": schema.Coverage,
}
# The kinds of string a contributor writes: free text, and links to sections. Ids are neither.
KINDS = {get_args(schema.Text)[1]: "text", get_args(schema.SectionLink)[1]: "link"}


@dataclass(frozen=True)
class Field:
    file: str     # relative to the content root, e.g. "data/quizzes/chapter.yml"
    path: tuple   # keys and list indices into the parsed YAML
    kind: str     # "text" or "link"
    value: str    # as written, or the schema's default when the file leaves it out

    def __str__(self) -> str:
        return self.file.removeprefix("data/") + ":" + ".".join(map(str, self.path))


def model_of(rel: str) -> type[BaseModel]:
    for prefix, model in MODELS.items():
        if rel == prefix or rel.startswith(prefix + "/"):
            return model
    raise LookupError(f"{rel}: no schema in tests/data_fields.py MODELS; add the new kind of data file there")


def _strings(annotation, value, path: tuple):
    """(path, kind, value) of each text or link string in ``value``, read as ``annotation``."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        if args[0] is str:
            kind = KINDS.get(args[1])
            if kind and isinstance(value, str):
                yield path, kind, value
        else:
            yield from _strings(args[0], value, path)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(value, dict):
        for name, info in annotation.model_fields.items():
            typed = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
            if name in value:
                yield from _strings(typed, value[name], path + (name,))
            elif isinstance(info.default, str):  # left out, the default shows
                yield from _strings(typed, info.default, path + (name,))
    elif origin in (list, tuple) and isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(args[0] if origin is list else args[index], item, path + (index,))
    elif origin is dict and isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(args[1], item, path + (key,))
    elif origin in (Union, types.UnionType):
        # A discriminated union (quiz items told apart by `kind`): only the
        # member of the value's kind; any other union: every member.
        tagged = {tag.tag: option for option in args if get_origin(option) is Annotated
                  for tag in get_args(option)[1:] if isinstance(tag, Tag)}
        if tagged and isinstance(value, dict):
            member = tagged.get(value.get("kind", "choice"))
            yield from _strings(member, value, path) if member else ()
            return
        for option in args:
            yield from _strings(option, value, path)


def data_fields(root: Path) -> list[Field]:
    """Every text and link field of the data under ``root/data``."""
    found = []
    for file in sorted((root / "data").rglob("*.yml")):
        rel = file.relative_to(root).as_posix()
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        found += [Field(rel, path, kind, value) for path, kind, value in _strings(model_of(rel), data, ())]
    return found


def set_field(data, path: tuple, value) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value
