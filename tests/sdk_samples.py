"""Find the code samples in docs/ and check them against the real packages.

Python samples are analysed, not run (most talk to Azure). For each sample:

- every name it imports from a checked package (``CHECKED_ROOTS``) must exist;
- every call to such a name, or to a method of ``ml_client`` or of an object
  the sample built, may only pass keyword arguments the real signature accepts;
- where all arguments are known offline (literals, imported names, objects
  built earlier in the sample), the call is made for real, so the entity is
  constructed with the sample's own arguments.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from macros.markdown_text import FENCE, segments

# Every package a sample may import from; each is pinned in requirements-test.txt.
CHECKED_ROOTS = (
    "azure.ai.ml", "mlflow", "azure.ai.evaluation", "azure.search.documents", "promptflow",
    "openai", "azureml.featurestore", "fairlearn",
)
UNKNOWN = object()


@dataclass
class Sample:
    page: str
    line: int
    language: str
    code: str
    # A quiz item's code may use the files its chapter shows (`# prep.yml`): that page.
    context: str = ""

    @property
    def id(self) -> str:
        # A quiz item's code is named by its file and id: data/quizzes/x.yml#item-id.
        return self.page if "#" in self.page else f"{self.page}:{self.line}"


def code_samples(docs: Path) -> list[Sample]:
    samples = []
    for path in sorted(docs.rglob("*.md")):
        line = 1
        for is_code, lines in segments(path.read_text(encoding="utf-8")):
            if is_code:
                opening = FENCE.match(lines[0])
                info = lines[0][opening.end():].strip()
                language = info.split()[0].strip("{}.").lower() if info else ""
                body = lines[1:-1] if len(lines) > 1 else []
                code = textwrap.dedent("".join(body))
                samples.append(Sample(path.relative_to(docs).as_posix(), line, language, code))
            line += len(lines)
    return samples


# An option written as one code span (`min_instances`) fills its gap with the code alone.
_CODE_SPAN = re.compile(r"(`+)\s?(.*?)\s?\1", re.S)


def code_items(root: Path) -> list[Sample]:
    """Every code-with-blanks item of the quizzes (case studies' included),
    each blank filled with its right option: the code a reader completes."""
    import yaml

    from macros.schema import BLANK_MARKER, QuizFile

    samples = []
    for path in sorted((root / "data" / "quizzes").glob("*.yml")):
        quiz = QuizFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        for item in quiz.answerable():
            if item.kind != "code":
                continue
            right = {blank.id: next(o.text for o in blank.options if o.correct) for blank in item.blanks}
            span = lambda text: (lambda whole: whole.group(2) if whole else text)(_CODE_SPAN.fullmatch(text))
            code = BLANK_MARKER.sub(lambda marker: span(right[marker.group(1)]), item.code)
            samples.append(Sample(f"{path.relative_to(root).as_posix()}#{item.id}", 1, item.language, code,
                                  item.teaches.partition("#")[0]))
    return samples


def _alias_removed_rest_clients() -> None:
    """azureml-featurestore 1.2.2 imports REST client modules that azure-ai-ml 1.35
    removed (readers pin azure-ai-ml 1.34.1 for it, as the feature store chapter says).
    Pointing those names at today's models lets the suite check the feature store
    samples against the real azureml-featurestore signatures beside the current SDK."""
    import sys
    import types

    from azure.ai.ml._restclient.arm_ml_service import models

    for name in ("v2023_02_01_preview", "v2023_04_01_preview"):
        package = f"azure.ai.ml._restclient.{name}"
        if package not in sys.modules and importlib.util.find_spec("azure.ai.ml._restclient") is not None:
            try:
                importlib.import_module(package)
            except ImportError:
                module = types.ModuleType(package)
                module.__path__ = []
                module.models = models
                sys.modules[package] = module
                sys.modules[f"{package}.models"] = models


def _checked(module: str) -> bool:
    return any(module == root or module.startswith(root + ".") for root in CHECKED_ROOTS)


def offline_ml_client():
    _alias_removed_rest_clients()
    from azure.ai.ml import MLClient
    from azure.identity import DefaultAzureCredential

    # Construction is offline; only operations reach Azure, and none is called.
    return MLClient(DefaultAzureCredential(), "00000000-0000-0000-0000-000000000000", "rg", "ws")


def accepted_keywords(target) -> tuple[set[str], bool]:
    """Explicit keyword names a callable accepts, and whether it takes **kwargs."""
    functions = [c.__init__ for c in inspect.getmro(target) if "__init__" in vars(c)] if inspect.isclass(target) else [target]
    names, var_keyword = set(), False
    for function in functions:
        try:
            parameters = inspect.signature(function).parameters.values()
        except (TypeError, ValueError):
            return set(), True
        for parameter in parameters:
            if parameter.kind is inspect.Parameter.VAR_KEYWORD:
                var_keyword = True
            elif parameter.kind is not inspect.Parameter.VAR_POSITIONAL:
                names.add(parameter.name)
    return names, var_keyword


@dataclass
class Analysis:
    problems: list[str] = field(default_factory=list)
    constructed: list[str] = field(default_factory=list)


class SampleChecker(ast.NodeVisitor):
    def __init__(self, ml_client):
        self.names: dict[str, object] = {"ml_client": ml_client}
        self.result = Analysis()

    # -- imports --------------------------------------------------------------
    def visit_Import(self, node):
        for alias in node.names:
            if _checked(alias.name):
                try:
                    module = importlib.import_module(alias.name)
                except ImportError as error:
                    self.result.problems.append(f"line {node.lineno}: import {alias.name}: {error}")
                    continue
                top = alias.asname or alias.name.split(".")[0]
                self.names[top] = module if alias.asname else importlib.import_module(top)

    def visit_ImportFrom(self, node):
        if not node.module or not _checked(node.module):
            return
        try:
            module = importlib.import_module(node.module)
        except ImportError as error:
            self.result.problems.append(f"line {node.lineno}: from {node.module}: {error}")
            return
        for alias in node.names:
            value = getattr(module, alias.name, UNKNOWN)
            if value is UNKNOWN:
                try:
                    value = importlib.import_module(f"{node.module}.{alias.name}")
                except ImportError:
                    self.result.problems.append(f"line {node.lineno}: {node.module} has no name '{alias.name}'")
                    continue
            self.names[alias.asname or alias.name] = value

    # -- evaluation of what can be known offline ------------------------------
    def evaluate(self, node):
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            return self.names.get(node.id, UNKNOWN)
        if isinstance(node, ast.Attribute):
            base = self.evaluate(node.value)
            if base is UNKNOWN:
                return UNKNOWN
            value = getattr(base, node.attr, UNKNOWN)
            if value is UNKNOWN and inspect.ismodule(base) and _checked(base.__name__):
                try:
                    value = importlib.import_module(f"{base.__name__}.{node.attr}")
                except ImportError:
                    self.result.problems.append(f"line {node.lineno}: {base.__name__} has no attribute '{node.attr}'")
            elif value is UNKNOWN and self._is_checked_object(base):
                self.result.problems.append(f"line {node.lineno}: {type(base).__name__} has no attribute '{node.attr}'")
            return value
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            items = [self.evaluate(e) for e in node.elts]
            if any(item is UNKNOWN for item in items):
                return UNKNOWN
            return {ast.List: list, ast.Tuple: tuple, ast.Set: set}[type(node)](items)
        if isinstance(node, ast.Dict):
            keys = [self.evaluate(k) if k is not None else UNKNOWN for k in node.keys]
            values = [self.evaluate(v) for v in node.values]
            return UNKNOWN if any(v is UNKNOWN for v in [*keys, *values]) else dict(zip(keys, values))
        if isinstance(node, ast.JoinedStr):
            parts = []
            for value in node.values:
                known = self.evaluate(value.value) if isinstance(value, ast.FormattedValue) else value.value
                parts.append("placeholder" if known is UNKNOWN else str(known))
            return "".join(parts)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            value = self.evaluate(node.operand)
            return UNKNOWN if value is UNKNOWN else -value
        if isinstance(node, ast.Call):
            return self.call(node)
        return UNKNOWN

    @staticmethod
    def _is_checked_object(value) -> bool:
        module = getattr(type(value), "__module__", "") or ""
        return _checked(module) and not inspect.ismodule(value)

    def call(self, node: ast.Call):
        target = self.evaluate(node.func)
        if target is UNKNOWN or not callable(target):
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                self.evaluate(argument)
            return UNKNOWN
        owner = getattr(target, "__self__", None)
        is_routine = inspect.isclass(target) or inspect.isroutine(target)
        module = getattr(target, "__module__", "") if is_routine else type(target).__module__
        if not (_checked(module or "") or (owner is not None and self._is_checked_object(owner))):
            return UNKNOWN
        name = getattr(target, "__qualname__", "") if is_routine else f"{type(target).__name__} object"
        vanished = []
        if is_routine:
            # Calling a built job with inputs (``job(reg_rate=...)``) takes any
            # name, so only functions, methods and classes are checked here.
            names, var_keyword = accepted_keywords(target)
            for keyword in node.keywords:
                if keyword.arg and keyword.arg not in names:
                    if var_keyword:
                        vanished.append(keyword.arg)
                    else:
                        self.result.problems.append(f"line {node.lineno}: {name}() has no parameter '{keyword.arg}'")
        args = [self.evaluate(a) for a in node.args]
        kwargs = {k.arg: self.evaluate(k.value) for k in node.keywords}
        # Identity checks: some SDK objects raise from __eq__ against other types.
        unknown = any(v is UNKNOWN for v in [*args, *kwargs.values()])
        value = UNKNOWN
        if self._safe_offline(target, owner) and not unknown and None not in kwargs:
            try:
                value = target(*args, **kwargs)
                self.result.constructed.append(name)
            except Exception as error:
                # Files the sample names (a conda file, a code folder) are not here:
                # that is the sample's context, not a wrong argument.
                if not (isinstance(error, OSError) or "No such file or directory" in str(error)):
                    self.result.problems.append(f"line {node.lineno}: {name}(...) raised {type(error).__name__}: {error}")
        # A name taken by **kwargs is fine when the built object really has it
        # (``automl.classification(compute=...)`` sets ``job.compute``).
        for keyword in vanished:
            if value is UNKNOWN or not hasattr(value, keyword):
                self.result.problems.append(
                    f"line {node.lineno}: {name}() has no parameter '{keyword}' (it would vanish into **kwargs)"
                )
        return value

    @staticmethod
    def _safe_offline(target, owner) -> bool:
        """Only calls that build objects in memory: no Azure, no files, no MLflow runs."""
        if owner is not None:
            kind = type(owner).__name__
            return not (kind == "MLClient" or kind.endswith("Operations") or inspect.ismodule(owner))
        if inspect.isclass(target):
            return True
        if not inspect.isroutine(target):
            return _checked(type(target).__module__)  # e.g. calling a built job with inputs
        module = getattr(target, "__module__", "") or ""
        return module.startswith("azure.ai.ml") and not target.__name__.startswith("load_")

    # -- statements ------------------------------------------------------------
    def visit_Assign(self, node):
        value = self.evaluate(node.value)
        for target in node.targets:
            if isinstance(target, ast.Name):
                self.names[target.id] = value
            elif isinstance(target, ast.Attribute):
                base = self.evaluate(target.value)
                if base is not UNKNOWN and value is not UNKNOWN and self._is_checked_object(base):
                    try:
                        setattr(base, target.attr, value)
                    except Exception as error:
                        self.result.problems.append(f"line {node.lineno}: setting {target.attr} raised {error}")

    def visit_Expr(self, node):
        self.evaluate(node.value)

    def generic_visit(self, node):
        # Calls nested in other statements (with, for, return, decorators...).
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Call):
                self.evaluate(child)
            else:
                self.visit(child)


def analyse(code: str, ml_client) -> Analysis:
    checker = SampleChecker(ml_client)
    checker.visit(ast.parse(code))
    return checker.result


# -- YAML samples: loaded with azure-ai-ml's own loaders ----------------------
# The schema file a sample names decides the loader; a schema missing here fails
# the test, so every new kind of sample is mapped on purpose.
LOADER_BY_SCHEMA = {
    **dict.fromkeys(
        ["commandJob", "sweepJob", "pipelineJob", "sparkJob", "autoMLJob", "imageClassificationJob",
         "imageObjectDetectionJob", "imageInstanceSegmentationJob", "textClassificationJob",
         "textClassificationMultilabelJob", "textNerJob", "classificationJob", "regressionJob",
         "forecastingJob", "dataImportJob"], "load_job"),
    **dict.fromkeys(["commandComponent", "sparkComponent", "pipelineComponent"], "load_component"),
    **dict.fromkeys(["computeInstance", "amlCompute", "synapseSpark", "kubernetesCompute", "vmCompute"], "load_compute"),
    **dict.fromkeys(["azureBlob", "azureDataLakeGen2", "azureFile", "oneLake"], "load_datastore"),
    **dict.fromkeys(["batchDeployment", "modelBatchDeployment", "pipelineComponentBatchDeployment"], "load_batch_deployment"),
    **dict.fromkeys(["schedule", "monitorSchedule"], "load_schedule"),
    **dict.fromkeys(["managedOnlineDeployment", "kubernetesOnlineDeployment"], "load_online_deployment"),
    **dict.fromkeys(["managedOnlineEndpoint", "kubernetesOnlineEndpoint"], "load_online_endpoint"),
    "environment": "load_environment",
    "data": "load_data",
    "model": "load_model",
    "batchEndpoint": "load_batch_endpoint",
    "serverlessEndpoint": "load_serverless_endpoint",
    "registry": "load_registry",
    "workspace": "load_workspace",
    "featureStore": "load_feature_store",
    "featureSet": "load_feature_set",
    "featureStoreEntity": "load_feature_store_entity",
}
SDK_SCHEMA_HOST = "azuremlschemas.azureedge.net/latest/"
# Placeholders for the local files a sample points at (its code folder, its conda file).
CONDA_PLACEHOLDER = "name: sample\nchannels: [conda-forge]\ndependencies: [python=3.11, pip]\n"


def sdk_schema(sample: Sample) -> str | None:
    """The Azure ML schema kind a YAML sample declares (``commandJob``), or None."""
    import yaml

    document = yaml.safe_load(sample.code)
    schema = document.get("$schema", "") if isinstance(document, dict) else ""
    if SDK_SCHEMA_HOST not in schema:
        return None
    return schema.rsplit("/", 1)[-1].split(".")[0]


def file_name(sample: Sample) -> str | None:
    """The file a sample says it is, from a first line such as ``# prep.yml``."""
    first = sample.code.lstrip().splitlines()[0] if sample.code.strip() else ""
    name = first[1:].strip() if first.startswith("#") else ""
    return name if name and " " not in name and "." in name and "/" not in name else None


def load_yaml_sample(sample: Sample, page_samples: list[Sample], folder: Path):
    """Load ``sample`` with the azure-ai-ml loader for its schema, in a folder that
    holds the other files its page shows and placeholders for its local paths."""
    import yaml

    kind = sdk_schema(sample)
    if kind not in LOADER_BY_SCHEMA:
        raise LookupError(f"no azure-ai-ml loader is mapped for schema '{kind}' (tests/sdk_samples.py LOADER_BY_SCHEMA)")
    named = [other for other in page_samples if other.language in {"yaml", "yml", "python", "py"} and file_name(other)]
    for other in named:
        (folder / file_name(other)).write_text(other.code, encoding="utf-8")
    # A pipeline loads the component files it names, so theirs count too.
    for other in [sample, *(o for o in named if o.language in {"yaml", "yml"})]:
        _place_local_paths(yaml.safe_load(other.code), folder)
    target = folder / (file_name(sample) or "sample.yml")
    target.write_text(sample.code, encoding="utf-8")
    # load_schedule is public in the CLI's sense but not exported at the top level.
    from azure.ai.ml.entities import _load_functions

    return getattr(_load_functions, LOADER_BY_SCHEMA[kind])(target)


def _place_local_paths(document, folder: Path) -> None:
    for key, value in _local_paths(document):
        path = folder / value
        if path.exists():
            continue
        if key == "conda_file":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(CONDA_PLACEHOLDER, encoding="utf-8")
        elif key in {"code", "path"} and not path.suffix:
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("", encoding="utf-8")


def _local_paths(node, key=None):
    """(key, value) for every relative local path in a YAML document."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _local_paths(v, k)
    elif isinstance(node, list):
        for item in node:
            yield from _local_paths(item, key)
    elif isinstance(node, str) and key in {"code", "conda_file", "path", "entry", "file"}:
        if not re.match(r"^[a-z][a-z0-9+.-]*:", node) and not node.startswith("/") and "${{" not in node:
            yield key, node
