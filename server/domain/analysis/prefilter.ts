import { foldText } from "./fold";
import { TextCache } from "./text-cache";
// A prefilter for the policy's patterns, so that a message is only run through the regular
// expressions that could match it (the approach of RE2's and Hyperscan's prefilters).
//
// From each pattern's source we derive the literal strings a match must contain, as a formula
// ("how much" OR ("price" AND "?") …). One Aho–Corasick pass over a message finds which of all
// the policy's literals occur in it; a pattern whose formula is false cannot match and is skipped.
// The prefilter only ever says "cannot match" when that is certain: anything it does not
// understand counts as "may match".

type Formula = { all: true } | { str: number } | { and: Formula[] } | { or: Formula[] };

const ALL: Formula = { all: true };
const MAX_EXACT = 64;
/**
 * Whether a literal is rare enough to look for: three characters or more, or shorter with a symbol
 * or a letter outside plain ASCII ("$", "£", "zł"); "a" or "bs" is everywhere.
 */
function worthFinding(literal: string): boolean {
  return literal.length >= 3 || (literal.length > 0 && /[^a-z0-9\s]/.test(literal));
}
const MAX_LITERAL = 8;

interface Info {
  /** Every string the node can match, when that set is small; null when unknown or too big. */
  exact: Set<string> | null;
  formula: Formula;
  /**
   * For a repetition ("i+"): `exact` holds what its first repetition matches, which starts every
   * match but is not all of it, so nothing may be appended to it.
   */
  open?: boolean;
}

class Literals {
  readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();
  id(literal: string): number {
    // A match that contains a literal contains its start too; shorter literals make a smaller
    // automaton (many share a start) at the cost of a few more "may match" verdicts.
    const text = literal.slice(0, MAX_LITERAL);
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(text);
      this.ids.set(text, id);
    }
    return id;
  }
}

const exactInfo = (...strings: string[]): Info => ({ exact: new Set(strings), formula: ALL });
const EMPTY = (): Info => exactInfo("");
const ANY = (): Info => ({ exact: null, formula: ALL });

function and(items: Formula[]): Formula {
  const kept = items.flatMap((f) => ("all" in f ? [] : "and" in f ? f.and : [f]));
  if (kept.length === 0) return ALL;
  return kept.length === 1 ? kept[0]! : { and: kept };
}

function or(items: Formula[]): Formula {
  if (items.length === 0 || items.some((f) => "all" in f)) return ALL;
  const flat = items.flatMap((f) => ("or" in f ? f.or : [f]));
  return flat.length === 1 ? flat[0]! : { or: flat };
}

function formulaOf(info: Info, literals: Literals): Formula {
  if (!info.exact) return info.formula;
  const strings = [...info.exact];
  // A match may be any of these strings; each must be long enough to be worth looking for.
  if (!strings.every(worthFinding)) return info.formula;
  return and([info.formula, or(strings.map((s) => ({ str: literals.id(s) })))]);
}

function joinExact(a: Info, b: Info): Info | null {
  if (!a.exact || !b.exact || a.exact.size * b.exact.size > MAX_EXACT) return null;
  const exact = new Set<string>();
  for (const x of a.exact) for (const y of b.exact) exact.add(x + y);
  return { exact, formula: ALL };
}

function alternate(a: Info, b: Info, literals: Literals): Info {
  if (a.exact && b.exact && a.exact.size + b.exact.size <= MAX_EXACT && "all" in a.formula && "all" in b.formula) {
    return { exact: new Set([...a.exact, ...b.exact]), formula: ALL, open: Boolean(a.open || b.open) };
  }
  return { exact: null, formula: or([formulaOf(a, literals), formulaOf(b, literals)]) };
}

const CONTROL_ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", f: "\f", v: "\v" };

/** A tiny parser for the regular-expression syntax the policy uses; anything unusual is "any". */
class Parser {
  private i = 0;
  constructor(
    private readonly source: string,
    private readonly literals: Literals,
  ) {}

  parse(): Formula {
    const info = this.alternation();
    if (this.i < this.source.length) return ALL; // unbalanced: do not filter
    return formulaOf(info, this.literals);
  }

  private peek() {
    return this.source[this.i];
  }

  private alternation(): Info {
    let info = this.sequence();
    while (this.peek() === "|") {
      this.i++;
      info = alternate(info, this.sequence(), this.literals);
    }
    return info;
  }

  /**
   * A sequence is a chain of runs of exactly-known strings ("c", "u", "s", "t", "o", "m" make
   * "custom") separated by parts that could be anything: each run must occur.
   */
  private sequence(): Info {
    const formulas: Formula[] = [];
    let run: Info | null = EMPTY();
    let broken = false;
    const flush = () => {
      if (run) formulas.push(formulaOf(run, this.literals));
      run = EMPTY();
    };
    while (this.i < this.source.length && this.peek() !== "|" && this.peek() !== ")") {
      const item = this.quantified();
      if (!item.exact) {
        flush();
        formulas.push(item.formula);
        broken = true;
        continue;
      }
      const joined: Info | null = run && joinExact(run, item);
      if (joined) run = joined;
      else {
        flush();
        run = item;
        broken = true;
      }
      if (item.open) {
        flush();
        broken = true;
      }
    }
    if (!broken && run) return run;
    flush();
    return { exact: null, formula: and(formulas) };
  }

  private quantified(): Info {
    const atom = this.atom();
    const ch = this.peek();
    let min = 1;
    let max = 1;
    if (ch === "?") [min, max] = [0, 1];
    else if (ch === "*") [min, max] = [0, Infinity];
    else if (ch === "+") [min, max] = [1, Infinity];
    else if (ch === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.i));
      if (!m) return atom; // a literal "{"
      min = Number(m[1]);
      max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    if (this.peek() === "?") this.i++; // lazy
    if (min === 1 && max === 1) return atom;
    if (min === 0) {
      // Optional: may match nothing, so it constrains nothing unless its strings are few.
      return max === 1 && atom.exact ? { exact: new Set([...atom.exact, ""]), formula: ALL, open: atom.open } : ANY();
    }
    // At least one repetition: what it matches starts the match, and the run ends there.
    return atom.exact ? { exact: atom.exact, formula: ALL, open: true } : { exact: null, formula: atom.formula };
  }

  private atom(): Info {
    const ch = this.source[this.i++]!;
    switch (ch) {
      case "(":
        return this.group();
      case "[":
        return this.charClass();
      case "\\":
        return this.escape();
      case ".":
        return ANY();
      case "^":
      case "$":
        return EMPTY();
      default:
        return exactInfo(foldText(ch));
    }
  }

  private group(): Info {
    let lookaround = false;
    if (this.peek() === "?") {
      const rest = this.source.slice(this.i, this.i + 3);
      if (rest.startsWith("?:")) this.i += 2;
      else if (rest.startsWith("?=") || rest.startsWith("?!")) [lookaround, this.i] = [true, this.i + 2];
      else if (rest.startsWith("?<=") || rest.startsWith("?<!")) [lookaround, this.i] = [true, this.i + 3];
      else if (rest.startsWith("?<")) this.i = this.source.indexOf(">", this.i) + 1;
    }
    const inner = this.alternation();
    if (this.peek() !== ")") throw new SyntaxError("unbalanced parenthesis"); // add() then filters nothing
    this.i++;
    // Lookarounds match no characters; what they require is not worth the risk of getting wrong.
    return lookaround ? EMPTY() : inner;
  }

  private charClass(): Info {
    const chars = new Set<string>();
    let simple = this.peek() !== "^";
    while (this.i < this.source.length && this.peek() !== "]") {
      let ch = this.source[this.i++]!;
      if (ch === "\\") {
        const next = this.source[this.i++]!;
        if (/[dDwWsSpPbB]/.test(next)) {
          simple = false;
          if (next === "p" || next === "P") this.i = this.source.indexOf("}", this.i) + 1;
          continue;
        }
        const control = CONTROL_ESCAPES[next];
        if (control) ch = control;
        else if (/[\p{L}\p{N}]/u.test(next)) {
          simple = false; // \u…, \x…, \c…: not worth decoding
          continue;
        } else ch = next;
      }
      if (this.peek() === "-" && this.source[this.i + 1] !== "]") {
        this.i++;
        let end = this.source[this.i++]!;
        if (end === "\\") end = this.source[this.i++]!;
        const span = end.charCodeAt(0) - ch.charCodeAt(0);
        if (span < 0 || span > 8) simple = false;
        else for (let c = ch.charCodeAt(0); c <= end.charCodeAt(0); c++) chars.add(String.fromCharCode(c));
        continue;
      }
      chars.add(ch);
    }
    this.i++; // "]"
    if (!simple) return ANY();
    const lower = new Set([...chars].map((c) => foldText(c)));
    return lower.size <= 8 ? { exact: lower, formula: ALL } : ANY();
  }

  private escape(): Info {
    const ch = this.source[this.i++]!;
    if (ch === "b" || ch === "B") return EMPTY();
    if (/[dDwWsS]/.test(ch)) return ANY();
    if (ch === "p" || ch === "P") {
      this.i = this.source.indexOf("}", this.i) + 1;
      return ANY();
    }
    if (ch === "k" && this.peek() === "<") this.i = this.source.indexOf(">", this.i) + 1;
    const control = CONTROL_ESCAPES[ch];
    if (control) return exactInfo(control);
    // Any other escaped letter or digit (\u, \x, \c, \k, back references…): could be anything.
    if (/[\p{L}\p{N}]/u.test(ch)) return ANY();
    return exactInfo(foldText(ch));
  }
}

/**
 * An Aho–Corasick automaton over the literals: one pass over a text finds every one it contains.
 * For ASCII, transitions are a flat table over the characters that occur in some literal (every
 * other character is one class), resolved in advance for every state; other characters go through
 * the trie with failure links. Each state's literals (its own and those its failure chain ends in)
 * are one slice of a flat list.
 */
class Automaton {
  private readonly classOf = new Uint8Array(128);
  private readonly classes: number;
  private readonly table: Int32Array;
  private readonly other: Map<number, number>[] = [];
  private readonly fail: Int32Array;
  private readonly outStart: Int32Array;
  private readonly outList: Int32Array;

  constructor(strings: string[]) {
    // Character classes: 0 for ASCII characters no literal uses.
    let classes = 1;
    for (const s of strings) {
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c < 128 && this.classOf[c] === 0) this.classOf[c] = classes++;
      }
    }
    this.classes = classes;

    const goto: Map<number, number>[] = [new Map()];
    const out: number[][] = [[]];
    strings.forEach((s, id) => {
      let state = 0;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        let next = goto[state]!.get(c);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map());
          out.push([]);
          goto[state]!.set(c, next);
        }
        state = next;
      }
      out[state]!.push(id);
    });
    const states = goto.length;
    this.fail = new Int32Array(states);
    this.table = new Int32Array(states * classes);
    const asciiOf = (cls: number) => this.classOf.indexOf(cls);
    // Breadth first, so every state's failure target is complete before the state itself.
    const order: number[] = [0];
    for (let q = 0; q < order.length; q++) {
      const state = order[q]!;
      for (let cls = 1; cls < classes; cls++) {
        const next = goto[state]!.get(asciiOf(cls));
        if (next !== undefined) {
          this.table[state * classes + cls] = next;
          if (state !== 0) this.fail[next] = this.table[this.fail[state]! * classes + cls]!;
          order.push(next);
        } else {
          this.table[state * classes + cls] = state === 0 ? 0 : this.table[this.fail[state]! * classes + cls]!;
        }
      }
      for (const [c, next] of goto[state]!) {
        if (c < 128) continue;
        if (state !== 0) {
          let f = this.fail[state]!;
          while (f !== 0 && !goto[f]!.has(c)) f = this.fail[f]!;
          const target = goto[f]!.get(c);
          this.fail[next] = target !== undefined && target !== next ? target : 0;
        }
        order.push(next);
      }
      if (state !== 0) {
        const inherited = out[this.fail[state]!]!;
        if (inherited.length) out[state] = [...out[state]!, ...inherited];
      }
    }
    for (const map of goto) {
      const other = new Map<number, number>();
      for (const [c, next] of map) if (c >= 128) other.set(c, next);
      this.other.push(other);
    }
    this.outStart = new Int32Array(states + 1);
    for (let state = 0; state < states; state++) this.outStart[state + 1] = this.outStart[state]! + out[state]!.length;
    this.outList = Int32Array.from(out.flat());
  }

  /** Calls `onLiteral` with the id of every literal the text contains (repeats included). */
  scan(text: string, onLiteral: (id: number) => void): void {
    const { classOf, classes, table, other, fail, outStart, outList } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 128) state = table[state * classes + classOf[c]!]!;
      else {
        let next = other[state]!.get(c);
        while (next === undefined && state !== 0) {
          state = fail[state]!;
          next = other[state]!.get(c);
        }
        state = next ?? 0;
      }
      const end = outStart[state + 1]!;
      for (let k = outStart[state]!; k < end; k++) onLiteral(outList[k]!);
    }
  }
}

function evaluate(formula: Formula, found: ReadonlySet<number>): boolean {
  if ("all" in formula) return true;
  if ("str" in formula) return found.has(formula.str);
  if ("and" in formula) return formula.and.every((f) => evaluate(f, found));
  return formula.or.some((f) => evaluate(f, found));
}

/**
 * The formula as clauses that must all hold, each "any of these literals" (conjunctive normal
 * form); null when that form would be too large, and the formula is then evaluated as it is.
 */
function clausesOf(formula: Formula): number[][] | null {
  if ("all" in formula) return [];
  if ("str" in formula) return [[formula.str]];
  if ("and" in formula) {
    const out: number[][] = [];
    for (const f of formula.and) {
      const clauses = clausesOf(f);
      if (!clauses) return null;
      out.push(...clauses);
    }
    return out.length > MAX_CLAUSES ? null : out;
  }
  // (a ∧ b) ∨ (c ∧ d) = (a ∨ c) ∧ (a ∨ d) ∧ (b ∨ c) ∧ (b ∨ d)
  let out: number[][] = [[]];
  for (const f of formula.or) {
    const clauses = clausesOf(f);
    if (!clauses) return null;
    if (clauses.length === 0) return []; // one side always holds
    if (out.length * clauses.length > MAX_CLAUSES) return null;
    out = out.flatMap((a) => clauses.map((b) => [...new Set([...a, ...b])]));
  }
  return out;
}

const MAX_CLAUSES = 32;

interface Slot {
  text: string | null;
  /** The literals the text contains. */
  found: number[];
  /** Per pattern: UNDECIDED, MAY_MATCH or CANNOT_MATCH. */
  verdicts: Uint8Array;
}

/** How many texts' verdicts are kept at once: more than the messages of most conversations. */
const RECENT_TEXTS = 64;

const UNDECIDED = 0;
const MAY_MATCH = 1;
const CANNOT_MATCH = 2;

/** The prefilters of one policy's patterns, with a small cache of the texts it has scanned. */
export class PatternPrefilter {
  private readonly literals = new Literals();
  private readonly formulas: Formula[] = [];
  private automaton: Automaton | null = null;
  /**
   * Verdicts follow from the literals a text contains, clause by clause: a pattern may match once
   * all its clauses hold. `clausesWith[literal]` lists the clauses a literal satisfies,
   * `owner[clause]` the pattern it belongs to, and `clauseCount[pattern]` how many it has.
   * `initial` holds every verdict before any literal is counted: may match (no clauses), cannot
   * match (until its clauses hold) or undecided (a formula too large for clauses, evaluated when
   * first asked).
   */
  private clausesWith: number[][] = [];
  private owner = new Uint32Array(0);
  private clauseCount = new Uint32Array(0);
  private initial = new Uint8Array(0);
  /** The literals each recently scanned text contains (plain arrays: cheap to keep many). */
  private readonly cache = new TextCache<number[]>(1_000_000);
  /**
   * Verdicts of the texts asked about most recently, in a ring of reused buffers (callers go back
   * and forth between the messages of one conversation). `current` is the one asked about last.
   */
  private readonly slots: Slot[] = [];
  private readonly slotOf = new Map<string, number>();
  private nextSlot = 0;
  private current: Slot | null = null;
  // Scratch space, cleared after each use (only the entries touched).
  private seen = new Uint8Array(0);
  private satisfied = new Uint8Array(0);
  private missing = new Uint32Array(0);

  /** Registers a pattern's source; returns its index. */
  add(source: string): number {
    let formula: Formula;
    try {
      formula = new Parser(source, this.literals).parse();
    } catch {
      formula = ALL;
    }
    this.formulas.push(formula);
    this.automaton = null;
    this.cache.clear();
    this.forgetTexts();
    return this.formulas.length - 1;
  }

  /** False only when the pattern certainly cannot match the text. */
  mayMatch(index: number, text: string): boolean {
    let current = this.current;
    if (current === null || text !== current.text) current = this.select(text);
    let verdict = current.verdicts[index]!;
    if (verdict === UNDECIDED) {
      verdict = evaluate(this.formulas[index]!, new Set(current.found)) ? MAY_MATCH : CANNOT_MATCH;
      current.verdicts[index] = verdict;
    }
    return verdict === MAY_MATCH;
  }

  /** Forgets every text's verdicts (the patterns or the automaton changed). */
  private forgetTexts(): void {
    this.slots.length = 0;
    this.slotOf.clear();
    this.nextSlot = 0;
    this.current = null;
  }

  private select(text: string): Slot {
    const at = this.slotOf.get(text);
    let slot = at === undefined ? undefined : this.slots[at];
    if (slot === undefined || slot.text !== text) {
      const automaton = (this.automaton ??= this.build());
      if (this.slots.length < RECENT_TEXTS) {
        this.slots.push({ text: null, found: [], verdicts: new Uint8Array(this.formulas.length) });
      }
      const index = this.nextSlot;
      this.nextSlot = (this.nextSlot + 1) % RECENT_TEXTS;
      slot = this.slots[index]!;
      if (slot.text !== null) this.slotOf.delete(slot.text);
      slot.text = text;
      slot.found = this.literalsIn(text, automaton);
      this.decide(slot.found, slot.verdicts);
      this.slotOf.set(text, index);
    }
    this.current = slot;
    return slot;
  }

  /** The literals a text contains: scanned once, then remembered. */
  private literalsIn(text: string, automaton: Automaton): number[] {
    let found = this.cache.get(text);
    if (found === undefined) {
      const { seen } = this;
      const ids: number[] = [];
      automaton.scan(foldText(text), (id) => {
        if (seen[id] === 0) {
          seen[id] = 1;
          ids.push(id);
        }
      });
      for (const id of ids) seen[id] = 0;
      this.cache.set(text, ids);
      found = ids;
    }
    return found;
  }

  /** Every pattern's verdict from the literals found. */
  private decide(found: number[], verdicts: Uint8Array): void {
    const { satisfied, missing, clausesWith, owner, clauseCount } = this;
    verdicts.set(this.initial);
    const touched: number[] = [];
    for (const id of found) {
      for (const clause of clausesWith[id]!) {
        if (satisfied[clause] === 1) continue;
        satisfied[clause] = 1;
        touched.push(clause);
        const pattern = owner[clause]!;
        if (--missing[pattern]! === 0) verdicts[pattern] = MAY_MATCH;
      }
    }
    for (const clause of touched) {
      satisfied[clause] = 0;
      const pattern = owner[clause]!;
      missing[pattern] = clauseCount[pattern]!;
    }
  }

  /** Builds the automaton now rather than on the first text (so the first analysis is not slow). */
  prepare(): void {
    this.automaton ??= this.build();
  }

  private build(): Automaton {
    this.clausesWith = this.literals.strings.map(() => []);
    this.initial = new Uint8Array(this.formulas.length);
    this.clauseCount = new Uint32Array(this.formulas.length);
    const owner: number[] = [];
    this.formulas.forEach((formula, pattern) => {
      const clauses = clausesOf(formula);
      if (!clauses) return; // undecided: evaluated when asked
      if (clauses.length === 0) {
        this.initial[pattern] = MAY_MATCH;
        return;
      }
      this.initial[pattern] = CANNOT_MATCH;
      this.clauseCount[pattern] = clauses.length;
      for (const clause of clauses) {
        for (const literal of clause) this.clausesWith[literal]!.push(owner.length);
        owner.push(pattern);
      }
    });
    this.owner = Uint32Array.from(owner);
    this.forgetTexts();
    this.seen = new Uint8Array(this.literals.strings.length);
    this.satisfied = new Uint8Array(owner.length);
    this.missing = this.clauseCount.slice();
    return new Automaton(this.literals.strings);
  }
}

const registered = new WeakMap<RegExp, { prefilter: PatternPrefilter; index: number }>();

export function registerPrefilter(prefilter: PatternPrefilter, pattern: RegExp, source: string): void {
  registered.set(pattern, { prefilter, index: prefilter.add(source) });
}

/** Whether a policy pattern could match the text; patterns from elsewhere always may. */
export function mayMatch(pattern: RegExp, text: string): boolean {
  const entry = registered.get(pattern);
  return entry ? entry.prefilter.mayMatch(entry.index, text) : true;
}
