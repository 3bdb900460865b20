"""Horizontal bar charts as inline SVG, drawn on the server: no script, no external resource.

The labels sit on the reading side (the left in English, the right in Arabic) and the bars grow
away from them. Text is anchored at its logical end (`text-anchor="end"` under the chart's
`direction`), so a label ends against its bar in both directions and Arabic or Chinese text is
shaped by the browser, not by us. Colours and the font size come from the site's stylesheet
(`.bar-chart` in comity.css: the Content-Security-Policy allows no inline style), with the same
values as presentation attributes for a chart read outside the page. Every chart is an image with
a title; the page puts the same figures in a table.
"""

import unicodedata
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH = 720
ROW = 28
BAR = 18
GAP = 10
MIN_VALUE_ROOM = 40
MAX_LABEL_EM = 20
FONT_SIZE = 14
BAR_FILL = "#0b5cad"
TEXT_FILL = "#1b2430"
RULE = "#d5dbe3"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str = ""


def _em_width(text: str) -> float:
    """An estimate of a text's width in ems: wide (CJK) characters count one, others about half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55 for ch in text)


def _fitted(text: str, limit: float) -> str:
    if _em_width(text) <= limit:
        return text
    out = ""
    for ch in text:
        if _em_width(out + ch) > limit - 1:
            break
        out += ch
    return out.rstrip() + "…"


def bar_chart(bars: list[Bar], *, title: str, rtl: bool = False) -> SafeString:
    """An SVG bar chart of `bars` (one row each), titled `title` for screen readers."""
    if not bars:
        return SafeString("")
    labels = [_fitted(b.label, MAX_LABEL_EM) for b in bars]
    label_room = min(MAX_LABEL_EM, max(_em_width(t) for t in labels)) * FONT_SIZE + GAP
    shown = [b.shown or _number(b.value) for b in bars]
    value_room = max(MIN_VALUE_ROOM, max(_em_width(t) for t in shown) * FONT_SIZE + GAP)
    track = WIDTH - label_room - value_room
    top = max((b.value for b in bars), default=0) or 1
    height = ROW * len(bars) + GAP

    def x(offset: float) -> float:
        """The horizontal position `offset` from the reading side."""
        return round(WIDTH - offset if rtl else offset, 1)

    rows = []
    for i, (bar, label) in enumerate(zip(bars, labels, strict=True)):
        y = GAP / 2 + i * ROW
        middle = round(y + ROW / 2, 1)
        length = round(track * bar.value / top, 1)
        rect_x = x(label_room + length) if rtl else x(label_room)
        rows.append(
            format_html(
                "<g><title>{full}: {shown}</title>"
                '<text x="{lx}" y="{my}" text-anchor="end" dominant-baseline="central">{label}</text>'
                '<rect x="{rx}" y="{ry}" width="{w}" height="{h}" rx="2" fill="{fill}"></rect>'
                '<text x="{vx}" y="{my}" text-anchor="start" dominant-baseline="central">{shown}</text>'
                "</g>",
                full=bar.label,
                shown=bar.shown or _number(bar.value),
                lx=x(label_room - GAP / 2),
                my=middle,
                label=label,
                rx=rect_x,
                ry=round(y + (ROW - BAR) / 2, 1),
                w=max(length, 0),
                h=BAR,
                fill=BAR_FILL,
                vx=x(label_room + length + GAP / 2),
            )
        )
    return format_html(
        '<svg class="bar-chart" role="img" aria-label="{title}" viewBox="0 0 {w} {h}" '
        'width="100%" font-size="{fs}" fill="{ink}" '
        'direction="{dir}" xmlns="http://www.w3.org/2000/svg">'
        "<title>{title}</title>"
        '<line x1="{ax}" x2="{ax}" y1="0" y2="{h}" stroke="{rule}"></line>'
        "{rows}</svg>",
        title=title,
        w=WIDTH,
        h=height,
        fs=FONT_SIZE,
        ink=TEXT_FILL,
        dir="rtl" if rtl else "ltr",
        ax=x(label_room),
        rule=RULE,
        rows=format_html_join("", "{}", ((r,) for r in rows)),
    )


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
