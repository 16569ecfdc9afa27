"""Exit 0 when two results files (or a group of each) hold the same values, bit for bit.

    same_results.py A.h5 B.h5 [GROUP_IN_A [GROUP_IN_B]]

Every dataset and attribute under the two groups (default: the roots) must match, except timing, process
and thread counts, the resolved scenario text (it names the output folder) and HDF5's dimension-scale
references (file addresses).
"""
import sys

import h5py
import numpy as np

IGNORED = ("started_utc", "finished_utc", "processes", "threads", "scenario_toml", "DIMENSION_LIST", "REFERENCE_LIST")


def main(path_a, path_b, group_a="/", group_b="/"):
    a, b = h5py.File(path_a)[group_a], h5py.File(path_b)[group_b]
    differences, datasets = [], 0

    def compare_attributes(name, x, y):
        for key in set(x.attrs) | set(y.attrs):
            if key in IGNORED:
                continue
            if key not in x.attrs or key not in y.attrs or not np.array_equal(x.attrs[key], y.attrs[key]):
                differences.append(f"{name} attribute {key}")

    def visit(name, obj):
        nonlocal datasets
        if name not in b:
            differences.append(name + " missing")
            return
        compare_attributes(name, obj, b[name])
        if isinstance(obj, h5py.Dataset):
            datasets += 1
            x, y = obj[()], b[name][()]
            if x.shape != y.shape or x.dtype != y.dtype or not np.array_equal(x, y):
                differences.append(name)

    compare_attributes(group_a, a, b)
    a.visititems(visit)
    b.visititems(lambda name, obj: differences.append(name + " extra") if name not in a else None)
    print(f"compared {datasets} datasets; differences: {differences}")
    return 1 if differences or datasets == 0 else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
