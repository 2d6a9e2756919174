// The site's accent colour paints the launcher and the visitor's bubbles; the text on it must stay
// readable whatever colour a site picks (WCAG AA, 4.5:1).

export const DEFAULT_ACCENT = "#1d4ed8";
const HEX = /^#[0-9a-f]{6}$/i;

/** The configured colour as lower-case #rrggbb, or the default when it is anything else. */
export function accentColor(value: unknown): string {
  return typeof value === "string" && HEX.test(value.trim()) ? value.trim().toLowerCase() : DEFAULT_ACCENT;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * White or black, whichever reads better on the colour. Pure black, not a softer near-black: only
 * black guarantees 4.5:1 for every background (the worst case, a mid grey, reaches about 4.58).
 */
export function readableTextColor(background: string): "#ffffff" | "#000000" {
  const hex = accentColor(background);
  return contrastRatio(hex, "#ffffff") >= contrastRatio(hex, "#000000") ? "#ffffff" : "#000000";
}
