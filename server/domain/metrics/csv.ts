// CSV as spreadsheets read it (RFC 4180): quoted when needed, and a cell that a spreadsheet would run
// as a formula (=, +, -, @, tab, carriage return first) is prefixed with an apostrophe, since chat
// text is written by strangers.

export type CsvValue = string | number | boolean | null | undefined | Date;

function cell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(cell).join(",")}\r\n`;
}
