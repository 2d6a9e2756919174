/**
 * A cache keyed by text, for the per-message results the analysis asks for again and again
 * (folded text, prefilter scans, token sets). Bounded by the characters it holds, not by entries,
 * so long pastes cannot pile up: when full, it starts again empty.
 */
export class TextCache<T> {
  private readonly map = new Map<string, T>();
  private chars = 0;

  constructor(private readonly maxChars = 500_000) {}

  get(text: string): T | undefined {
    return this.map.get(text);
  }

  set(text: string, value: T): void {
    if (this.chars + text.length > this.maxChars) this.clear();
    this.map.set(text, value);
    this.chars += text.length + 1;
  }

  clear(): void {
    this.map.clear();
    this.chars = 0;
  }
}

/**
 * Remembers a pure function of a text: the analysis asks the same questions of the same message
 * many times (every pair of messages, every pattern list). Callers must not change what it returns.
 */
export function memoByText<T>(fn: (text: string) => T, maxChars?: number): (text: string) => T {
  const cache = new TextCache<T>(maxChars);
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) {
      value = fn(text);
      cache.set(text, value);
    }
    return value;
  };
}
