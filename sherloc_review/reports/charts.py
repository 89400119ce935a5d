"""Bar charts as inline SVG, drawn on the server (no script, no external
resource).

Each chart has a ``<title>`` and a ``<desc>`` it is labelled by
(``role="img"``); the page shows the same numbers in a table beside it.
Bars come in the order given (the report's fixed order, never sorted by
value: ¶4(b)).  Every text is escaped here, since the page inserts the
chart as markup.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

#: Colours told apart by readers with a colour-vision deficiency (Okabe-Ito).
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)
WIDTH = 680
LABEL_WIDTH = 200
VALUE_WIDTH = 40
BAR = 12  # height of one bar
GAP = 8  # between rows
LEGEND = 22  # height of a legend line
MAX_LABEL = 30  # characters of a row's label drawn (the title has all)


def _text(x: float, y: float, text: str, **attrs) -> str:
    extra = "".join(
        f" {k.replace('_', '-')}={quoteattr(str(v))}" for k, v in attrs.items()
    )
    return f'<text x="{x:.0f}" y="{y:.0f}"{extra}>{escape(text)}</text>'


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def bar_chart(
    chart_id: str,
    title: str,
    desc: str,
    series: list[str],
    rows: list[tuple[str, tuple[int, ...]]],
    stacked: bool = False,
) -> str:
    """An SVG of ``rows`` (label, one value per series), horizontal bars:
    one bar per row split by series (``stacked``), or one bar per series."""
    per_row = BAR if stacked else BAR * len(series)
    legend_lines = (len(series) + 2) // 3
    top = legend_lines * LEGEND + 6
    height = top + len(rows) * (per_row + GAP) + GAP
    area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    largest = max(
        [sum(v) if stacked else max(v, default=0) for _label, v in rows] + [1]
    )
    scale = area / largest
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart"'
        f" id={quoteattr(chart_id)}"
        f' role="img" aria-labelledby="{chart_id}-title {chart_id}-desc"'
        f' width="100%" viewBox="0 0 {WIDTH} {height}"'
        ' font-family="sans-serif" font-size="12">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    for n, name in enumerate(series):
        x, y = (n % 3) * (WIDTH // 3), (n // 3) * LEGEND
        out.append(
            f'<rect x="{x}" y="{y + 4}" width="12" height="12" fill="{PALETTE[n]}"/>'
        )
        out.append(_text(x + 18, y + 15, name))
    y = top
    for label, values in rows:
        out.append(
            f"<g><title>{escape(label)}: {escape(_listed(series, values))}</title>"
        )
        out.append(
            _text(
                LABEL_WIDTH - 6, y + per_row / 2 + 4, _short(label), text_anchor="end"
            )
        )
        x = LABEL_WIDTH
        for n, value in enumerate(values):
            width = value * scale
            bar_y = y if stacked else y + n * BAR
            out.append(
                f'<rect x="{x:.1f}" y="{bar_y}" width="{width:.1f}" height="{BAR - 1}"'
                f' fill="{PALETTE[n]}"/>'
            )
            if stacked:
                x += width
            else:
                out.append(_text(x + width + 4, bar_y + BAR - 2, str(value)))
        if stacked:
            out.append(_text(x + 4, y + BAR - 2, str(sum(values))))
        out.append("</g>")
        y += per_row + GAP
    out.append("</svg>")
    return "".join(out)


def _listed(series: list[str], values: tuple[int, ...]) -> str:
    return ", ".join(
        f"{name} {value}" for name, value in zip(series, values, strict=True)
    )
