"""Target size: every link, button and form field a reader can reach is at least 24×24 px
(WCAG 2.2, 2.5.8), links in running text included (the "(källa)" links were 33×17)."""

from __future__ import annotations

MIN = 24

# Shown and not see-through (Material fades out the search box's buttons until there is a query).
_SMALL = """([min, scope]) => [...document.querySelector(scope).querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary")]
  .filter(el => el.checkVisibility({visibilityProperty: true, opacityProperty: true})
    && getComputedStyle(el).pointerEvents !== "none" && !el.closest("[aria-hidden=true]"))
  .map(el => [el, el.getBoundingClientRect()])
  .filter(([, box]) => box.width > 0 && (box.width < min - 0.5 || box.height < min - 0.5))
  .map(([el, box]) => `<${el.localName}${el.className ? ` class="${el.className}"` : ""}> "${el.textContent.trim().slice(0, 40)}" `
    + `${Math.round(box.width)}×${Math.round(box.height)} px`)"""


def small_targets(page, scope: str = "body") -> list[str]:
    """Targets under 24×24 px inside `scope` on the page as it is now, described for a failure message."""
    return page.evaluate(_SMALL, [MIN, scope])
