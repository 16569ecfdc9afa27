"""Check the imports of the chart scripts: they share a reader module and never import one another.

Usage: /usr/bin/python3 tests/python/check_chart_imports.py OUTPUTS_CHARTS_DIR

Parses every outputs/charts/*.py with ast (nothing is imported or run) and fails, listing each problem, when:
- a chart script (population_charts.py, service_charts.py, ...) imports another chart script or make_charts;
- a shared module (results_reader.py, chart_style.py) imports a chart script or make_charts;
- any module imports make_charts.py, the dispatcher, which only the dayopps binary runs;
- make_charts.py defines a plot function (it only dispatches; the charts live in the chart scripts);
- the imports between the local modules form a cycle.
Imports anywhere in a file count, also inside functions and through importlib.import_module("name").
Prints "check_chart_imports: N modules ok" and exits 0 when there is nothing to report.
"""

import ast
import os
import sys

SHARED = {"results_reader", "chart_style"}  # what every chart script may import
DISPATCHER = "make_charts"  # imports the chart scripts; imported by nothing


def imported_names(tree):
    """Top-level names of every module the file imports."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.module:
                names.add(node.module.split(".")[0])
            else:  # from . import name
                names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in ("import_module", "__import__"):
                names.add(node.args[0].value.lstrip(".").split(".")[0])
    return names


def find_cycle(graph):
    """One import cycle as a list of modules [a, b, ..., a], or None."""
    state = {}  # module -> 1 while on the stack, 2 when done

    def visit(module, path):
        state[module] = 1
        for dep in sorted(graph[module]):
            if state.get(dep) == 1:
                return path[path.index(dep):] + [dep]
            if dep not in state:
                found = visit(dep, path + [dep])
                if found:
                    return found
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state:
            found = visit(module, [module])
            if found:
                return found
    return None


def main(argv):
    if len(argv) != 1:
        print("usage: check_chart_imports.py OUTPUTS_CHARTS_DIR", file=sys.stderr)
        return 2
    folder = argv[0]
    files = sorted(f for f in os.listdir(folder) if f.endswith(".py"))
    local = {f[:-3] for f in files}
    problems = []
    for required in sorted(SHARED | {DISPATCHER}):
        if required not in local:
            problems.append(f"{required}.py is missing from {folder}")

    graph = {}
    for name in files:
        module = name[:-3]
        path = os.path.join(folder, name)
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), filename=path)
        graph[module] = imported_names(tree) & local - {module}
        for dep in sorted(graph[module]):
            if dep == DISPATCHER:
                problems.append(f"{name} imports {DISPATCHER}.py, the dispatcher (import results_reader instead)")
            elif module == DISPATCHER or dep in SHARED:
                continue
            elif module in SHARED:
                problems.append(f"{name} is a shared module but imports the chart script {dep}.py")
            else:
                problems.append(f"{name} imports the chart script {dep}.py (share code through "
                                f"{' or '.join(sorted(SHARED))} instead)")
        if module == DISPATCHER:
            plots = [node.name for node in tree.body
                     if isinstance(node, ast.FunctionDef) and node.name.startswith("plot_")]
            if plots:
                problems.append(f"{name} defines {', '.join(plots)}: it only dispatches, the charts belong in "
                                "a chart script")

    cycle = find_cycle(graph)
    if cycle:
        problems.append("import cycle: " + " -> ".join(f"{m}.py" for m in cycle))

    for problem in problems:
        print(f"check_chart_imports: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"check_chart_imports: {len(files)} modules ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
