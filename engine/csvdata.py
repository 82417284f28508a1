"""Your own data: a CSV file's bytes -> a Dataset, or one DataError naming the row and column.

The file: UTF-8 (a BOM is allowed), comma-, semicolon- or tab-separated (chosen from the first rows),
quoted fields allowed, a header row or not (a first row that is not all numbers is a header; without
one the columns are "column 1", "column 2", ...). Rows are numbered as a spreadsheet shows them: the
first line of the file is row 1. Feature columns hold numbers; the target column is chosen by name.

Untrusted input: the size is checked before decoding, the column count on the first row, the row count
while reading, and the numbers go straight into one float array, so no file costs more than a few times
its own size in memory.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import re

import numpy as np

from engine.data_errors import DataError, check_seed, check_standardize, check_test_fraction, count
from engine.data_record import Dataset, targets
from engine.datasets import split, standardise
from engine.fields import MAX_WIDTH, describe, quote

MAX_BYTES = 5_000_000
MAX_ROWS = 10_000
MAX_FEATURES = 256
MIN_ROWS = 4
MAX_LINE_FIELDS = 4 * (MAX_FEATURES + 1)  # delimiters in one line (quoted text may hold some) before csv reads it
MAX_CLASSES = MAX_WIDTH  # one output neuron per class
AUTO_CLASSES = 20  # task "auto": a target of whole numbers with at most this many values is a class label
TASKS = ("auto", "classification", "regression")
DELIMITERS = (",", ";", "\t")
BOM = b"\xef\xbb\xbf"
MISSING = frozenset({"", "na", "n/a", "null", "none", "?", "-"})  # what spreadsheets leave for "no value"
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_NONFINITE = re.compile(r"[+-]?(nan|inf|infinity)", re.IGNORECASE)


def _text(raw) -> str:
    """The file's text: size checked first, then UTF-8 (BOM dropped); DataError otherwise."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        raise DataError("not_bytes", value=describe(raw))
    size = raw.nbytes if isinstance(raw, memoryview) else len(raw)
    if size > MAX_BYTES:
        raise DataError("too_big", size=count(size), limit=count(MAX_BYTES))
    raw = bytes(raw)
    skip = len(BOM) if raw.startswith(BOM) else 0
    try:
        text = raw[skip:].decode("utf-8")
    except UnicodeDecodeError as e:
        at = skip + e.start
        raise DataError("not_utf8", offset=count(at), row=raw.count(b"\n", 0, at) + 1) from None
    if not text.strip():
        raise DataError("empty")
    return text


def _delimiter(text: str) -> str:
    """The delimiter that splits the first rows into the most fields, the same number in each (else a comma)."""
    head = text[:65536]
    best, best_n = ",", 1
    for d in DELIMITERS:
        if d not in head:
            continue
        try:
            rows = [r for _, r in zip(range(20), csv.reader(io.StringIO(head, newline=""), delimiter=d)) if r]
        except csv.Error:
            continue
        lengths = {len(r) for r in rows[:-1] or rows}  # the last row may be cut by the 64 KB sample
        if len(lengths) == 1 and (n := lengths.pop()) > best_n:
            best, best_n = d, n
    return best


def _lines(text: str, delimiter: str):
    """The file's lines for csv.reader, refusing one with far more fields than any file may have before
    csv splits it (a 5 MB line of commas would be millions of strings)."""
    for i, line in enumerate(io.StringIO(text, newline=""), 1):
        if line.count(delimiter) > MAX_LINE_FIELDS:
            raise DataError("long_row", row=i, limit=count(MAX_LINE_FIELDS), features=count(MAX_FEATURES))
        yield line


def _records(text: str):
    """(row number, stripped cells) of each non-blank record; csv's own errors as DataError."""
    d = _delimiter(text)
    reader = csv.reader(_lines(text, d), delimiter=d)
    row = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise DataError("csv_syntax", row=row + 1, detail=str(e)[:80]) from None
        row += 1
        cells = [c.strip() for c in cells]
        if any(cells):  # a blank line, or one of empty cells only (",,,"), is skipped but still counted
            yield row, cells


def _is_number(cell: str) -> bool:
    return bool(_NUMBER.fullmatch(cell))


def _header(first: list[str]) -> tuple[list[str], bool]:
    """Column names from the first record, and whether it is a header (any cell that is not a number)."""
    has_header = any(c and not _is_number(c) for c in first)
    if not has_header:
        return [f"column {j + 1}" for j in range(len(first))], False
    names = [c or f"column {j + 1}" for j, c in enumerate(first)]
    return names, True


def _columns(records) -> tuple[list[str], bool, tuple[int, list[str]]]:
    """(names, has_header, first record) with the column count and duplicate names checked."""
    first = next(records, None)
    if first is None:
        raise DataError("empty")
    cells = first[1]
    if len(cells) > MAX_FEATURES + 1:
        raise DataError("too_many_columns", columns=count(len(cells)), limit=count(MAX_FEATURES))
    names, has_header = _header(cells)
    seen: dict[str, int] = {}
    for j, name in enumerate(names):
        if name in seen:
            raise DataError("duplicate_column", first=seen[name] + 1, second=j + 1, column=quote(name))
        seen[name] = j
    return names, has_header, first


def csv_columns(raw: bytes) -> tuple[list[str], bool]:
    """The column names (the header's, or "column 1".."column n" when the first row is numbers) and
    whether the file has a header row. DataError for a file that cannot be read this far."""
    names, has_header, _ = _columns(_records(_text(raw)))
    return names, has_header


def _bad_cell(row: int, column: str, cell: str) -> DataError:
    """The DataError for a cell that is not a finite number."""
    if cell.lower() in MISSING:
        return DataError("missing", row=row, column=quote(column))
    if _NONFINITE.fullmatch(cell) or _is_number(cell):  # 1e999: a number, but too large for float64
        return DataError("not_finite", row=row, column=quote(column), value=quote(cell, 20))
    return DataError("not_number", row=row, column=quote(column), value=quote(cell, 20))


def _numbers(cells: list[str], row: int, names) -> list[float]:
    """The cells as finite floats, or the DataError of the first that is not one (names: each cell's column)."""
    try:
        nums = [float(c) for c in cells]
        ok = all(map(math.isfinite, nums)) and not any("_" in c for c in cells)  # float() takes 1_000
    except ValueError:
        ok = False
    if not ok:
        for c, name in zip(cells, names):
            if not _is_number(c) or not math.isfinite(float(c)):
                raise _bad_cell(row, name, c)
    return nums


def _read(text: str, target):
    """(x, target cells, their rows, feature names) of every data row, each cell checked."""
    records = _records(text)
    names, has_header, first = _columns(records)
    if not isinstance(target, str) or target not in names:
        shown = quote(target) if isinstance(target, str) else describe(target)
        raise DataError("unknown_target", target=shown, columns=", ".join(quote(n, 20) for n in names)[:200])
    t = names.index(target)
    feats = [j for j in range(len(names)) if j != t]
    if not feats:
        raise DataError("no_features", column=quote(target))
    feat_names = [names[j] for j in feats]
    x = np.empty((min(MAX_ROWS, text.count("\n") + text.count("\r") + 1), len(feats)))
    ys, yrows = [], []
    for row, cells in itertools.chain(() if has_header else (first,), records):
        if len(ys) == MAX_ROWS:
            raise DataError("too_many_rows", limit=count(MAX_ROWS))
        if len(cells) != len(names):
            raise DataError("row_length", row=row, found=len(cells), expected=len(names))
        x[len(ys)] = _numbers([cells[j] for j in feats], row, feat_names)
        ys.append(cells[t])
        yrows.append(row)
    if not ys:
        raise DataError("header_only")
    if len(ys) < MIN_ROWS:
        raise DataError("few_rows", rows=len(ys), minimum=MIN_ROWS)
    return x[: len(ys)], ys, yrows, feat_names


def _class_name(v: float) -> str:
    return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)


def _target(ys: list[str], rows: list[int], column: str, task: str):
    """(task, y, labels, classes) from the target cells: the Dataset's task and y, class indices or None."""
    for c, r in zip(ys, rows):
        if not c:
            raise DataError("missing", row=r, column=quote(column))
    numeric = [_is_number(c) for c in ys]
    if any(numeric):  # a column of numbers: "NA", "-", "nan" in it are gaps, not a class of their own
        for c, r, ok in zip(ys, rows, numeric):
            if not ok and (c.lower() in MISSING or _NONFINITE.fullmatch(c)):
                raise _bad_cell(r, column, c)
    vals = None
    if all(numeric):
        vals = np.array([float(c) for c in ys])
        if not np.isfinite(vals).all():  # 1e999
            i = int(np.argmax(~np.isfinite(vals)))
            raise _bad_cell(rows[i], column, ys[i])
    if task == "auto":
        if vals is not None:
            whole = bool(np.all(vals == np.round(vals)))
            task = "classification" if whole and len(np.unique(vals)) <= AUTO_CLASSES else "regression"
        else:
            task = "classification" if not any(numeric) or len(set(ys)) <= AUTO_CLASSES else "regression"
    if task == "regression":
        if vals is None:
            i = numeric.index(False)
            raise _bad_cell(rows[i], column, ys[i])
        return "regression", vals.reshape(-1, 1), None, ()
    if vals is not None:
        uniq, labels = np.unique(vals, return_inverse=True)
        names = [_class_name(float(v)) for v in uniq]
    else:
        names = sorted(set(ys))
        index = {c: i for i, c in enumerate(names)}
        labels = np.array([index[c] for c in ys])
    k = len(names)
    if k > MAX_CLASSES:
        raise DataError("too_many_classes", column=quote(column), count=count(k), limit=count(MAX_CLASSES))
    if k == 1:
        raise DataError("one_class", column=quote(column), label=quote(names[0], 30))
    kind = "binary" if k == 2 else "multiclass"
    labels = labels.ravel().astype(int)
    return kind, targets(kind, labels, k), labels, tuple(names)


def dataset_from_csv(
    raw: bytes,
    target: str,
    task: str = "auto",
    standardize: bool = False,
    test_fraction: float = 0.2,
    seed: int = 0,
    source: str = "data.csv",
) -> Dataset:
    """A Dataset from a CSV file's bytes, with `target` (a column name) as y and every other column a feature.

    task "auto": a target of text, or of whole numbers with at most 20 distinct values, is a class label
    (2 classes: binary; more: multiclass, one-hot, classes sorted); anything else is regression.
    "classification" or "regression" forces it. standardize: each feature to mean 0, std 1 over the
    training rows. The split is make's: seeded, stratified by class where possible.
    Anything wrong with the file or the arguments is one DataError naming where (row, column).
    """
    if task not in TASKS:
        raise DataError("bad_task", value=quote(task) if isinstance(task, str) else describe(task))
    standardize = check_standardize(standardize)
    test_fraction = check_test_fraction(test_fraction)
    seed = check_seed(seed)
    x, ys, rows, features = _read(_text(raw), target)
    kind, y, labels, classes = _target(ys, rows, target, task)
    if labels is not None and math.ceil(test_fraction * len(ys)) > 0:
        counts = np.bincount(labels)
        if counts.min() < 2:
            j = int(np.argmin(counts))
            raise DataError(
                "few_samples", column=quote(target), label=quote(classes[j], 30), count=int(counts[j]), minimum=2
            )
    x_tr, y_tr, x_te, y_te = split(x, y, labels, test_fraction, seed)
    scaling = None
    if standardize:
        x_tr, x_te, scaling = standardise(x_tr, x_te, features)
    return Dataset(
        "csv",
        kind,
        *(np.ascontiguousarray(a, dtype=float) for a in (x_tr, y_tr, x_te, y_te)),
        features=tuple(features),
        classes=classes,
        scaling=scaling,
        source=str(source)[:200],
    )
