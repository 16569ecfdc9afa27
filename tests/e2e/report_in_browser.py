"""Open report.html in headless Chromium and check what a reader sees (issue 22).

    report_in_browser.py REPORT_HTML RESULTS_H5 SCREENSHOT_PNG [--pdf REPORT_PDF]

Drives Debian's chromium through the DevTools protocol (python3-websocket) and checks that:
  - the page loads with no console errors, no uncaught exceptions and no failed resource loads;
  - the first screen (1280x800) opens on the summary: its heading and figures are in view;
  - every figure in the summary (elements with data-key) equals the one in results.h5, read here with
    h5py and numpy independently of the notebook, to the rounding the report states (people to the
    nearest 10, money to the last digit shown in £k or £m);
  - every chart has alt text; the sections come in the order of the issue;
  - a batch: the Scenarios section says in words whether each scenario saves or costs, to the cut-off year and as
    an NPV, with figures equal to results.h5, and shows the savings waterfall with alt text;
  - when the run has a /calibration group: History and validation shows the day-care history chart (with alt text)
    and the backcast error of every series (when the group has one), equal to results.h5 to the one decimal shown;
  - when the run has a /care_need group: Drivers shows the growth a year of adults with a learning disability, equal
    to outputs/charts/ld_growth.py's computation; for a batch holding the two scenarios of scripts/ld_growth.sh, the
    whole decomposition (chart with alt text, adults added by driver and growth a year of each run, with 90%
    intervals) equals ld_growth.decompose, and otherwise the section names scripts/ld_growth.sh;
  - with --pdf: report.pdf holds the eight sections, in order, each from the top of a new page (pdftotext).
Keeps a PNG of the first screen at SCREENSHOT_PNG. Exit 0 when all pass; each failure is printed.
"""

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import h5py
import numpy as np
import websocket  # Debian: python3-websocket

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "outputs" / "charts"))
import ld_growth  # noqa: E402  the decomposition the report must show (scripts/ld_growth.sh)

CHROMIUM = os.environ.get("DAYOPPS_CHROMIUM", "/usr/bin/chromium")
WIDTH, HEIGHT = 1280, 800
SECTIONS = ["1. Summary", "2. Demand", "3. Cost", "4. Scenarios", "5. History and validation", "6. Drivers",
            "7. Equality view", "8. Appendix"]
failures = []


def check(ok, what):
    print(("ok      " if ok else "FAILED  ") + what)
    if not ok:
        failures.append(what)


class Browser:
    """One headless Chromium with one page, spoken to over the DevTools websocket."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="dayopps-chromium.")
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--hide-scrollbars", f"--window-size={WIDTH},{HEIGHT}", f"--user-data-dir={self.profile}",
             "--remote-debugging-port=0", "--remote-allow-origins=*", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(self.profile) / "DevToolsActivePort"
        for _ in range(300):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        else:
            self.close()
            raise RuntimeError("chromium did not open its DevTools port within 30 s")
        port = port_file.read_text().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0
        self.events = []

    def send(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if any(e.get("method") == event for e in self.events):
                return True
            self.events.append(json.loads(self.ws.recv()))
        return False

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def close(self):
        try:
            self.ws.close()
        except Exception:
            pass
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def console_errors(events):
    errors = []
    for e in events:
        method, p = e.get("method"), e.get("params", {})
        if method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            errors.append("console." + p["type"] + ": " + " ".join(str(a.get("value", a.get("description")))
                                                                   for a in p.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            errors.append("exception: " + p["exceptionDetails"].get("text", ""))
        elif method == "Log.entryAdded" and p["entry"].get("level") == "error":
            errors.append(f"{p['entry'].get('source')}: {p['entry'].get('text')} {p['entry'].get('url', '')}")
        elif method == "Network.loadingFailed":
            errors.append(f"load failed: {p.get('errorText')}")
    return errors


# --- The figures of results.h5 the summary must show ------------------------------------------------------
def strings(ds):
    return [str(s) for s in ds.asstr()[()]]


def expected_figures(results):
    """data-key -> exact value (persons or GBP), computed from results.h5."""
    out = {}
    with h5py.File(results, "r") as f:
        batch = f.attrs.get("layout") in ("batch", b"batch")
        run = f["scenarios"][str(f.attrs["baseline"])] if batch else f
        g = run["services"]
        services, years, fys = strings(g["service"]), [int(y) for y in g["year"][()]], strings(g["financial_year"])

        def put(key, per_rep):
            per_rep = np.asarray(per_rep, dtype=float)
            out[f"{key}:mean"] = per_rep.mean()
            out[f"{key}:p05"], out[f"{key}:p95"] = np.percentile(per_rep, [5, 95])

        for name in ("users", "demand"):
            by_service = g[name][()].sum(axis=(3, 4, 5))  # (replication, year, service)
            for i, y in enumerate(years):
                put(f"{name}:all:{y}", by_service[:, i].sum(axis=1))
                for k, s in enumerate(services):
                    put(f"{name}:{s}:{y}", by_service[:, i, k])
        for key, name in (("unmet", "unmet_demand"), ("waiting", "waiting")):
            total = g[name][()].sum(axis=(2, 3, 4, 5))
            for i, y in enumerate(years):
                put(f"{key}:all:{y}", total[:, i])
        if "cost_total" in g:
            for i, fy in enumerate(fys):
                put(f"cost:{fy}", g["cost_total"][:, i])
        if batch:
            c = f["comparison"]
            names, stats = strings(c["scenario"]), strings(c["statistic"])
            # The file's own summaries: an independent path to the same numbers.
            for key, name in (("saving_to_cutoff", "savings_to_cutoff_summary"), ("npv", "net_present_value_summary")):
                for k, scenario in enumerate(names):
                    for stat in ("mean", "p05", "p95"):
                        out[f"{key}:{scenario}:{stat}"] = float(c[name][k, stats.index(stat)])
        base, horizon = int(run.attrs["base_year"]), int(run.attrs["horizon"])
        mape = None  # backcast error per series from /calibration; None: no such group (no calibrated parameters)
        if "calibration" in run:
            c = run["calibration"]
            mape = dict(zip(strings(c["backcast_series"]), (float(v) for v in c["mape_percent"][()]))) \
                if "backcast_series" in c else {}
    return out, batch, base, horizon, fys, mape


def expected_ld(results):
    """data-key -> value of the learning-disability figures in Drivers, from ld_growth (None: no care_need group),
    and whether the file is a batch the decomposition applies to."""
    with h5py.File(results, "r") as f:
        run = f[ld_growth.results_reader.run_group(f)]
        if "care_need" not in run:
            return None, False
        out = {}
        if ld_growth.missing_scenarios(f):
            people, years = ld_growth.adults_with_ld(f)
            for stat, v in zip(("mean", "p05", "p95"), ld_growth.band(ld_growth.growth_a_year(people, years))):
                out[f"ld:growth:baseline:{stat}"] = float(v)
            return out, False
        d = ld_growth.decompose(f)
    for key, row in zip(("population", "cohort_trend", "survival"), d.rows):
        out.update({f"ld:added:{key}:{stat}": v for stat, v in zip(("mean", "p05", "p95"), row[1:])})
    for row in d.growth_rows:
        out.update({f"ld:growth:{row[0].replace(' ', '_')}:{stat}": v for stat, v in zip(("mean", "p05", "p95"), row[1:])})
    out["ld:start:mean"], out["ld:end:mean"] = float(np.mean(d.start)), float(np.mean(d.end))
    return out, True


def parse(text):
    """Displayed figure -> (value, half a unit of its last digit)."""
    t = text.strip().replace(",", "").replace("−", "-")
    m = re.fullmatch(r"(-?)£(\d+(?:\.\d+)?)([km])", t)
    if m:
        scale = 1e6 if m.group(3) == "m" else 1e3
        decimals = len(m.group(2).split(".")[1]) if "." in m.group(2) else 0
        value = float(m.group(2)) * scale * (-1 if m.group(1) else 1)
        return value, 0.5 * scale * 10 ** -decimals
    if re.fullmatch(r"-?\d+", t):
        return float(t), 5.0  # people: to the nearest 10
    raise ValueError(f"not a figure the report formats: {text!r}")


def main(argv):
    html_path, results, shot = Path(argv[1]).resolve(), argv[2], Path(argv[3])
    pdf = Path(argv[argv.index("--pdf") + 1]) if "--pdf" in argv else None
    expected, batch, base, horizon, fys, mape = expected_figures(results)
    ld_expected, ld_split = expected_ld(results)

    browser = Browser()
    try:
        browser.send("Page.enable")
        browser.send("Runtime.enable")
        browser.send("Log.enable")
        browser.send("Network.enable")
        browser.send("Emulation.setDeviceMetricsOverride", width=WIDTH, height=HEIGHT, deviceScaleFactor=1, mobile=False)
        started = time.time()
        browser.send("Page.navigate", url=html_path.as_uri())
        check(browser.wait_for("Page.loadEventFired"), "the page loads")
        time.sleep(0.5)  # late console messages
        print(f"        loaded in {time.time() - started:.1f} s")
        page = browser.evaluate("""(() => {
          const summary = document.getElementById('summary');
          const box = summary ? summary.getBoundingClientRect() : null;
          const first = document.querySelector('.summary-grid table');
          const tbox = first ? first.getBoundingClientRect() : null;
          return {
            title: document.title,
            summaryTop: box ? box.top : null,
            tableBottom: tbox ? tbox.bottom : null,
            sections: [...document.querySelectorAll('h2.section')].map(h => [h.id, h.textContent.trim()]),
            figures: [...document.querySelectorAll('.summary-grid [data-key]')].map(e => [e.dataset.key, e.textContent]),
            words: [...document.querySelectorAll('#scenarios-in-words [data-key]')].map(
              e => [e.dataset.key, e.textContent, e.dataset.sign || '1']),
            wordsText: (document.getElementById('scenarios-in-words') || {}).textContent || '',
            backcast: [...document.querySelectorAll('#backcast-error [data-key]')].map(e => [e.dataset.key, e.textContent]),
            ld: [...document.querySelectorAll('#ld-growth [data-key]')].map(e => [e.dataset.key, e.textContent]),
            ldText: (document.getElementById('ld-growth') || {}).textContent || '',
            images: [...document.images].map(i => [i.alt || '', i.naturalWidth]),
            tocLinks: [...document.querySelectorAll('nav.toc a')].map(a => a.getAttribute('href')),
            ids: [...document.querySelectorAll('[id]')].map(e => e.id),
            keyLinks: [...document.querySelectorAll('ol.key-assumptions a')].map(a => a.getAttribute('href')),
            tables: document.querySelectorAll('table').length,
          };
        })()""")
        shot.parent.mkdir(parents=True, exist_ok=True)
        png = browser.send("Page.captureScreenshot", format="png")["data"]
        shot.write_bytes(base64.b64decode(png))
        errors = console_errors(browser.events)
    finally:
        browser.close()

    check(not errors, "no console errors" + ("".join("\n          " + e for e in errors)))
    print(f"        first screen: {shot}")
    check(page["summaryTop"] is not None and 0 <= page["summaryTop"] < 300, f"the summary heading is near the top of the first screen (at {page['summaryTop']} px)")
    check(page["tableBottom"] is not None and page["tableBottom"] <= HEIGHT, "the summary's users and demand table is on the first screen")
    titles = [t for _, t in page["sections"]]
    check([t.split(":")[0] for t in titles] == SECTIONS, f"sections in the issue's order: {titles}")
    check(all(f"#{i}" in page["tocLinks"] for i, _ in page["sections"]), "the table of contents links every section")
    check(page["keyLinks"] and all(link[1:] in page["ids"] for link in page["keyLinks"]),
          f"the summary's {len(page['keyLinks'])} key assumptions link to their detail")
    check(page["images"] and all(alt.strip() and width > 0 for alt, width in page["images"]),
          f"all {len(page['images'])} charts load and have alt text")
    check(page["tables"] >= 10, f"tables are HTML tables ({page['tables']})")

    # The summary's figures against results.h5.
    shown = dict(page["figures"])
    required = [f"{m}:all:{y}:{s}" for m in ("users", "demand", "unmet") for y in sorted({base, 2030, 2040, horizon})
                if y <= horizon for s in ("mean", "p05", "p95")]
    required += [f"cost:{fys[0]}:{s}" for s in ("mean", "p05", "p95")]
    if batch:
        required += [k for k in expected if k.startswith(("saving_to_cutoff:", "npv:")) and ":birmingham-baseline:" not in k]
    missing = [k for k in required if k not in shown]
    check(not missing, f"the summary shows users, demand, unmet demand, cost{' and savings' if batch else ''} ({len(shown)} figures)"
          + (f"; missing {missing}" if missing else ""))
    wrong = []
    for key, text in shown.items():
        if key not in expected:
            wrong.append(f"{key}: not a figure of results.h5")
            continue
        value, tolerance = parse(text)
        if abs(value - expected[key]) > tolerance + 1e-6 * max(1.0, abs(expected[key])):
            wrong.append(f"{key}: shows {text}, results.h5 has {expected[key]:,.2f}")
    check(not wrong, "every summary figure equals results.h5 to the stated rounding" + "".join("\n          " + w for w in wrong))

    # A batch: the Scenarios section says in words whether each scenario saves or costs, to the cut-off year and
    # as an NPV; a cost is shown as a positive amount after "costs" (data-sign = -1), so the sign goes with the words.
    if batch:
        words = page["words"]
        required = [k for k in expected if k.startswith(("saving_to_cutoff:", "npv:")) and ":birmingham-baseline:" not in k]
        missing = [k for k in required if k not in {key for key, _, _ in words}]
        check(not missing, f"the scenarios are described in words ({len(words)} figures)"
              + (f"; missing {missing}" if missing else ""))
        wrong = []
        for key, text, sign in words:
            if key not in expected:
                wrong.append(f"{key}: not a figure of results.h5")
                continue
            value, tolerance = parse(text)
            if value < 0 or sign not in ("1", "-1"):
                wrong.append(f"{key}: shows {text!r} with data-sign {sign!r} (a magnitude and a sign are expected)")
                continue
            value *= int(sign)
            if abs(value - expected[key]) > tolerance + 1e-6 * max(1.0, abs(expected[key])):
                wrong.append(f"{key}: shows {'−' if sign == '-1' else ''}{text}, results.h5 has {expected[key]:,.2f}")
        check(not wrong, "every figure in the scenarios' words equals results.h5 to the stated rounding"
              + "".join("\n          " + w for w in wrong))
        text = page["wordsText"]
        verdicts = re.findall(r"\b(saves|costs) £[\d,.]+[km]( more)?", text)
        check(all((verb == "costs") == bool(more) for verb, more in verdicts) and (verdicts or "difference" in text),
              f"each verdict reads 'saves £X' or 'costs £X more' ({len(verdicts)} found)")
        check(not re.search(r"\d\.\d{3,}|e[+-]\d\d|−£0\.0m|−£0k", text), "no floating-point noise or negative zero in the words")
        check(any("waterfall" in alt.lower() and width > 0 for alt, width in page["images"]),
              "the savings waterfall is in the report, with alt text")

    # The day-care history and its backcast error, from /calibration.
    if mape is not None:
        check(any("observed counts as dots against the fitted model" in alt and width > 0
                  for alt, width in page["images"]), "the day-care history chart is in the report, with alt text")
    if mape:
        shown_mape = {key[len("mape:"):]: text for key, text in page["backcast"] if key.startswith("mape:")}
        wrong = [f"{name}: shows {shown_mape.get(name)!r}, results.h5 has {value:.4f}" for name, value in mape.items()
                 if shown_mape.get(name) != f"{value:.1f}"]
        check(not wrong and len(shown_mape) == len(mape),
              f"the backcast error of the {len(mape)} series equals results.h5 /calibration to one decimal"
              + "".join("\n          " + w for w in wrong))

    # Drivers: the growth of adults with a learning disability, and its split by driver for an ld_growth batch.
    if ld_expected is not None:
        shown_ld = page["ld"]
        missing = sorted(set(ld_expected) - {key for key, _ in shown_ld})
        check(not missing, f"Drivers shows the growth of adults with a learning disability ({len(shown_ld)} figures)"
              + (f"; missing {missing}" if missing else ""))
        wrong = []
        for key, text in shown_ld:
            if key not in ld_expected:
                wrong.append(f"{key}: not a figure of ld_growth")
                continue
            value = ld_expected[key]
            t = text.strip().replace(",", "").replace("−", "-").replace("+", "")
            number = re.fullmatch(r"-?\d+(\.\d\d)?", t)
            if key.startswith("ld:growth:"):  # % a year, two decimals
                ok = number is not None and "." in t and abs(float(t) - value) <= 0.005 + 1e-9
            else:  # people, to the nearest 10
                ok = number is not None and "." not in t and abs(float(t) - value) <= 5 + 1e-6 * max(1.0, abs(value))
            if not ok:
                wrong.append(f"{key}: shows {text!r}, ld_growth has {value:,.4f}")
        check(not wrong, ("the decomposition in Drivers equals ld_growth.decompose" if ld_split else
                          "the growth of adults with a learning disability in Drivers equals ld_growth")
              + " to the stated rounding" + "".join("\n          " + w for w in wrong))
        low, high = ld_growth.EMERSON_HATTON
        check(f"{low:.1f}–{high:.1f}%" in page["ldText"], "Drivers sets the growth against Emerson & Hatton's range")
        if ld_split:
            check(any("added" in alt and "by each driver" in alt and width > 0 for alt, width in page["images"]),
                  "the decomposition chart is in Drivers, with alt text")
        else:
            check("bash scripts/ld_growth.sh" in page["ldText"], "Drivers says scripts/ld_growth.sh gives the decomposition")

    if pdf is not None:
        check(pdf.is_file() and pdf.stat().st_size > 0, f"{pdf.name} written")
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        pages = text.split("\f")
        tops = [next((line.strip() for line in p.splitlines() if line.strip()), "") for p in pages]
        starts = [t for t in tops if any(t.startswith(s) for s in SECTIONS)]
        found = [s for s in SECTIONS if any(line.strip().startswith(s) for line in text.splitlines())]
        check(found == SECTIONS, f"the PDF has the {len(SECTIONS)} sections, in order ({len(found)} found, {len(pages) - 1} pages)")
        check([t.split(":")[0] for t in starts] == SECTIONS[1:],
              f"sections 2 to {len(SECTIONS)} each start a new page ({len(starts)} do)")
        check("1. Summary" in pages[0], "the PDF's first page holds the summary")
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
