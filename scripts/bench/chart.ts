// The report's charts: SVG drawn by hand, so that the benchmark needs no chart library.

export type Bar = { label: string; value: number; target: number; higherIsBetter: boolean };

/** Horizontal bars, each against its own target (the dashed tick): green where it is met. */
export function chart(title: string, bars: Bar[], max: number): string {
  const width = 680;
  const left = 300;
  const scale = (width - left - 50) / max;
  const height = 40 + bars.length * 30;
  const rows = bars
    .map(({ label, value, target, higherIsBetter }, index) => {
      const y = 28 + index * 30;
      const w = Math.max(1, Math.min(value, max) * scale);
      const met = higherIsBetter ? value >= target : value <= target;
      const tick = left + target * scale;
      return `<text x="${left - 8}" y="${y + 14}" text-anchor="end" font-size="12">${label}</text><rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="20" fill="${met ? "#059669" : "#dc2626"}"/><text x="${left + w + 6}" y="${y + 14}" font-size="12">${value.toFixed(2)}</text><line x1="${tick}" x2="${tick}" y1="${y - 3}" y2="${y + 23}" stroke="#111" stroke-dasharray="3 2"/>`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" role="img"><title>${title}</title><rect width="100%" height="100%" fill="#fff"/><text x="${left}" y="16" font-size="12" font-weight="600">${title} (dashed: target)</text>${rows}</svg>\n`;
}
