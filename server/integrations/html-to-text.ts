// Chat platforms send message bodies as HTML (Intercom) or text that may hold a little HTML
// (Chatwoot). The analysis reads plain text: line breaks for block elements, no tags, entities decoded.

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html;
  return withoutScripts(html)
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(?:p|div|li|h[1-6]|blockquote|tr)>/gi, "\n")
    .replace(/<[^<>]+>/g, "") // stops at the next "<": linear on text full of unclosed tags
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === "#") {
        const code = name[1]?.toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Drops <script> and <style> elements with their contents, in one pass (no backtracking regex). */
function withoutScripts(html: string): string {
  const lower = html.toLowerCase();
  let out = "";
  let from = 0;
  for (;;) {
    const open = nextOpening(lower, from);
    if (!open) return out + html.slice(from);
    out += html.slice(from, open.at);
    const close = lower.indexOf(`</${open.tag}`, open.at);
    if (close < 0) return out + html.slice(open.at); // never closed: a visitor typed it; keep the text
    const end = lower.indexOf(">", close);
    from = end < 0 ? html.length : end + 1;
  }
}

function nextOpening(lower: string, from: number): { at: number; tag: string } | null {
  const script = lower.indexOf("<script", from);
  const style = lower.indexOf("<style", from);
  if (script < 0 && style < 0) return null;
  if (style < 0 || (script >= 0 && script < style)) return { at: script, tag: "script" };
  return { at: style, tag: "style" };
}
