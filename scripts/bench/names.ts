// Names for the benchmark data set. The seed's lists (French and English, with accents, apostrophes and hyphens)
// give the common names; a pool of invented surnames gives the long tail, so that a last-name prefix matches a
// realistic share of the rows (a common name ≈ 0.5 %, not 1/70 of the table).
import {
  ENGLISH_FIRST_NAMES,
  ENGLISH_LAST_NAMES,
  ENGLISH_MIDDLE_NAMES,
  FRENCH_FIRST_NAMES,
  FRENCH_LAST_NAMES,
  FRENCH_MIDDLE_NAMES,
  MASCULINE_FIRST_NAMES,
} from "@/prisma/seed/names";
import { foldName } from "@/lib/domain/fold";
import { mulberry32 } from "@/prisma/seed/prng";

const ONSETS = ["B", "Br", "C", "Ch", "D", "F", "G", "Gr", "H", "J", "K", "L", "M", "N", "P", "Pr", "R", "S", "St", "T", "Th", "V", "W", "Z"];
const VOWELS = ["a", "e", "i", "o", "u", "ou", "ai", "é", "è", "y", "ea"];
const MIDDLES = ["l", "r", "n", "m", "s", "t", "v", "d", "ll", "rr", "nd", "rt", "ss", "ch", "g", "b"];
const ENDINGS = ["", "son", "ier", "eau", "ard", "ette", "ley", "ton", "ski", "man", "ault", "er", "in", "ow", "ez", "ani"];

/** `count` distinct invented surnames, the same on every run. */
function inventedSurnames(count: number): string[] {
  const next = mulberry32(0x5eed_0005);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const out = new Set<string>();
  while (out.size < count) {
    let name = pick(ONSETS) + pick(VOWELS) + pick(MIDDLES) + pick(VOWELS);
    if (next() < 0.5) name += pick(MIDDLES) + pick(VOWELS);
    name += pick(ENDINGS);
    if (next() < 0.04) name += "-" + pick(ONSETS) + pick(VOWELS) + pick(MIDDLES) + pick(ENDINGS);
    out.add(name);
  }
  return [...out];
}

const INVENTED = inventedSurnames(20_000);

export type Name = { first: string; last: string; firstFolded: string; lastFolded: string; masculine: boolean };

const folded = new Map<string, string>();
function fold(s: string): string {
  let f = folded.get(s);
  if (f === undefined) {
    f = foldName(s);
    folded.set(s, f);
  }
  return f;
}

/** A name drawn with `rnd` (uniform in [0,1)): 35 % a common surname of the language, 65 % the long tail. */
export function drawName(rnd: () => number, french: boolean): Name {
  const firsts = french ? FRENCH_FIRST_NAMES : ENGLISH_FIRST_NAMES;
  const lasts = french ? FRENCH_LAST_NAMES : ENGLISH_LAST_NAMES;
  const first = firsts[Math.floor(rnd() * firsts.length)]!;
  const last = rnd() < 0.35 ? lasts[Math.floor(rnd() * lasts.length)]! : INVENTED[Math.floor(rnd() * INVENTED.length)]!;
  return { first, last, firstFolded: fold(first), lastFolded: fold(last), masculine: MASCULINE_FIRST_NAMES.has(first) };
}

export function drawMiddleName(rnd: () => number, french: boolean): string | null {
  if (rnd() >= 0.4) return null;
  const list = french ? FRENCH_MIDDLE_NAMES : ENGLISH_MIDDLE_NAMES;
  return list[Math.floor(rnd() * list.length)]!;
}

/** ASCII letters only, for invented email addresses. */
export function emailPart(s: string): string {
  return fold(s).replace(/[^a-z0-9]/g, "");
}
