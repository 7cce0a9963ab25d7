"""Regenerate models/lexicons/speech_verbs.tsv from the lemma lists below.

Why a generator: the engine matches verbs by their written forms (it runs without
spaCy's lemmatizer, which costs time), so every inflection must be in the lexicon.
The lemma lists are the reviewed part; forms are produced by regular English
morphology plus the irregular table, and the output is committed. textacy's
REPORTING_VERBS seeded the speech list. Run: python bench/tools/make_verb_lexicon.py
"""

from __future__ import annotations

import pathlib

import textacy.constants

SPEECH = """
say tell add state note explain write tweet post declare announce insist argue claim warn
ask reply respond answer continue conclude recall joke quip shout scream yell cry exclaim
whisper mutter lament complain acknowledge admit concede confirm deny reiterate repeat stress
emphasize emphasise predict promise vow pledge suggest urge contend maintain assert allege
charge accuse criticize criticise praise boast brag concur agree disagree counter retort rebut
object protest observe remark comment describe testify report disclose reveal tout mock
muse wonder speculate estimate caution advise recommend propose demand plead beg implore
inform notify assure reassure remind signal indicate imply hint interject begin confide
confess elaborate clarify reason theorize theorise posit opine scoff snap fume rant gush
marvel chuckle grumble groan moan whine sigh laugh retweet email e-mail text write blog
proclaim pronounce decree rule find show conclude determine project forecast predict chant
complain threaten order instruct advocate announce brief recount relate narrate tease
thunder roar bellow murmur stammer stutter sneer jeer taunt lash blast slam rip chide
scold rebuke reprimand blame fault question challenge dispute contest reject dismiss
downplay acknowledge affirm aver avow certify attest swear guarantee underscore
underline highlight mention cite quote paraphrase summarize summarise
convince persuade encourage
"""

# Verbs of taking a stance: their object is attributed ("endorsed Clinton", "talked
# about jobs"), but they never introduce a direct quote.
STANCE = """
endorse applaud attack back condemn defend denounce discuss oppose support welcome
talk speak push focus cheer embrace
"""

# Verbs that name or describe with a quoted phrase ("called the plan “a disaster”"):
# they cue mixed quotes, never introduce a full direct quote.
NAMING = """
call label dub brand term describe characterize characterise portray depict
"""

# Verbs whose object is the person spoken to ("told reporters", "urged voters"):
# an object does not stop them being cues.
ADDRESSEE = """
tell ask inform remind assure reassure warn urge advise notify brief instruct beg
implore order convince persuade encourage
"""

ATTITUDE = """
think believe expect hope fear worry feel know suspect doubt assume guess reckon figure
understand consider want plan intend wish prefer anticipate envision imagine
recognize recognise realize realise accept decide hold refuse seek offer
"""

IRREGULAR = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "find": ("found",),
    "show": ("showed", "shown"),
    "think": ("thought",),
    "seek": ("sought",),
    "know": ("knew", "known"),
    "feel": ("felt",),
    "understand": ("understood",),
    "begin": ("began", "begun"),
    "swear": ("swore", "sworn"),
    "hold": ("held",),
    "put": ("put",),
    "rip": ("ripped",),
    "slam": ("slammed",),
    "snap": ("snapped",),
    "rebut": ("rebutted",),
    "quip": ("quipped",),
    "admit": ("admitted",),
    "decree": ("decreed",),
    "lash": ("lashed",),
    "sum": ("summed",),
    "blog": ("blogged",),
    "confer": ("conferred",),
    "refer": ("referred",),
    "jeer": ("jeered",),
    "aver": ("averred",),
    "stammer": ("stammered",),
    "stutter": ("stuttered",),
    "rebuke": ("rebuked",),
    "email": ("emailed",),
    "e-mail": ("e-mailed",),
    "text": ("texted",),
    "tweet": ("tweeted",),
    "retweet": ("retweeted",),
    "underline": ("underlined",),
    "play": ("played",),
    "repeat": ("repeated",),
    "posit": ("posited",),
    "fear": ("feared",),
    "cry": ("cried",),
    "reply": ("replied",),
    "testify": ("testified",),
    "certify": ("certified",),
    "clarify": ("clarified",),
    "signal": ("signaled", "signalled"),
    "summarize": ("summarized",),
}

DOUBLING = {
    "rip",
    "slam",
    "snap",
    "rebut",
    "quip",
    "admit",
    "blog",
    "sum",
    "aver",
    "plan",
    "prefer",
    "dub",
    "beg",
    "put",
    "regret",
    "refer",
    "confer",
    "brag",
    "concur",
}
ING_IRREGULAR = {"lie": "lying", "die": "dying"}


def third_person(lemma: str) -> str:
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def past(lemma: str) -> tuple[str, ...]:
    if lemma in IRREGULAR:
        return IRREGULAR[lemma]
    if lemma in DOUBLING:
        return (lemma + lemma[-1] + "ed",)
    if lemma.endswith("e"):
        return (lemma + "d",)
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return (lemma[:-1] + "ied",)
    return (lemma + "ed",)


def gerund(lemma: str) -> str:
    if lemma in ING_IRREGULAR:
        return ING_IRREGULAR[lemma]
    if lemma in DOUBLING or lemma == "begin":
        return lemma + lemma[-1] + "ing"
    if lemma.endswith("ee") or lemma.endswith("ye"):
        return lemma + "ing"
    if lemma.endswith("e") and len(lemma) > 2:
        return lemma[:-1] + "ing"
    return lemma + "ing"


def forms(lemma: str) -> list[str]:
    out = [lemma, third_person(lemma), *past(lemma), gerund(lemma)]
    return list(dict.fromkeys(out))


def main() -> None:
    naming = set(NAMING.split())
    stance = set(STANCE.split())
    attitude = set(ATTITUDE.split())
    # textacy counts believe/think/hope/fear/worry as reporting verbs; here they are
    # attitudes, which matters when a belief is reported rather than words.
    speech = (
        (set(SPEECH.split()) | set(textacy.constants.REPORTING_VERBS["en"]))
        - naming
        - attitude
        - stance
        - {"according"}
    )
    addressee = set(ADDRESSEE.split())
    lines = [
        "# Speech, attitude and naming verbs with every written form (generated by",
        "# bench/tools/make_verb_lexicon.py; edit the lists there, then regenerate).",
        "# lemma<TAB>forms<TAB>class<TAB>object   class: speech (a report of words) |",
        "# attitude (a belief or intention, which news attributes like speech) | naming",
        "# (names with a quoted phrase) | stance (its object is attributed: 'endorsed X');",
        "# object: addressee when the object is the hearer.",
    ]
    groups = (
        ("speech", speech),
        ("attitude", attitude),
        ("naming", naming),
        ("stance", stance),
    )
    for cls, lemmas in groups:
        for lemma in sorted(lemmas):
            obj = "addressee" if lemma in addressee else "-"
            lines.append(f"{lemma}\t{' '.join(forms(lemma))}\t{cls}\t{obj}")
    out = (
        pathlib.Path(__file__).resolve().parents[2] / "models/lexicons/speech_verbs.tsv"
    )
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out} ({sum(1 for x in lines if not x.startswith('#'))} lemmas)")


if __name__ == "__main__":
    main()
