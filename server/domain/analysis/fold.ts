import { TextCache } from "./text-cache";

// Fast matching for the policy's patterns. JavaScript's regular expressions are several times
// faster without the `u` and `i` flags, but then `\b` and `\w` only know ASCII and "café" would
// not end a word. So messages are folded, once each, to lower case without accents ("Café" →
// "cafe"), keeping every character at its offset; patterns are folded the same way and compiled
// without those flags. A pattern that cannot be folded safely keeps the Unicode form and runs on
// the original text.

const SPECIAL: Record<string, string> = {
  ß: "s",
  ẞ: "s",
  ł: "l",
  Ł: "l",
  đ: "d",
  Đ: "d",
  ø: "o",
  Ø: "o",
  æ: "a",
  Æ: "a",
  œ: "o",
  Œ: "o",
  ı: "i",
  ħ: "h",
  þ: "t",
  ð: "d",
};

const foldChar = new Map<string, string>();

/** One UTF-16 unit folded to one unit: lower case, no accent. */
function fold1(ch: string): string {
  let out = foldChar.get(ch);
  if (out !== undefined) return out;
  out = ch;
  const code = ch.charCodeAt(0);
  if (code >= 0x300 && code <= 0x36f)
    out = "_"; // a detached accent stays part of its word
  else if (SPECIAL[ch]) out = SPECIAL[ch]!;
  else {
    const lower = ch.toLowerCase();
    if (lower.length === 1) out = lower;
    const base = out.normalize("NFD")[0];
    if (base && base !== out && base.length === 1 && /[a-z]/.test(base)) out = base;
  }
  foldChar.set(ch, out);
  return out;
}

const ASCII = /^[\x00-\x7f]*$/;
const cache = new TextCache<string>(1_000_000);

/** The text in lower case without accents, each character where it was. */
export function foldText(text: string): string {
  const folded = cache.get(text);
  if (folded !== undefined) return folded;
  // Only capitals and non-ASCII characters change; each is replaced by exactly one character.
  const out = ASCII.test(text) ? text.toLowerCase() : text.replace(TO_FOLD, foldUnit);
  cache.set(text, out);
  return out;
}

const TO_FOLD = /[A-Z\u0080-\uffff]/g;

function foldUnit(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return ch.toLowerCase();
  return code >= 0xd800 && code <= 0xdfff ? ch : fold1(ch); // halves of emoji stay as they are
}

// Letters of every script, after folding (so no upper case is needed).
const LETTER = String.raw`a-z\u00b5\u00df-\u00f6\u00f8-\u02af\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u0590-\u05ff\u0600-\u06ff\u0900-\u0dff\u0e00-\u0e7f\u10a0-\u10ff\u1e00-\u1fff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af_`;
const PROPERTY: Record<string, string> = { L: LETTER, Lu: LETTER, Ll: LETTER, N: "0-9" };

const folded = new WeakSet<RegExp>();

/** Compiles a policy pattern: folded and fast when possible, else in Unicode mode. */
export function compileFolded(source: string, unicodeSource: (source: string) => string): RegExp {
  const fast = foldSource(source);
  if (fast === null) return new RegExp(unicodeSource(source), "giu");
  const pattern = new RegExp(fast, "g");
  folded.add(pattern);
  return pattern;
}

/** The text a pattern runs on: folded for folded patterns; offsets are the same either way. */
export function subjectFor(pattern: RegExp, text: string): string {
  return folded.has(pattern) ? foldText(text) : text;
}

/**
 * The pattern's source folded like the text, for compiling without `u` and `i`; null when it uses
 * something only the Unicode mode understands (emoji inside a character class, `\u{…}`, an
 * unknown property).
 */
export function foldSource(source: string): string | null {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    const code = ch.charCodeAt(0);
    if (ch === "\\") {
      const next = source[i + 1];
      if (next === undefined) return null;
      if (next === "p" || next === "P") {
        const end = source.indexOf("}", i);
        const name = source.slice(i + 3, end);
        const ranges = PROPERTY[name];
        if (!ranges || end < 0) return null;
        if (next === "P") {
          if (inClass) return null;
          out += `[^${ranges}]`;
        } else out += inClass ? ranges : `[${ranges}]`;
        i = end;
        continue;
      }
      if (next === "u" && source[i + 2] === "{") return null;
      out += ch + next;
      i++;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff && inClass) return null;
    if (ch === "[" && !inClass) inClass = true;
    else if (ch === "]" && inClass) inClass = false;
    out += code < 0x80 ? ch.toLowerCase() : code >= 0xd800 && code <= 0xdfff ? ch : fold1(ch);
  }
  return out;
}
