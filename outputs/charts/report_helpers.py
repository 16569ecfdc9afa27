"""Formatting and display helpers of the report notebooks (notebooks-export/population_report.ipynb and
areas_report.ipynb): rounding people and money, tagged figures, HTML tables and charts as <img>.

The notebooks read results.h5 through results_reader.py and draw with the chart scripts; this module only turns
numbers into report text and HTML, so both notebooks word and round them alike. It reads no file and draws no chart
itself (show_chart displays a figure a chart script made), and, like the chart scripts, imports only the shared
modules (tests/python/check_chart_imports.py). scripts/test.sh lints it with pyflakes3 with the rest of
outputs/charts.
"""

import base64
import html
import io
import math
import re

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import HTML, display

import results_reader as rr

NOT_IN_FILE = "not in this results file"
UNIT_NAME = {"m": "£ million", "k": "£ thousand"}


# --- Rounding: people to the nearest 10, money in £k or £m, whole numbers and percentages ---------------------
def people(x):
    """People to the nearest 10 (halves up), as text: 1,234.6 -> '1,230'."""
    return f"{math.floor(float(x) / 10 + 0.5) * 10:,.0f}"


def signed_people(x):
    """People to the nearest 10 with a sign: '+1,230', '−10', '0'."""
    text = people(abs(x))
    return text if text == "0" else ("+" if x > 0 else "−") + text


def money_unit(values):
    """'m' (£ million, one decimal) when any figure reaches £1m, else 'k' (£ thousand, whole)."""
    return "m" if max((abs(float(v)) for v in values), default=0) >= 1e6 else "k"


def money(x, unit):
    """Whole pounds as £k or £m text; a minus sign for a negative figure (an extra cost)."""
    x = float(x)
    body = f"£{abs(x) / 1e6:,.1f}m" if unit == "m" else f"£{abs(x) / 1e3:,.0f}k"
    return ("−" if x < 0 and body not in ("£0.0m", "£0k") else "") + body


def whole(x):
    """A count or an amount in whole units (halves away from zero), with thousands separators; never −0."""
    x = float(x)
    if not math.isfinite(x):
        return "n/a"
    value = math.floor(abs(x) + 0.5)
    return ("−" if x < 0 and value else "") + f"{value:,}"


def pounds(x):
    text = whole(x)
    return text if text == "n/a" else (text.replace("−", "−£") if text.startswith("−") else "£" + text)


def one_decimal(x):
    x = float(x)
    return "n/a" if not math.isfinite(x) else f"{x:,.1f}".replace("-", "−") if round(x, 1) != 0 else "0.0"


def signed_percent(x):
    """A percentage with one decimal and its sign: +32.6%."""
    x = float(x)
    if not math.isfinite(x):
        return "n/a"
    return "0.0%" if round(x, 1) == 0 else f"{x:+.1f}%".replace("-", "−")


def interval(per_rep, dim="replication"):
    """'mean (5th–95th)' across replications of a count (an xarray DataArray), to the nearest 10, as text."""
    mean, lo, hi = rr.band(np.asarray(per_rep.transpose(dim, ...)))
    return f"{people(mean)} ({people(lo)}–{people(hi)})"


def label(name):
    return str(name).replace("_", " ")


# --- HTML: tagged figures, tables, anchors and charts -------------------------------------------------------
def fig_span(text, key):
    """One figure, tagged with what it is (data-key), so a check can read it back against results.h5."""
    return f'<span class="fig" data-key="{html.escape(key)}">{text}</span>'


def with_interval(per_rep, fmt, key):
    """'mean (5th–95th)' of per-replication values as HTML, each number tagged key:mean, key:p05, key:p95."""
    mean, lo, hi = rr.band(per_rep)
    sep = " to " if lo < 0 else "–"  # "−£231k to £0k" reads better than "−£231k–£0k"
    return (fig_span(fmt(mean), f"{key}:mean") + ' <span class="ci">(' + fig_span(fmt(lo), f"{key}:p05")
            + sep + fig_span(fmt(hi), f"{key}:p95") + ")</span>")


def html_table(header, rows, row_ids=None, cls="report", caption=None):
    """A plain HTML table (header: column names as HTML; rows: lists of cell HTML)."""
    out = [f'<table class="{cls}">'] + ([f"<caption>{caption}</caption>"] if caption else [])
    out.append("<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in header) + "</tr></thead><tbody>")
    for k, row in enumerate(rows):
        rid = f' id="{row_ids[k]}"' if row_ids and row_ids[k] else ""
        out.append(f"<tr{rid}>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>")
    return "".join(out + ["</tbody></table>"])


def show_table(df, **kw):
    """A DataFrame as a real HTML table, index hidden."""
    display(HTML(df.to_html(index=kw.get("index", False), escape=True, border=0, classes="report")))


def anchor(name):
    """HTML id of an assumption's row in the appendix."""
    return "assumption-" + re.sub(r"[^A-Za-z0-9_-]+", "-", str(name)).strip("-")


def show_chart(fig, alt, caption=None):
    """A chart as an <img> with alt text saying what it shows, in a <figure> print keeps on one page."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    cap = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    display(HTML(f'<figure class="chart"><img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'
                 f"{cap}</figure>"))
