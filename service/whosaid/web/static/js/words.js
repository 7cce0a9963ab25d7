// The words the page uses for the record's values, in one place.

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

/** Why a source is not named, in words for the reader. */
export function anonymityText(source) {
  if (!source) return "No speaker found";
  if (source.identification === "named") return "Not anonymous: the source is named";
  return source.anonymity_reason ?? "No reason given in the article";
}
