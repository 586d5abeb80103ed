// Fixed identifiers of the demo (contracts §7): boards, schools, colleges, accounts.
// Tests and the README rely on these exact values; change them only together with the contract.

export interface BoardSeed {
  number: string;
  nameEn: string;
  nameFr: string;
  language: "en" | "fr";
  autoTrms: boolean;
}

export const BOARDS: readonly BoardSeed[] = [
  {
    number: "99999",
    nameEn: "Demo District School Board",
    nameFr: "Conseil scolaire de district démo",
    language: "en",
    autoTrms: false,
  },
  {
    number: "99998",
    nameEn: "Northern Lights District School Board",
    nameFr: "Conseil scolaire des Aurores boréales",
    language: "fr",
    autoTrms: true,
  },
];

export interface SchoolSeed {
  mident: string;
  nameEn: string;
  nameFr: string;
  /** Shown beside the name where a school is chosen (reports); the same in both languages. */
  city: string;
  boardNumber: string;
  /** How many requests the seed creates for the school (the PESC example request comes on top). */
  requestCount: number;
  /** Share of French-speaking applicants. */
  frenchShare: number;
}

export const SCHOOLS: readonly SchoolSeed[] = [
  {
    mident: "999999",
    nameEn: "Sample High School",
    nameFr: "École secondaire Sample",
    city: "Toronto",
    boardNumber: "99999",
    requestCount: 95,
    frenchShare: 0.3,
  },
  {
    mident: "999998",
    nameEn: "Lakeview Secondary School",
    nameFr: "École secondaire Lakeview",
    city: "Mississauga",
    boardNumber: "99999",
    requestCount: 80,
    frenchShare: 0.3,
  },
  {
    mident: "999997",
    nameEn: "Aurora Collegiate",
    nameFr: "Institut collégial Aurora",
    city: "Timmins",
    boardNumber: "99998",
    requestCount: 62,
    frenchShare: 0.35,
  },
  {
    mident: "999996",
    nameEn: "École secondaire Boréale",
    nameFr: "École secondaire Boréale",
    city: "Kapuskasing",
    boardNumber: "99998",
    requestCount: 62,
    frenchShare: 0.85,
  },
];

/** The 24 Ontario public colleges, with OCAS-style four-letter codes. */
export const COLLEGES: readonly { code: string; nameEn: string; nameFr: string }[] = [
  { code: "ALGO", nameEn: "Algonquin College", nameFr: "Collège Algonquin" },
  { code: "BORE", nameEn: "Collège Boréal", nameFr: "Collège Boréal" },
  { code: "CAMB", nameEn: "Cambrian College", nameFr: "Collège Cambrian" },
  { code: "CANA", nameEn: "Canadore College", nameFr: "Collège Canadore" },
  { code: "CENT", nameEn: "Centennial College", nameFr: "Collège Centennial" },
  { code: "CONE", nameEn: "Conestoga College", nameFr: "Collège Conestoga" },
  { code: "CONF", nameEn: "Confederation College", nameFr: "Collège Confederation" },
  { code: "DURH", nameEn: "Durham College", nameFr: "Collège Durham" },
  { code: "FANS", nameEn: "Fanshawe College", nameFr: "Collège Fanshawe" },
  { code: "FLEM", nameEn: "Fleming College", nameFr: "Collège Fleming" },
  { code: "GBTC", nameEn: "George Brown College", nameFr: "Collège George Brown" },
  { code: "GEOR", nameEn: "Georgian College", nameFr: "Collège Georgian" },
  { code: "HUMB", nameEn: "Humber Polytechnic", nameFr: "Polytechnique Humber" },
  { code: "LACI", nameEn: "La Cité", nameFr: "La Cité" },
  { code: "LAMB", nameEn: "Lambton College", nameFr: "Collège Lambton" },
  { code: "LOYT", nameEn: "Loyalist College", nameFr: "Collège Loyalist" },
  { code: "MOHK", nameEn: "Mohawk College", nameFr: "Collège Mohawk" },
  { code: "NIAG", nameEn: "Niagara College", nameFr: "Collège Niagara" },
  { code: "NORT", nameEn: "Northern College", nameFr: "Collège Northern" },
  { code: "SAUL", nameEn: "Sault College", nameFr: "Collège Sault" },
  { code: "SENE", nameEn: "Seneca Polytechnic", nameFr: "Polytechnique Seneca" },
  { code: "SHER", nameEn: "Sheridan College", nameFr: "Collège Sheridan" },
  { code: "SLAW", nameEn: "St. Lawrence College", nameFr: "Collège St. Lawrence" },
  { code: "STCL", nameEn: "St. Clair College", nameFr: "Collège St. Clair" },
];

export type SeedRole = "OCAS_ADMIN" | "BOARD_ADMIN" | "BOARD_USER" | "SCHOOL_USER";

export interface AccountSeed {
  username: string;
  password: string;
  role: SeedRole;
  boardNumber?: string;
  mident?: string;
  displayName: string;
  email: string;
  language: "en" | "fr";
}

/** The demo accounts of contracts §7 (demo only: permanent passwords, no forced change). */
export const DEMO_ACCOUNTS: readonly AccountSeed[] = [
  {
    username: "demo.admin",
    password: "Demo-Admin-2026!",
    role: "OCAS_ADMIN",
    displayName: "Demo OCAS Administrator",
    email: "demo.admin@trms.example",
    language: "en",
  },
  {
    username: "demo.board",
    password: "Demo-Board-2026!",
    role: "BOARD_ADMIN",
    boardNumber: "99999",
    displayName: "Demo District Board Administrator",
    email: "demo.board@trms.example",
    language: "en",
  },
  {
    username: "demo.school",
    password: "Demo-School-2026!",
    role: "SCHOOL_USER",
    boardNumber: "99999",
    mident: "999999",
    displayName: "Sample High School Clerk",
    email: "demo.school@trms.example",
    language: "en",
  },
  {
    username: "demo.school2",
    password: "Demo-School2-2026!",
    role: "SCHOOL_USER",
    boardNumber: "99999",
    mident: "999998",
    displayName: "Lakeview Secondary School Clerk",
    email: "demo.school2@trms.example",
    language: "en",
  },
  {
    username: "other.board",
    password: "Demo-Other-2026!",
    role: "BOARD_USER",
    boardNumber: "99998",
    displayName: "Utilisateur du conseil des Aurores boréales",
    email: "other.board@trms.example",
    language: "fr",
  },
];

export const EXTRA_PASSWORD = "Demo-Extra-2026!";

/** More users, so that lists and scopes have more than one person in them. */
export const EXTRA_ACCOUNTS: readonly AccountSeed[] = [
  {
    username: "demo.board.user",
    password: EXTRA_PASSWORD,
    role: "BOARD_USER",
    boardNumber: "99999",
    displayName: "Demo District Board Records Officer",
    email: "demo.board.user@trms.example",
    language: "en",
  },
  {
    username: "aurora.school",
    password: EXTRA_PASSWORD,
    role: "SCHOOL_USER",
    boardNumber: "99998",
    mident: "999997",
    displayName: "Aurora Collegiate Clerk",
    email: "aurora.school@trms.example",
    language: "en",
  },
  {
    username: "boreale.school",
    password: EXTRA_PASSWORD,
    role: "SCHOOL_USER",
    boardNumber: "99998",
    mident: "999996",
    displayName: "Secrétariat de l'École secondaire Boréale",
    email: "boreale.school@trms.example",
    language: "fr",
  },
  {
    username: "other.board.admin",
    password: EXTRA_PASSWORD,
    role: "BOARD_ADMIN",
    boardNumber: "99998",
    displayName: "Administration du conseil des Aurores boréales",
    email: "other.board.admin@trms.example",
    language: "fr",
  },
];

export const DEFAULT_SIS_DOUBLE_URL = "http://127.0.0.1:4010/sis";
/** The bearer secret of the SIS test double (tests/doubles/sis-server.mjs, same default; SIS_DOUBLE_SECRET overrides
 * both): a demo value, stored sealed for the Auto-TRMS board. */
// The SIS test double's demo secret, the one the seed seals for board 99998: defined once, by the double.
export { DEFAULT_SIS_DOUBLE_SECRET } from "../../tests/doubles/sis-server.mjs";
/** Where the college test double listens (tests/doubles/college-server.mjs): each demo college's endpoint is
 * `<url>/colleges/<code>`, signed with the college's demo secret, defined by the double. COLLEGE_DOUBLE_URL overrides. */
export const DEFAULT_COLLEGE_DOUBLE_URL = "http://127.0.0.1:4020";
export { demoCollegeSecret } from "../../tests/doubles/college-server.mjs";
export const DEFAULT_INTAKE_API_KEY = "demo-intake-key";
export const DEFAULT_SLA_BUSINESS_DAYS = 5;
