import type { Locator, Page } from "@playwright/test";

// Layout measured in the page, not compared with pictures: what a reader would call "cut off" or
// "out of line", as numbers that hold on any machine's fonts.

/** How far the document reaches past the window's width, in CSS pixels (0: no sideways scroll). */
export function documentOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/**
 * The table cells (of `root`) whose text a reader cannot see in full, each as a line saying why:
 * text wider than its cell, or a cell outside the visible part of the box that scrolls it (a
 * table wider than its column, behind a sideways scroll) or of the window. Cells for screen
 * readers only (a clipped header row) are left out.
 */
export function clippedCells(root: Locator): Promise<string[]> {
  return root.evaluate((element) => {
    const slack = 1;
    const hiddenByClip = (node: Element | null): boolean => {
      for (let at = node; at; at = at.parentElement) {
        const style = getComputedStyle(at);
        if (style.clipPath !== "none" || style.clip !== "auto") return true;
      }
      return false;
    };
    /** The visible horizontal span of the nearest ancestor that clips sideways, or the window. */
    const visibleSpan = (node: Element): { left: number; right: number } => {
      for (let at = node.parentElement; at; at = at.parentElement) {
        if (getComputedStyle(at).overflowX !== "visible") {
          const box = at.getBoundingClientRect();
          return {
            left: box.left + at.clientLeft,
            right: box.left + at.clientLeft + at.clientWidth,
          };
        }
      }
      return { left: 0, right: document.documentElement.clientWidth };
    };
    const problems: string[] = [];
    for (const cell of element.querySelectorAll("td, th")) {
      if (hiddenByClip(cell)) continue;
      const text = (cell.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      if (!text) continue;
      const box = cell.getBoundingClientRect();
      const span = visibleSpan(cell);
      if (box.left < span.left - slack || box.right > span.right + slack) {
        problems.push(
          `"${text}" is outside the visible ${Math.round(span.left)}..${Math.round(span.right)} (at ${Math.round(box.left)}..${Math.round(box.right)})`,
        );
      }
      // Content wider than the cell (its text overflows, or a child clips it).
      for (const part of [cell, ...cell.querySelectorAll("*")]) {
        if (hiddenByClip(part)) continue;
        if (part.scrollWidth > part.clientWidth + slack && part.clientWidth > 0) {
          problems.push(`"${text}" overflows its box (${part.scrollWidth} > ${part.clientWidth})`);
          break;
        }
      }
    }
    return problems;
  });
}

/**
 * For each row with buttons: whether every button lies within the row, how far the last one ends
 * before the row's right edge, and where it ends, in CSS pixels.
 */
export function buttonEdges(
  rows: Locator,
): Promise<{ row: string; inside: boolean; gap: number; end: number }[]> {
  return rows.evaluateAll((elements) =>
    elements.flatMap((row) => {
      const buttons = [...row.querySelectorAll("button")];
      const last = buttons.at(-1);
      if (!last) return [];
      const rowBox = row.getBoundingClientRect();
      const end = last.getBoundingClientRect().right;
      const inside = buttons.every((button) => {
        const box = button.getBoundingClientRect();
        return box.left >= rowBox.left - 1 && box.right <= rowBox.right + 1;
      });
      return [
        {
          row: row.getAttribute("data-testid") ?? "",
          inside,
          gap: Math.round(rowBox.right - end),
          end: Math.round(end),
        },
      ];
    }),
  );
}
