// The words the page uses for the record's values, in one place. The profile's
// categories (roles, genders) come from the server's vocabulary module.

import { GENDER_LABELS, GENDERS, ROLE_HELP, ROLE_LABELS, ROLES } from "./vocabulary.js";

export { GENDER_LABELS, GENDERS, ROLE_HELP, ROLE_LABELS, ROLES };

export const IDENTIFICATIONS = ["named", "partially_named", "anonymous"];
export const ENTITY_TYPES = ["person", "organization", "group"];
export const UNATTRIBUTED = "unattributed";

export const IDENTIFICATION_LABELS = {
  named: "Named",
  partially_named: "Partially named",
  anonymous: "Anonymous",
  [UNATTRIBUTED]: "No speaker found",
};

export const ENTITY_TYPE_LABELS = {
  person: "Person",
  organization: "Organisation",
  group: "Group",
  [UNATTRIBUTED]: "No speaker found",
};

export const KIND_LABELS = {
  direct: "Direct quote",
  indirect: "Indirect quote",
  mixed: "Mixed quote",
};

export const KIND_HELP = {
  direct: "the speaker’s own words, in quotation marks",
  indirect: "reported speech, not the speaker’s exact words",
  mixed: "reported speech with some of the speaker’s words quoted",
};

/** What the page calls a source: its name, else how the article describes it. */
export function sourceName(source) {
  return source.name ?? source.description ?? "Unnamed source";
}

const EVIDENCE_KINDS = {
  pronoun: "a pronoun that refers to the source",
  honorific: "an honorific before the name",
  noun: "a word that describes the source",
};

/** The role, with the article's words that decided it. */
export function roleText(source) {
  if (!source) return "No speaker found";
  const role = source.role ?? "unknown";
  if (role === "unknown") return "Not stated in the article";
  const words = (source.role_evidence ?? []).map((w) => `“${w.text}”`).join(", ");
  return words ? `${ROLE_LABELS[role]}, from ${words}` : ROLE_LABELS[role];
}

/** The gender as the article gives it, and the word that says so. */
export function genderText(source) {
  if (!source) return "No speaker found";
  if (!source.gender) return "Not applicable: not a single person";
  const evidence = source.gender_evidence;
  if (source.gender === "unknown" || !evidence) return "Not stated in the article";
  return `${GENDER_LABELS[source.gender]}, from “${evidence.text}” (${EVIDENCE_KINDS[evidence.kind]})`;
}

/** What a source talked about: its key terms. */
export function keyTermsText(source) {
  const terms = (source?.key_terms ?? []).map((t) => t.term);
  return terms.length ? terms.join(", ") : "None found";
}

/** Why a source is not named, in words for the reader. */
export function anonymityText(source) {
  if (!source) return "No speaker found";
  if (source.identification === "named") return "Not anonymous: the source is named";
  return source.anonymity_reason ?? "No reason given in the article";
}
