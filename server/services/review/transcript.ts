import type { SensitiveKind, SensitiveSpan } from "../../domain/analysis/types";
import { maskEmail, maskPhone } from "../../domain/redaction/mask";

// A message cut into segments for the case view: plain text, and the parts to mask (emails, phone
// numbers, the analysis's sensitive spans). Each segment keeps its offsets in the original message,
// so evidence (which points at original offsets) can be highlighted on the masked text without the
// browser ever receiving what was masked. Pure: no I/O (a candidate for server/domain).

export type MaskKind = "email" | "phone" | SensitiveKind;

export interface Segment {
  /** Offsets in the original message text. */
  start: number;
  end: number;
  /** What to show: the original text, or its masked form. */
  text: string;
  /** Set when this part is personal or sensitive: masked unless revealed. */
  mask: MaskKind | null;
}

// The same shapes server/domain/redaction/mask.ts masks in logs; here their positions are needed,
// which its functions do not return.
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,}/g;
const PHONE = /(?<![\w+])\+?\(?\d[\d\s().-]{5,}\d(?![\w])/g;

interface Range {
  start: number;
  end: number;
  kind: MaskKind;
}

function patternRanges(text: string, pattern: RegExp, kind: "email" | "phone"): Range[] {
  const ranges: Range[] = [];
  for (const match of text.matchAll(pattern)) {
    if (kind === "phone" && match[0].replace(/\D/g, "").length < 7) continue;
    ranges.push({ start: match.index, end: match.index + match[0].length, kind });
  }
  return ranges;
}

/** The parts of `text` to mask, without overlaps; the analysis's sensitive spans win over patterns. */
export function maskRanges(text: string, sensitive: Pick<SensitiveSpan, "start" | "end" | "kind">[]): Range[] {
  const candidates: Range[] = [
    ...sensitive
      .map((s) => ({ start: Math.max(0, s.start), end: Math.min(text.length, s.end), kind: s.kind as MaskKind }))
      .filter((s) => s.end > s.start),
    ...patternRanges(text, EMAIL, "email"),
    ...patternRanges(text, PHONE, "phone"),
  ];
  const taken: Range[] = [];
  for (const range of candidates) {
    if (taken.some((t) => t.start < range.end && range.start < t.end)) continue;
    taken.push(range);
  }
  return taken.sort((a, b) => a.start - b.start);
}

export function maskLabel(kind: MaskKind, original: string): string {
  if (kind === "email") return maskEmail(original);
  if (kind === "phone") return maskPhone(original);
  return `[${kind.replace(/_/g, " ")}]`;
}

/** The message as segments, masked unless `reveal`. */
export function segmentMessage(
  text: string,
  sensitive: Pick<SensitiveSpan, "start" | "end" | "kind">[],
  reveal: boolean,
): Segment[] {
  const segments: Segment[] = [];
  let cursor = 0;
  for (const range of maskRanges(text, sensitive)) {
    if (range.start > cursor)
      segments.push({ start: cursor, end: range.start, text: text.slice(cursor, range.start), mask: null });
    const original = text.slice(range.start, range.end);
    segments.push({
      start: range.start,
      end: range.end,
      text: reveal ? original : maskLabel(range.kind, original),
      mask: range.kind,
    });
    cursor = range.end;
  }
  if (cursor < text.length || segments.length === 0)
    segments.push({ start: cursor, end: text.length, text: text.slice(cursor), mask: null });
  return segments;
}

/**
 * The words between `start` and `end` as the segments show them: a masked part that the span
 * touches appears whole in its masked form, never cut (a cut could show part of an address).
 */
export function quoteFromSegments(segments: Segment[], start: number, end: number): string {
  let out = "";
  for (const segment of segments) {
    if (segment.end <= start || segment.start >= end) continue;
    if (segment.mask) out += segment.text;
    else out += segment.text.slice(Math.max(start, segment.start) - segment.start, end - segment.start);
  }
  return out;
}

/** Masks emails and phone numbers (and nothing else) in a value shown outside the transcript. */
export function maskContactValue(value: string): string {
  return segmentMessage(value, [], false)
    .map((s) => s.text)
    .join("");
}
