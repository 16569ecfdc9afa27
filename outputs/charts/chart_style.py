"""The figure style the chart scripts share: size, title block, caption and source footer, axes, service colours.

Imported by the chart scripts (population_charts.py, service_charts.py, scenario_charts.py, area_charts.py);
it imports no chart script and does not read results.h5 (results_reader.py does).
"""

import textwrap

import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter, MaxNLocator

FIG_SIZE = (10.0, 6.4)
DPI = 150
BAND_ALPHA = 0.2
CAPTION_WIDTH = 150  # characters per caption line
SOURCE_WIDTH = 175  # characters per source line (smaller type); a longer source wraps, up to three lines

SERVICE_LABELS = {
    "internal_day_centre": "Council day centres",
    "external_day_centre": "Commissioned day centres",
    "community": "Community opportunities",
    "direct_payment": "Direct payments / PAs",
    "supported_employment": "Supported employment",
}
# Okabe-Ito colours (distinct with colour-blindness), with a marker and a hatch per service so that the
# services stay apart in greyscale print.
SERVICE_COLOURS = {
    "internal_day_centre": "#0072B2",
    "external_day_centre": "#E69F00",
    "community": "#009E73",
    "direct_payment": "#CC79A7",
    "supported_employment": "#56B4E9",
}
SERVICE_MARKERS = {"internal_day_centre": "o", "external_day_centre": "s", "community": "^",
                   "direct_payment": "D", "supported_employment": "v"}
SERVICE_HATCHES = {"internal_day_centre": "", "external_day_centre": "//", "community": "..",
                   "direct_payment": "xx", "supported_employment": "\\\\"}


def caption_lines(caption):
    """A caption wrapped to the figure width, as a list of lines."""
    return textwrap.wrap(caption, width=CAPTION_WIDTH)


def thousands(ax, axis="y"):
    fmt = FuncFormatter(lambda v, _: f"{abs(v):,.0f}")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def new_figure(res, title: str, caption: str, source: str, ncols: int = 1, right: float = 0.97,
               subtitle: str = None, width_ratios=None):
    """A figure with a left-aligned title block and a caption + source footer.

    `res` needs area_name, scenario_name and replications (a results_reader.Results or any object with
    them); with `subtitle` only area_name, and the subtitle replaces the scenario and replications line.
    `width_ratios` sets the relative widths of the ncols panels. Margins are fixed (not constrained_layout) so
    the footer text can never collide with the axes' tick labels; captions are wrapped to the figure width.
    """
    fig, axes = plt.subplots(1, ncols, figsize=FIG_SIZE, dpi=DPI,
                             gridspec_kw={"width_ratios": width_ratios} if width_ratios else None)
    fig.subplots_adjust(left=0.1, right=right, top=0.84, bottom=0.25, wspace=0.28)
    fig.text(0.02, 0.965, f"{res.area_name}: {title}", fontsize=14,
             fontweight="bold", va="top")
    if subtitle is None:
        subtitle = (f"Scenario: {res.scenario_name} · {res.replications} "
                    f"replication{'s' if res.replications != 1 else ''}")
    fig.text(0.02, 0.91, subtitle, fontsize=10, color="0.3", va="top")
    footer(fig, caption, source)
    return fig, axes


def footer(fig, caption, source):
    """The caption (wrapped) and the source line (wrapped too, below it) at the foot of a FIG_SIZE figure."""
    fig.text(0.02, 0.095, "\n".join(caption_lines(caption)), fontsize=8, color="0.2", va="bottom")
    fig.text(0.02, 0.02, "\n".join(textwrap.wrap(source, width=SOURCE_WIDTH)[:3]), fontsize=7, color="0.4",
             va="bottom")


def tidy(ax, grid_axis="both"):
    """Light grid behind the data, no top or right spine."""
    ax.grid(True, axis=grid_axis, color="0.9", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def year_axis(ax, label="Year (mid-year, 30 June)"):
    ax.set_xlabel(label)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    tidy(ax)
