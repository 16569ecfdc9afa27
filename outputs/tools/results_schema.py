#!/usr/bin/python3
"""The one declaration of the results layout (outputs/results_schema.toml), and the checks against it.

    results_schema.py check RESULTS.h5 [...]      every group, variable, dimension and unit of the files is declared,
                                                  the root attributes and format_version are the declared ones
    results_schema.py check-docs DOC.md          every declared variable and root attribute is documented
    results_schema.py declare RESULTS.h5 [...]   print the declaration the files imply (to review a layout change:
                                                  diff it against results_schema.toml, then bump format_version)

A results file has one of three layouts (root attribute `layout`): a single run ("run"), a batch ("batch": one run
per scenario under /scenarios/<name>/ and /comparison) or several areas ("areas": one run per area under
/areas/<code>/ and /region). The groups of a run are declared once, under [run.<group>], wherever they sit. A
declared variable may be absent (a run without services has no /services), but one that is present must have the
declared dimensions, in order, and unit.
"""
import sys
import tomllib
from pathlib import Path

import h5py

SCHEMA = Path(__file__).resolve().parent.parent / "results_schema.toml"
CONTAINERS = ("scenarios", "areas")  # /scenarios/<name>/<group>, /areas/<code>/<group>: groups of one run


def load_schema(path=SCHEMA):
    with open(path, "rb") as f:
        return tomllib.load(f)


def text(value):
    if isinstance(value, bytes):
        return value.decode()
    if hasattr(value, "tolist"):
        value = value.tolist()
        if isinstance(value, list) and len(value) == 1:
            value = value[0]
        return value.decode() if isinstance(value, bytes) else str(value)
    return str(value)


def dims_of(ds):
    return [dim[len(dim) - 1].name.split("/")[-1] if len(dim) else "" for dim in ds.dims]


def declared_name(path):
    """("run", "services") for /services, /scenarios/x/services and /areas/E08000025/services; ("batch",
    "comparison") for /comparison; ("areas", "region") for /region."""
    parts = path.strip("/").split("/")
    if parts[0] in CONTAINERS and len(parts) >= 3:
        return "run", "/".join(parts[2:])
    if parts[0] == "comparison":
        return "batch", "/".join(parts)
    if parts[0] == "region":
        return "areas", "/".join(parts)
    return "run", "/".join(parts)


def is_scale(obj):
    return "CLASS" in obj.attrs and text(obj.attrs["CLASS"]) == "DIMENSION_SCALE"


def variables_of(h5):
    """(section, group, variable) -> (dims, units) for every dataset of the file, the dimension scales as
    ("dimensions", "", name) -> ([], units)."""
    found = {}

    def visit(name, obj):
        if not isinstance(obj, h5py.Dataset):
            return
        group, _, variable = name.rpartition("/")
        units = text(obj.attrs["units"]) if "units" in obj.attrs else ""
        if is_scale(obj):
            found[("dimensions", "", variable)] = ([], units)
            return
        section, group_name = declared_name(group)
        found[(section, group_name, variable)] = (dims_of(obj), units)

    h5.visititems(visit)
    return found


def root_attribute_problems(path, h5, schema):
    """The root, and each nested run's header group, carry exactly the attributes [root] declares for the layout."""
    layout = text(h5.attrs.get("layout", "run"))
    headers = [("/", h5.attrs, layout)]
    for container in CONTAINERS:
        if container in h5:
            headers += [(f"/{container}/{name}", h5[container][name].attrs, "run") for name in h5[container]]
    problems = []
    for where, attrs, kind in headers:
        declared = schema.get("root", {}).get(kind)
        if declared is None:
            problems.append(f"{path}: {where} has layout {kind!r}, which [root] does not declare")
            continue
        extra = sorted(set(attrs.keys()) - set(declared))
        missing = sorted(set(declared) - set(attrs.keys()))
        if extra:
            problems.append(f"{path}: {where} attributes {extra} are not declared in [root].{kind}")
        if missing:
            problems.append(f"{path}: {where} lacks the declared attributes {missing}")
    return problems


def check(paths, schema):
    problems = []
    for path in paths:
        with h5py.File(path, "r") as h5:
            version = text(h5.attrs.get("format_version", ""))
            if version != schema["format_version"]:
                problems.append(f"{path}: format_version {version!r}, declared {schema['format_version']!r}")
            problems += root_attribute_problems(path, h5, schema)
            for (section, group, variable), (dims, units) in sorted(variables_of(h5).items()):
                if section == "dimensions":
                    declared = schema["dimensions"].get(variable)
                    if declared is None:
                        problems.append(f"{path}: dimension {variable!r} is not declared in {SCHEMA.name}")
                    elif units != declared["units"]:
                        problems.append(f"{path}: dimension {variable!r} has units {units!r}, declared "
                                        f"{declared['units']!r}")
                    continue
                declared = schema.get(section, {}).get(group, {}).get(variable)
                where = f"{path}: {section} group {group!r} variable {variable!r}"
                if declared is None:
                    problems.append(f"{where} is not declared in {SCHEMA.name}")
                    continue
                if dims != declared["dims"]:
                    problems.append(f"{where} has dimensions {dims}, declared {declared['dims']}")
                if units != declared["units"]:
                    problems.append(f"{where} has units {units!r}, declared {declared['units']!r}")
    return problems


def check_docs(doc, schema):
    """Every declared variable is named in the document, on a line that also gives its unit."""
    lines = Path(doc).read_text(encoding="utf-8").splitlines()
    problems = []
    for name, declared in schema["dimensions"].items():
        if not any(f"`{name}`" in line for line in lines):
            problems.append(f"{doc}: dimension {name} is not documented")
    for layout, names in schema.get("root", {}).items():
        problems += [f"{doc}: root attribute {name} of the {layout} layout is not documented"
                     for name in names if not any(f"`{name}`" in line for line in lines)]
    for section in ("run", "batch", "areas"):
        for group, variables in schema.get(section, {}).items():
            for variable, declared in variables.items():
                # A `_summary` twin of a declared variable is documented by the twins' rule.
                if variable.endswith("_summary") and variable[: -len("_summary")] in variables:
                    continue
                named = [line for line in lines if f"`{variable}`" in line]
                if not named:
                    problems.append(f"{doc}: {section} {group}/{variable} is not documented")
                elif declared["units"] not in ("", "1") and not any(declared["units"] in line for line in named):
                    problems.append(f"{doc}: {section} {group}/{variable}: no line names it with its unit "
                                    f"{declared['units']!r}")
    return problems


def declare(paths):
    found = {}
    roots = {}
    version = ""
    for path in paths:
        with h5py.File(path, "r") as h5:
            version = text(h5.attrs.get("format_version", ""))
            roots[text(h5.attrs.get("layout", "run"))] = list(h5.attrs.keys())
            for key, value in variables_of(h5).items():
                if key in found and found[key] != value:
                    sys.exit(f"{path}: {key} differs between files: {found[key]} against {value}")
                found[key] = value
    out = [f'format_version = "{version}"', "", "[root]"]
    for layout, names in sorted(roots.items()):
        quoted = ", ".join('"' + name + '"' for name in names)
        out.append(f"{layout} = [{quoted}]")
    out += ["", "[dimensions]"]
    for (s, _, name), (_, units) in sorted(found.items()):
        if s == "dimensions":
            out.append(f'{name} = {{ units = "{units}" }}')
    out.append("")
    for section in ("run", "batch", "areas"):
        groups = sorted({g for s, g, _ in found if s == section})
        for group in groups:
            out.append(f'[{section}."{group}"]')
            for (s, g, variable), (dims, units) in sorted(found.items()):
                if s == section and g == group:
                    dims_text = ", ".join(f'"{d}"' for d in dims)
                    units_text = units.replace('"', '\\"')
                    out.append(f'{variable} = {{ dims = [{dims_text}], units = "{units_text}" }}')
            out.append("")
    return "\n".join(out)


def main(argv):
    if len(argv) < 3 or argv[1] not in ("check", "check-docs", "declare"):
        sys.exit(__doc__)
    if argv[1] == "declare":
        print(declare(argv[2:]))
        return 0
    schema = load_schema()
    problems = check(argv[2:], schema) if argv[1] == "check" else check_docs(argv[2], schema)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"results_schema: {' '.join(argv[2:])} match {SCHEMA.name} (format {schema['format_version']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
