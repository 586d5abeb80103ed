// Invented applicant names for the demo: French (with accents, apostrophes, hyphens) and English.
// Combinations are drawn at random; none is meant to be a real person.

/** French applicants that always appear first, in this order (the names the brief and the docs quote). */
export const FEATURED_FRENCH: readonly { firstName: string; lastName: string; middleName?: string; formerLastName?: string }[] = [
  { firstName: "Émilie", lastName: "Tremblay" },
  { firstName: "Zoë", lastName: "Côté", middleName: "Anaïs" },
  { firstName: "François", lastName: "Lefèvre" },
  { firstName: "Hélène", lastName: "Bélanger", formerLastName: "Thériault" },
  { firstName: "Jérôme", lastName: "Gagné" },
  { firstName: "Chloé", lastName: "Lévesque" },
  { firstName: "Noémie", lastName: "Bérubé", middleName: "Marie-Ève" },
  { firstName: "Benoît", lastName: "L'Heureux" },
  { firstName: "Gaëlle", lastName: "St-Pierre" },
  { firstName: "Marie-Ève", lastName: "Goulet-Aubin" },
];

export const FEATURED_ENGLISH: readonly { firstName: string; lastName: string; middleName?: string; formerLastName?: string }[] = [
  { firstName: "Liam", lastName: "O'Neil" },
  { firstName: "Olivia", lastName: "MacDonald", middleName: "Grace" },
  { firstName: "Mary-Kate", lastName: "Smith-Jones", formerLastName: "Smith" },
  { firstName: "Declan", lastName: "O'Brien", middleName: "James" },
];

export const FRENCH_FIRST_NAMES = [
  "Émilie", "Zoë", "François", "Hélène", "Jérôme", "Chloé", "Noémie", "Benoît", "Gaëlle", "Mélanie",
  "Stéphane", "Josée", "Rosalie", "Maël", "Léa", "Anaïs", "Thérèse", "André", "Frédéric", "Élodie",
  "Geneviève", "Cédric", "Loïc", "Marie-Ève", "Jean-François", "Gabrielle", "Mathis", "Raphaël", "Inès",
  "Océane", "Félix", "Amélie", "Éloïse", "Jérémie", "Sébastien", "Mégane", "Justine", "Olivier", "Aurélie",
  "Étienne",
] as const;

export const FRENCH_LAST_NAMES = [
  "Tremblay", "Côté", "Lefèvre", "Bélanger", "Gagné", "Lévesque", "Bérubé", "Gagnon", "Roy", "Bouchard",
  "Gauthier", "Morin", "Pelletier", "Bergeron", "Fréchette", "Thériault", "Dubé", "L'Heureux", "D'Amour",
  "St-Pierre", "Lalonde", "Ménard", "Séguin", "Paquette", "Goulet-Aubin", "Bélisle", "Désilets", "Légaré",
  "Boisvert", "Chénier", "Lacroix", "Brûlé", "Hébert", "Larivière-Côté", "Poirier",
] as const;

export const ENGLISH_FIRST_NAMES = [
  "Liam", "Olivia", "Noah", "Emma", "Ethan", "Ava", "Lucas", "Sophia", "Mason", "Isabella", "Logan", "Mia",
  "Owen", "Charlotte", "Aiden", "Amelia", "Jacob", "Harper", "Benjamin", "Abigail", "Priya", "Arjun", "Mei",
  "Wei", "Aaliyah", "Omar", "Fatima", "Kwame", "Siobhan", "Declan", "Aoife", "Connor", "Mary-Kate", "Jack",
  "Hannah", "Ryan", "Nadia", "Tyler", "Zara", "Evan",
] as const;

export const ENGLISH_LAST_NAMES = [
  "Smith", "Brown", "Wilson", "MacDonald", "Taylor", "Campbell", "Anderson", "Johnston", "O'Neil", "O'Brien",
  "McKenzie", "Patel", "Singh", "Nguyen", "Chen", "Li", "Wong", "Ahmed", "Khan", "Thompson", "Clarke",
  "Murphy", "Fitzgerald", "Smith-Jones", "Van der Berg", "Da Silva", "Kowalski", "Nowak", "Rossi", "Okafor",
  "Mensah", "Henderson", "Fraser", "Martin", "Baptiste",
] as const;

export const FRENCH_MIDDLE_NAMES = ["Marie", "Anne", "Joseph", "Louise", "Alexandre", "Claire", "Jean", "Élise"] as const;
export const ENGLISH_MIDDLE_NAMES = ["James", "Anne", "Michael", "Grace", "Rose", "Elizabeth", "Thomas", "Lee"] as const;

/** ASCII, lower-case, letters and digits only: for invented email addresses. */
export function emailPart(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** First names the seed treats as masculine (the others as feminine) when it draws a gender; "X" is drawn too. */
export const MASCULINE_FIRST_NAMES: ReadonlySet<string> = new Set([
  "François", "Jérôme", "Benoît", "Stéphane", "André", "Frédéric", "Cédric", "Loïc", "Jean-François", "Mathis",
  "Raphaël", "Félix", "Jérémie", "Sébastien", "Olivier", "Étienne", "Maël", "Liam", "Noah", "Ethan", "Lucas",
  "Mason", "Logan", "Owen", "Aiden", "Jacob", "Benjamin", "Arjun", "Wei", "Omar", "Kwame", "Declan", "Connor",
  "Jack", "Ryan", "Tyler", "Evan",
]);
