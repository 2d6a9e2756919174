// Is this visitor someone we already know? An exact email or phone match links the conversation to
// that lead or customer; a name and company that merely look alike are shown to a reviewer as a
// possible duplicate. Nothing is ever merged automatically.

export interface KnownLead {
  id: string;
  kind: "lead" | "customer";
  name: string | null;
  email: string | null;
  phoneE164: string | null;
  company: string | null;
  ownerId: string | null;
}

export interface VisitorIdentity {
  name: string | null;
  email: string | null;
  phoneE164: string | null;
  company: string | null;
}

export interface LeadMatchResult {
  /** The one lead the visitor's email or phone belongs to. */
  linked: { lead: KnownLead; reasons: string[] } | null;
  /** Leads that may be the same person: a different lead owning the other detail, or a look-alike. */
  possibleDuplicates: { lead: KnownLead; score: number; reasons: string[] }[];
}

const NAME_THRESHOLD = 0.85;
const COMPANY_THRESHOLD = 0.8;

export function matchLead(visitor: VisitorIdentity, known: KnownLead[]): LeadMatchResult {
  const email = visitor.email?.toLowerCase() ?? null;
  const exact = known
    .map((lead) => {
      const reasons: string[] = [];
      if (email && lead.email?.toLowerCase() === email) reasons.push("same email");
      if (visitor.phoneE164 && lead.phoneE164 === visitor.phoneE164) reasons.push("same phone");
      return { lead, reasons };
    })
    .filter((m) => m.reasons.length > 0)
    // Both details on one lead first; then customers before leads, then the oldest record.
    .sort((a, b) => b.reasons.length - a.reasons.length || rank(a.lead) - rank(b.lead));

  const linked = exact[0] ?? null;
  const possibleDuplicates: LeadMatchResult["possibleDuplicates"] = exact
    .slice(1)
    .map((m) => ({ lead: m.lead, score: 1, reasons: m.reasons }));

  for (const lead of known) {
    if (exact.some((m) => m.lead.id === lead.id)) continue;
    const nameScore = nameSimilarity(visitor.name, lead.name);
    const companyScore = similarity(normaliseCompany(visitor.company), normaliseCompany(lead.company));
    if (nameScore >= NAME_THRESHOLD && companyScore >= COMPANY_THRESHOLD) {
      possibleDuplicates.push({
        lead,
        score: round2((nameScore + companyScore) / 2),
        reasons: [`name ${pct(nameScore)} alike`, `company ${pct(companyScore)} alike`],
      });
    }
  }
  possibleDuplicates.sort((a, b) => b.score - a.score);
  return { linked, possibleDuplicates };
}

function rank(lead: KnownLead): number {
  return lead.kind === "customer" ? 0 : 1;
}

export function normaliseName(name: string | null): string {
  return (name ?? "")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\b(?:mr|mrs|ms|miss|dr|prof)\.?\s+/g, "")
    .replace(/[^\p{L}\p{N} ]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const COMPANY_SUFFIX =
  /\b(?:ltd|limited|llc|inc|incorporated|corp|corporation|co|company|gmbh|ag|sa|sas|sarl|bv|nv|plc|pty|srl|spa|oy|ab|as|kg)\b\.?/g;

export function normaliseCompany(company: string | null): string {
  return normaliseName(company?.replace(/&/g, " and ") ?? null)
    .replace(COMPANY_SUFFIX, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * How alike two people's names are. The same last name with the same first initial counts as 0.9
 * ("Tom Baker" and "Thomas Baker"): a reviewer tells them apart, a spelling distance would not.
 */
export function nameSimilarity(a: string | null, b: string | null): number {
  const x = normaliseName(a);
  const y = normaliseName(b);
  const spelled = similarity(x, y);
  const [xFirst, ...xRest] = x.split(" ");
  const [yFirst, ...yRest] = y.split(" ");
  const xLast = xRest.at(-1);
  const sameLast = xLast !== undefined && xLast.length >= 2 && xLast === yRest.at(-1);
  return sameLast && xFirst?.[0] === yFirst?.[0] ? Math.max(spelled, 0.9) : spelled;
}

/** 1 - normalised Levenshtein distance; 0 when either side is empty. */
export function similarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const distance = levenshtein(a, b);
  return 1 - distance / Math.max(a.length, b.length);
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const pct = (n: number) => `${Math.round(n * 100)}%`;
