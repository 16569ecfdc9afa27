"""Reference summary tables of a results file: extract them as text, and compare two sets of them.

    summary_tables.py extract RESULTS_H5 OUT_DIR      write one CSV per summary table into OUT_DIR
    summary_tables.py compare REFERENCE_DIR NEW_DIR   exit 1 (listing what moved) unless they agree

A summary table is every dataset whose name ends in `_summary` (mean and 5th/50th/95th percentiles over
replications), and every dataset of `/comparison` (a batch's savings against its baseline) and of `/region`
(a multi-area run's sums). Per-replication arrays are left out: the summaries move whenever one of them does,
and they keep the references small enough to read in a diff.

Each table is written long in its leading dimensions and wide in its last one, with the coordinate labels,
as `%.10g`: ten significant digits. Two tables agree when every value satisfies
|new - reference| <= 1e-9 × max(|new|, |reference|) + 1e-9 (the *stated precision* of the regression tier),
and their labels and shapes are identical. dayopps gives bit-identical results for the same inputs and seed,
so any difference beyond that is a change of numbers, intended or not.
"""
import csv
import math
import os
import sys

import h5py
import numpy as np

RELATIVE_TOLERANCE = 1e-9
ABSOLUTE_TOLERANCE = 1e-9


def is_reference_table(name, dataset):
    parts = name.split("/")
    if not isinstance(dataset, h5py.Dataset) or dataset.ndim == 0 or dataset.dtype.kind not in "iuf":
        return False
    if dataset.attrs.get("CLASS", b"") == b"DIMENSION_SCALE":
        return False
    return parts[-1].endswith("_summary") or "comparison" in parts[:-1] or "region" in parts[:-1]


def labels_of(dataset, axis):
    """The coordinate labels of one axis, from its dimension scale, or 0..n-1 without one."""
    scales = dataset.dims[axis]
    if len(scales) > 0:
        values = scales[0][()]
        return [v.decode() if isinstance(v, bytes) else str(v) for v in values]
    return [str(i) for i in range(dataset.shape[axis])]


def dimension_names(dataset):
    names = []
    for axis in range(dataset.ndim):
        scales = dataset.dims[axis]
        names.append(os.path.basename(scales[0].name) if len(scales) > 0 else f"axis{axis}")
    return names


def format_value(x):
    if isinstance(x, (np.integer, int)):
        return str(int(x))
    return "%.10g" % float(x)


def extract(results_path, out_dir):
    tables = 0
    with h5py.File(results_path, "r") as f:
        found = []
        f.visititems(lambda name, obj: found.append(name) if is_reference_table(name, obj) else None)
        for name in sorted(found):
            dataset = f[name]
            data = dataset[()]
            path = os.path.join(out_dir, name + ".csv")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            dims = dimension_names(dataset)
            labels = [labels_of(dataset, a) for a in range(dataset.ndim)]
            with open(path, "w", newline="") as out:
                writer = csv.writer(out, lineterminator="\n")
                writer.writerow(dims[:-1] + [f"{dims[-1]}={label}" for label in labels[-1]])
                if dataset.ndim == 1:
                    writer.writerow([format_value(v) for v in data])
                else:
                    for index in np.ndindex(*data.shape[:-1]):
                        row = [labels[a][i] for a, i in enumerate(index)]
                        writer.writerow(row + [format_value(v) for v in data[index]])
            tables += 1
    if tables == 0:
        sys.exit(f"summary_tables: {results_path} holds no summary tables")
    print(f"summary_tables: {tables} tables from {results_path}")


def read_table(path):
    with open(path, newline="") as f:
        return list(csv.reader(f))


def is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def compare_tables(reference_path, new_path):
    """None when the tables agree, else a one-line description of what moved."""
    old, new = read_table(reference_path), read_table(new_path)
    if old[0] != new[0] or len(old) != len(new):
        return "layout changed (header or number of rows)"
    moved, largest, first = 0, 0.0, None
    for row_old, row_new in zip(old[1:], new[1:]):
        if len(row_old) != len(row_new):
            return "layout changed (number of columns)"
        for column, (a, b) in enumerate(zip(row_old, row_new)):
            if not (is_number(a) and is_number(b)):
                if a != b:
                    return f"labels changed ({a!r} -> {b!r})"
                continue
            x, y = float(a), float(b)
            if math.isnan(x) and math.isnan(y):
                continue
            if not abs(y - x) <= RELATIVE_TOLERANCE * max(abs(x), abs(y)) + ABSOLUTE_TOLERANCE:
                moved += 1
                relative = abs(y - x) / max(abs(x), abs(y), 1e-300)
                largest = max(largest, relative)
                if first is None:
                    first = f"{old[0][column] if column < len(old[0]) else column} at {row_old[:3]}: {a} -> {b}"
    if moved:
        return f"{moved} values moved (largest relative change {largest:.3g}; first: {first})"
    return None


def csv_files(root):
    found = set()
    for folder, _, files in os.walk(root):
        for name in files:
            if name.endswith(".csv"):
                found.add(os.path.relpath(os.path.join(folder, name), root))
    return found


def compare(reference_dir, new_dir):
    old, new = csv_files(reference_dir), csv_files(new_dir)
    problems = [f"{name}: no longer written" for name in sorted(old - new)]
    problems += [f"{name}: new table, not in the references" for name in sorted(new - old)]
    for name in sorted(old & new):
        moved = compare_tables(os.path.join(reference_dir, name), os.path.join(new_dir, name))
        if moved:
            problems.append(f"{name}: {moved}")
    for problem in problems:
        print("  " + problem)
    print(f"summary_tables: {len(old & new)} tables compared, {len(problems)} differ")
    return 1 if problems or not old else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "extract":
        extract(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    else:
        sys.exit(__doc__)
