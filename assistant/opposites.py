"""Claims that turn a statement around in other words, with no negation to catch.

"Working with parents is straightforward and needs only a single information evening" cited to
NPQSL 9.5 ("…can be challenging, and is likely to require sustained effort") was called
supported (a sixth user test): the sentence shares the statement's topic, and no entailment
model loads here to see that "straightforward" answers "challenging". (That test's "induction
is largely at the school's discretion", cited to NPQSL 6.12's "must adhere", passed too until
"statutory" naming a thing, "the statutory requirements", stopped counting as the sentence
saying that it must be followed.)

Each `Opposition` pairs what a statement says (``stated``) with the words a sentence would use
to say the reverse (``claimed``). A sentence turns the statement around when it makes the
reversing claim itself: the reversing words are not negated or set aside ("far from
straightforward", "rather than a one-off"), the sentence does not also say the statement's
side ("challenging rather than straightforward"), does not criticise what it names ("a single
training day had little effect"), and does not report a belief it goes on to correct ("we had
assumed it would be easy"). The pairs are few and general on purpose: a right citation doubted
costs users' trust, so each pair was checked against every labelled right citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.store import tokenize

_F = re.IGNORECASE


@dataclass(frozen=True)
class Opposition:
    """One pair: what statements say, and the words that claim its reverse."""

    name: str
    stated: re.Pattern[str]
    claimed: re.Pattern[str]


_SESSION = (
    r"(?:session|day|event|meeting|inset|training|twilight|workshop|briefing|evening|assembly|"
    r"talk|letter|email|e-mail|course|conversation|presentation|input|visit|announcement|"
    r"information\s+evening|launch)s?"
)

OPPOSITIONS: tuple[Opposition, ...] = (
    # "Resilience comes from letting children struggle and fail repeatedly, so I asked teachers
    # to stop planning for early success" cited to NPQLT 2.6 ("…by ensuring all pupils have the
    # opportunity to experience meaningful success") had passed (a twenty-first Check user test).
    Opposition(
        "success",
        re.compile(r"\bexperiences?\s+(?:\w+\s+)?success\b|\bachieve\s+success\b", _F),
        re.compile(
            r"\b(?:stop|stopped|stopping|no\s+longer|not|never)\s+(?:\w+\s+){0,3}?(?:planning|"
            r"building|ensuring|engineering|designing)\s+(?:in\s+|for\s+)?(?:early\s+|quick\s+|"
            r"any\s+)?(?:success|wins)\b|\b(?:fail|failing|failure)\s+(?:repeatedly|again\s+and\s+"
            r"again|over\s+and\s+over|time\s+after\s+time)\b|\blet(?:ting)?\s+(?:them|pupils|children|"
            r"students|kids)\s+(?:struggle\s+and\s+)?fail\b",
            _F,
        ),
    ),
    Opposition(
        "difficulty",
        re.compile(
            r"\b(?:challenging|difficult|hard\s+to|sustained\s+effort|expect\s+challenges|complexity|"
            r"ingrained|demanding|struggle|(?:is|are|be|remains?|becomes?)\s+(?:\w+\s+)?"
            r"complex)\b",
            _F,
        ),
        re.compile(
            r"\b(?:straightforward|effortless(?:ly)?|uncomplicated|painless(?:ly)?|easy|easily|"
            r"readily|"
            r"trivial|a\s+quick\s+win|simple\s+to|(?:is|are|was|were|be|been|proved|proves|"
            r"prove|seems?|seemed|remains?)\s+(?:\w+\s+)?simple)\b",
            _F,
        ),
    ),
    Opposition(
        "obligation",
        re.compile(
            r"\b(?:must|statutory|required|requires?|duty|duties|obligations?|essential|"
            r"paramount|vital|crucial|critical|non-negotiable|have\s+to|needs?\s+to|important|"
            r"key|fundamental|central|accountable|responsib(?:le|ility|ilities)|"
            r"(?:first|top|a|the|high|key)\s+priority)\b",
            _F,
        ),
        re.compile(
            r"\b(?:optional|discretionary|nice[- ]to[- ]have|"
            r"(?:at|to)\s+(?:the|our|their|its|his|her|each|a|individual)\s+"
            r"(?:[\w-]+['’]s?\s+)?discretion|"
            r"a\s+matter\s+of\s+(?:personal\s+)?(?:choice|preference|taste)|"
            r"(?:is|are|was|were|be|been|seen\s+as|treated\s+as|regarded\s+as|viewed\s+as|"
            r"considered|remains?)\s+(?:(?:largely|merely|simply|just|mostly|an?|rather|"
            r"fairly|quite|very|essentially)\s+){0,2}(?:peripheral|marginal|unnecessary|"
            r"irrelevant|dispensable|an\s+afterthought|a\s+formality|a\s+luxury|"
            r"a\s+tick[- ]box(?:ing)?\s+exercise)|"
            r"can\s+(?:safely\s+)?be\s+(?:skipped|ignored|dropped|left\s+out|overlooked)|"
            r"can\s+(?:safely\s+)?(?:skip|ignore|overlook)|low\s+priority|"
            r"a\s+secondary\s+(?:concern|consideration|priority|issue|matter)|"
            r"a\s+minor\s+(?:issue|concern|consideration|matter|factor|detail|point|priority|"
            r"influence|role|part|effect))\b",
            _F,
        ),
    ),
    Opposition(
        "sustained",
        re.compile(
            r"\b(?:sustained|ongoing|over\s+time|extended\s+period|continu(?:ous|ing|al|ally|"
            r"ously)|long[- ]term|rather\s+than\s+a\s+single\s+event|repeated(?:ly)?|spaced|"
            r"revisit(?:ed|ing)?|regular(?:ly)?|more\s+than\s+a\s+(?:school\s+)?term|"
            r"take\s+longer|over\s+a\s+number\s+of|lasting|long[- ]lasting|permanent)\b",
            _F,
        ),
        re.compile(
            r"\b(?:one[- ]off|once[- ]off|one[- ]day|one[- ]shot|quick\s+fix|in\s+one\s+go|"
            r"all\s+at\s+once|once\s+and\s+for\s+all|cram(?:med|ming)?|massed|"
            r"temporary|temporarily|fleeting|momentary|short[- ]term|(?:only|just)\s+once|"
            r"(?:shared|communicated|mentioned|discussed|explained|announced|presented|covered|"
            r"raised|reviewed|checked|run|held|delivered|done|trained|taught)\s+once\b"
            r"(?!\s+(?:a|an|every|per|each)\b)|"
            rf"(?:a|one|the)\s+single\s+(?:[\w-]+\s+){{0,2}}?{_SESSION}|"
            rf"(?:only|just)\s+(?:a|one)\s+(?:[\w-]+\s+){{0,2}}?{_SESSION})\b",
            _F,
        ),
    ),
    Opposition(
        "consistency",
        re.compile(
            r"\b(?:consisten(?:t|tly|cy)|coheren(?:t|ce)|whole[- ]school|aligned|alignment|"
            r"common\s+(?:approach|language|expectations)|shared)\b",
            _F,
        ),
        re.compile(
            r"\b(?:left\s+to\s+(?:each|individual|the\s+individual)|"
            r"up\s+to\s+(?:each|individual)\s+\w+|"
            r"each\s+(?:teacher|department|class(?:room)?|member\s+of\s+staff|subject|"
            r"colleague|year\s+team|phase)\s+(?:is\s+free\s+to\s+|should\s+|can\s+|may\s+)?"
            r"(?:decides?|chooses?|devises?|invents?|(?:sets?|uses?|follows?|designs?|creates?|"
            r"writes?|develops?)\s+(?:their|its)\s+own)|"
            r"free\s+to\s+(?:choose|decide|devise|set|use|write|design)\s+(?:their|its)\s+own|"
            r"(?:vary|varies|differ|differs)\s+(?:freely\s+)?(?:from|between)\s+"
            r"(?:class|classroom|teacher|department|subject)s?|piecemeal|patchwork)\b",
            _F,
        ),
    ),
    Opposition(
        "explicit",
        # "…practise, with appropriate guidance and support, increases success" (NPQLT 5.8)
        # against "left to work out new methods for themselves, without the teacher guiding"
        # (a ninth user test).
        re.compile(
            r"\b(?:explicit(?:ly)?|worked\s+examples?|guided\s+practice|scaffold\w*|"
            r"with\s+(?:\w+\s+){0,2}guidance)\b",
            _F,
        ),
        re.compile(
            r"\b(?:discover(?:y|ing|ed)?\s+(?:for\s+themselves|by\s+themselves|on\s+their\s+own"
            r"|learning)|(?:find|found|work|worked|figure|figured)\s+(?:it|things|them)?\s*out\s+"
            r"for\s+themselves|(?:find|found|work|worked|figure|figured)\s+out\s+(?:[\w-]+\s+){1,3}"
            r"for\s+themselves|without\s+(?:the\s+|any\s+|their\s+)?(?:teacher(?:['’]s)?\s+)?"
            r"(?:guidance|guiding|support(?:ing)?|help)|(?:pick|picked|picks)\s+(?:it|them|this|these)?\s*up\s+"
            r"(?:naturally|implicitly|on\s+their\s+own|incidentally)|by\s+osmosis|implicitly|"
            r"unguided|minimal\s+(?:guidance|instruction|teacher\s+input))\b",
            _F,
        ),
    ),
    Opposition(
        "capacity",
        re.compile(r"\b(?:capacity\s+is\s+limited|limited\s+capacity|can\s+be\s+overloaded)", _F),
        re.compile(
            r"\b(?:unlimited|limitless|infinite|"
            r"(?:vast|huge|large|ample)\s+(?:capacity|"
            r"amounts?)|can\s+(?:easily\s+)?(?:hold|handle|cope\s+with|process|absorb|take\s+in)"
            r"\s+(?:large|vast|huge|any|unlimited|lots|a\s+lot|as\s+much|many)|"
            r"as\s+much\s+(?:new\s+)?(?:information|content|material)\s+as\s+possible)\b",
            _F,
        ),
    ),
    Opposition(
        "shared",
        re.compile(
            r"\b(?:every\s+(?:colleague|member|teacher|leader)|all\s+(?:staff|colleagues)|"
            r"everyone|distributed|shared\s+responsibility|collective(?:ly)?)\b",
            _F,
        ),
        re.compile(
            r"\b(?:alone|sole(?:ly)?\s+(?:the\s+)?responsib\w*|single[- ]handed(?:ly)?|"
            r"handed\s+down|(?:decided|made|set)\s+centrally)\b",
            _F,
        ),
    ),
    Opposition(
        "emphasis",
        re.compile(
            r"\b(?:particularly|especially|paramount|most\s+important|first\s+priority)\b", _F
        ),
        re.compile(
            r"\b(?:matters?\s+(?:the\s+)?least|(?:the\s+)?least\s+(?:important|valuable|"
            r"affected|relevant|necessary|useful|needed|beneficial|helpful|"
            r"in\s+need))\b",
            _F,
        ),
    ),
    Opposition(
        "building on",
        re.compile(
            r"\b(?:build(?:s|ing)?\s+on|draw(?:s|ing)?\s+on|making\s+use\s+of|"
            r"instead\s+of\s+creating\s+new)\b",
            _F,
        ),
        re.compile(
            r"\b(?:from\s+scratch|start(?:s|ing)?\s+afresh|(?:a\s+)?clean\s+slate|"
            r"set(?:s|ting)?\s+aside|disregard\w*|ignor(?:e|es|ed|ing)\s+(?:their|the|"
            r"participants['’]?|existing|prior|what))\b",
            _F,
        ),
    ),
    Opposition(
        "no replacement",
        re.compile(
            r"\b(?:never|not)\s+(?:be\s+)?(?:used\s+)?(?:as\s+)?(?:a\s+)?"
            r"(?:replacement|substitute)\s+for|rather\s+than\s+as\s+a\s+replacement\s+for",
            _F,
        ),
        re.compile(
            r"\b(?:replac(?:e|es|ed|ing)|substitut(?:e|es|ed|ing)\s+for|in\s+place\s+of|"
            r"stand(?:s|ing)?\s+in\s+for)\b",
            _F,
        ),
    ),
    Opposition(
        "subject-specific",
        re.compile(
            r"\b(?:within\s+the\s+subject|subject[- ]specific|domain[- ]specific|"
            r"specific\s+to\s+(?:the|each|a)\s+subject)",
            _F,
        ),
        re.compile(
            r"\b(?:generic|general\s+skills?|transferable\s+skills?|any\s+(?:topic|subject)|"
            r"across\s+all\s+subjects|regardless\s+of\s+(?:the\s+)?(?:subject|topic|"
            r"knowledge))\b",
            _F,
        ),
    ),
    Opposition(
        "informal",
        re.compile(r"\b(?:informal|face[- ]to[- ]face)\b", _F),
        re.compile(
            r"\b(?:formal|lecture[- ]style|by\s+letter|in\s+writing|(?:by|via)\s+(?:email|"
            r"e-mail|text|newsletter)\s+only|only\s+(?:by|via)\s+(?:email|e-mail|letter|"
            r"newsletter))\b",
            _F,
        ),
    ),
    # A seventh user test: "every mentor followed one identical … coaching script with every
    # ECT, whatever their experience" cited to NPQSL 6.P2.2 ("Tailoring the conversation to the
    # expertise and needs of the individual"), and "one end-of-term test gives a definitive
    # verdict" to NPQLT 7.P1.2 ("patterns of performance over a number of assessments"), passed.
    Opposition(
        "tailored",
        re.compile(
            r"\b(?:tailor(?:s|ed|ing)?|expertise\s+and\s+needs\s+of\s+the\s+individual|"
            r"needs\s+of\s+(?:the\s+)?individual\s+(?:pupils?|colleagues?|teachers?))\b",
            _F,
        ),
        re.compile(
            r"\b(?:one[- ]size[- ]fits[- ]all|(?:one|an?|the\s+same)\s+identical|"
            r"whatever\s+(?:their|his|her|the)\s+(?:experience|expertise|needs|starting\s+points?)|"
            r"regardless\s+of\s+(?:their|his|her)\s+(?:experience|expertise|needs)|"
            r"(?:a|one)\s+single\s+(?:[\w-]+\s+)?(?:style|script|approach|model)\s+"
            r"(?:suits|fits|works\s+for)\s+(?:all|every))\b",
            _F,
        ),
    ),
    Opposition(
        "many assessments",
        re.compile(
            r"\b(?:patterns?\s+of\s+performance|over\s+a\s+number\s+of\s+assessments|"
            r"multiple\s+(?:methods|sources|assessments|measures))\b",
            _F,
        ),
        re.compile(
            r"\b(?:definitive\s+(?:verdict|judg(?:e)?ment|measure|picture|answer)|"
            r"(?:a|one)\s+single\s+(?:[\w-]+\s+){0,2}?(?:test|assessment|score|observation|"
            r"data\s+point)\s+(?:is\s+enough|suffices|tells\s+us\s+(?:all|everything)|"
            r"gives\s+(?:a|the|an)\s+(?:full|complete|accurate|reliable|definitive))|"
            r"one\s+(?:[\w-]+\s+){0,3}?(?:test|assessment|observation)\s+(?:is\s+enough|"
            r"suffices|tells\s+us\s+(?:all|everything)|gives\s+(?:a|the|an)\s+(?:full|"
            r"complete|accurate|reliable|definitive))|"
            # "…a single well-chosen source is more dependable than triangulating several" (an
            # eighth user test, against NPQLT 8.P3.3's "multiple methods of data collection").
            r"(?:a|one)\s+single\s+(?:[\w-]+\s+){0,2}?(?:source|test|assessment|score|"
            r"observation|drop-in|data\s+point)\s+(?:is|was)\s+(?:more|as)\s+(?:dependable|"
            r"reliable|accurate|trustworthy|valid)|(?:rather|more\s+\w+)\s+than\s+"
            r"triangulat\w*|instead\s+of\s+triangulat\w*|"
            # A judgement made from one piece of work, the several set aside: "…judge each
            # pupil's grasp of a topic from a single end-of-lesson exit ticket rather than
            # waiting for a trend across several assessments" (a nineteenth Check user test).
            r"(?:judg\w*|conclu\w*|decid\w*)\s+(?:[\w'’-]+\s+){0,6}?(?:from|on|by)\s+(?:a|one)\s+"
            r"single\s+(?:[\w-]+\s+){0,3}?(?:test|assessment|quiz|exit\s+ticket|task|score|"
            r"result|observation|piece\s+of\s+work)s?(?=\s+(?:rather\s+than|instead\s+of))|"
            # "…one well-timed test tells you more about what has been learned than a pattern
            # across several assessments" (a twenty-first Check user test).
            r"(?:a|one)\s+(?:single\s+)?(?:[\w-]+\s+){0,2}?(?:test|exam|assessment|quiz)\s+(?:tells?|"
            r"shows?|reveals?)\s+(?:you\s+|us\s+|teachers\s+)?(?:far\s+|much\s+|a\s+lot\s+)?more\b"
            r"[^.;]*?\bthan\s+(?:a\s+|the\s+)?(?:patterns?|several|multiple|a\s+number|any\s+number))\b",
            _F,
        ),
    ),
    # "Pupils with SEND learn best away from the main lesson, so teachers planned a separate
    # maths and English lesson for them" cited to NPQSL 5.P3.2 ("…intervening in lessons …
    # rather than planning different lessons for different groups of pupils or taking pupils
    # out of classrooms…") had been sent to another number (a seventh user test).
    Opposition(
        "in the lesson",
        re.compile(
            r"\b(?:taking\s+pupils\s+out\s+of\s+classrooms|rather\s+than\s+planning\s+"
            r"different\s+lessons)",
            _F,
        ),
        re.compile(
            r"\b(?:away\s+from\s+the\s+(?:main\s+)?(?:lesson|class(?:room)?)s?|"
            r"(?:a\s+)?separate\s+(?:[\w-]+\s+){0,3}?lessons?\s+for\s+(?:them|these|those|"
            r"pupils|each\s+group)|(?:taken|taking|take)\s+(?:them\s+|pupils\s+)?out\s+of\s+"
            r"(?:class|lessons|the\s+classroom)|withdr[ae]w\w*\s+(?:them\s+|pupils\s+)?from\s+"
            r"(?:class|lessons))\b",
            _F,
        ),
    ),
    # "Because the content of subjects such as English and history is essentially settled, I
    # asked heads of department to confirm their existing schemes quickly" against NPQSL 3.3
    # ("…is contestable and requires thoughtful, sustained review"; an eighth user test).
    Opposition(
        "contestable",
        re.compile(r"\b(?:contestable|contested|debated|disputed)\b", _F),
        re.compile(
            r"\b(?:(?:essentially|largely|basically|already|now)\s+)?(?:settled|uncontested|"
            r"uncontroversial|beyond\s+(?:debate|dispute)|not\s+up\s+for\s+debate|"
            r"no\s+longer\s+(?:contested|debated))\b",
            _F,
        ),
    ),
    Opposition(
        "few priorities",
        re.compile(
            r"\b(?:limited\s+number|small\s+number|a\s+few\s+(?:\w+\s+)?priorities|"
            r"prioritis\w+|focus(?:ed|ing)?\s+on\s+(?:a\s+)?(?:few|small))\b",
            _F,
        ),
        re.compile(
            r"\b(?:as\s+many\s+(?:[\w-]+\s+){0,2}as\s+possible|(?:numerous|countless)\s+"
            r"(?:initiatives|priorities|changes|projects)|(?:a\s+)?(?:large|long|wide)\s+"
            r"(?:number|list|range)\s+of\s+(?:new\s+)?(?:initiatives|priorities|changes|projects)|"
            r"every\s+(?:initiative|priority)\s+at\s+once|all\s+(?:the\s+)?(?:initiatives|"
            r"priorities|changes)\s+at\s+once)\b",
            _F,
        ),
    ),
    # A tenth user test: "In the end it is the sheer volume of hours that counts: the more
    # coaching minutes an ECT logs the better, whatever those minutes are spent on" cited to
    # NPQSL 6.4 ("what the time is used for, is more important than the amount"), and "Good
    # adaptive teaching means giving each ability table its own simplified worksheet and
    # accepting that some pupils will aim lower" to NPQSL 5.7 (less valuable "if it causes the
    # teacher to artificially create distinct tasks … or to set lower expectations").
    Opposition(
        "use over amount",
        re.compile(r"\bmore\s+important\s+than\s+the\s+amount\b", _F),
        re.compile(
            r"\b(?:(?:sheer\s+)?(?:volume|amount|quantity|number)\s+of\s+(?:[\w-]+\s+){0,3}?"
            r"(?:that\s+)?(?:counts|matters)|the\s+more\s+(?:[\w-]+\s+){1,5}?the\s+better|"
            r"whatever\s+(?:[\w-]+\s+){0,3}?(?:is|are|was|were)\s+(?:spent|used)\s+(?:on|for))\b",
            _F,
        ),
    ),
    Opposition(
        "one task for all",
        # The warning's own words, so that a sentence repeating them ("…create artificially
        # distinct tasks or lower expectations") says the statement's side too.
        re.compile(r"\b(?:distinct\s+tasks|lower\s+expectations)\b", _F),
        re.compile(
            r"\b(?:(?:its|their)\s+own\s+(?:simplified\s+|separate\s+|easier\s+|different\s+)?"
            r"(?:worksheets?|tasks?|activit(?:y|ies))|(?:separate|different)\s+"
            r"(?:simplified\s+|easier\s+)?(?:worksheets?|tasks?)\s+for\s+(?:each|every)|"
            r"aim\s+lower|lower\s+(?:expectations|targets|aims)\s+for\s+(?:some|them|those|"
            r"these|lower))\b",
            _F,
        ),
    ),
    # "Implementation should involve repurposing existing processes and resources … rather than
    # creating a separate set of procedures" (NPQSL 8.3, NPQEL 8.3, NPQLT 9.3): a sixteenth Check
    # user test's "a brand-new, standalone set of trust assessment procedures, deliberately kept
    # apart from each school's existing data and governance cycles (NPQEL 8.3)".
    Opposition(
        "repurposing",
        re.compile(r"\brepurpos\w*\s+existing\b", _F),
        re.compile(
            r"\b(?:stand[- ]?alone|brand[- ]new|from\s+scratch|(?:an?|the)\s+(?:new\s+)?separate\s+"
            r"(?:set|system|process|procedure|structure)s?|kept\s+(?:\w+\s+)?apart\s+from|"
            r"parallel\s+(?:systems?|process(?:es)?|structures?|procedures?))\b",
            _F,
        ),
    ),
    # "Different types of employees have different terms and conditions" (NPQSL 7.7, NPQEL
    # 7.5; and schools' funding, 7.6 / 7.4, and structures' governance, NPQEL 10.2): an
    # eighteenth Check user test's "every member of staff across the trust … is employed on
    # identical terms (NPQEL 7.5)" passed.
    Opposition(
        "different types",
        re.compile(
            r"\bdifferent\s+types\s+of\s+\w+(?:\s+\w+)?\s+(?:have|are)\s+(?:\w+\s+){0,3}?"
            r"different\s+[\w-]+(?:\s+and\s+[\w-]+)?",
            _F,
        ),
        re.compile(
            r"\b(?:(?:identical|uniform|(?:exactly\s+)?the\s+same)\s+(?:terms|contracts?|"
            r"conditions|regulations|rules|funding|arrangements)|(?:one|a\s+single)\s+"
            r"(?:set\s+of\s+(?:[\w-]+\s+)?(?:terms|rules|regulations|conditions|arrangements)|"
            r"(?:funding\s+)?mechanism|contract))\b",
            _F,
        ),
    ),
)

# Words just before the reversing ones that deny or set them aside ("far from easy", "rather
# than a one-off", "replaced a single training day with…", "the myth that it is simple").
_SET_ASIDE_RE = re.compile(
    r"(?:n['’]t\b|\b(?:not|never|no|nor|cannot|rather\s+than|instead\s+of|anything\s+but|far\s+from|"
    r"replac\w*|mov\w*\s+away\s+from|stopp?\w*|abandon\w*|dropp?\w*(?!-)|no\s+longer|avoid\w*|"
    r"against|beyond|more\s+than|less\s+than|than|myth|misconception|assum\w*|belie\w*|"
    r"thought|expected|hoped|used\s+to|previously|once\s+believed|the\s+idea\s+that|"
    r"reject\w*|refus\w*|declin\w*|resist\w*|challeng\w*|warn\w*|without)\b)[^.;:]*$",
    _F,
)
_LOOK_BACK = 60  # characters before the reversing words read for a denial ("a drop-in" is none)

# A sentence that criticises what it names, or reports a belief corrected, agrees with the
# statement ("a single information evening did little to engage parents").
_CRITICAL_RE = re.compile(
    r"\b(?:fail\w*|did\s+little|little|undermin\w*|problem\w*|struggl\w*|ineffective|"
    r"insufficient|inadequate|poor(?:ly)?|mistake\w*|wrong|backfir\w*|confus\w*|"
    r"(?:did|does|do)\s+not\s+work|didn['’]t\s+work|not\s+enough|short[- ]lived|"
    r"fizzl\w*|hindsight|realis\w*|realiz\w*|learn(?:ed|t)\s+that|less\s+(?:effective|likely)|"
    r"inconsisten\w*|frustrat\w*|resist\w*|unfair|damag\w*|harm\w*|naive|naïve|"
    r"underestimat\w*|misjudg\w*|wrongly|lack\w*|absence|however|but|whereas|although|"
    r"though|yet)\b",
    _F,
)


_OPENING_CONNECTIVE_RE = re.compile(r"^\s*(?:however|but|yet|though)\b[\s,]*", _F)


def _claims(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of ``pattern`` in ``text`` that no word before it denies or sets aside."""
    for m in pattern.finditer(text):
        if not _SET_ASIDE_RE.search(text[max(0, m.start() - _LOOK_BACK) : m.start()]):
            return m
    return None


# What a statement says raises something, and what a sentence would say lowers it, with the
# thing named after the verb ("…economies of scale and improve efficiency" against "pooling
# resources reduces efficiency").
_UP_RE = re.compile(
    r"\b(?:improv\w*|increas\w*|rais(?:e|es|ed|ing)|boost\w*|enhanc\w*|strengthen\w*|"
    r"benefit(?:s|ed|ing)?|supports|foster(?:s|ed|ing)?|promot(?:e|es|ed|ing))\s+"
    r"(?P<what>[^,;:.()]*)",
    _F,
)
_DOWN_RE = re.compile(
    r"\b(?:reduc\w*|lower(?:s|ed|ing)?|decreas\w*|harm(?:s|ed|ing)?|damag\w*|undermin\w*|"
    r"weaken\w*|worsen\w*|hinder\w*|impair\w*|hurt(?:s|ing)?|erod\w*|diminish\w*)\s+"
    r"(?P<what>[^,;:.()]*)",
    _F,
)
_OBJECT_WORDS = 3  # content words after the verb that name what it raises or lowers


def _moved(pattern: re.Pattern[str], text: str, guarded: bool) -> dict[str, re.Match[str]]:
    """What ``text`` says ``pattern``'s verbs move: each content word of the object, its match."""
    out: dict[str, re.Match[str]] = {}
    for m in pattern.finditer(text):
        if guarded and _SET_ASIDE_RE.search(text[max(0, m.start() - _LOOK_BACK) : m.start()]):
            continue
        for word in tokenize(m["what"])[:_OBJECT_WORDS]:
            out.setdefault(word, m)
    return out


def _reversed_direction(sentence: str, statement: str) -> tuple[str, str] | None:
    """The statement's "improve X" and the sentence's "reduces X" (or the other way), or None."""
    for said_re, claimed_re in ((_UP_RE, _DOWN_RE), (_DOWN_RE, _UP_RE)):
        said = _moved(said_re, statement, guarded=False)
        if not said:
            continue
        claimed = _moved(claimed_re, sentence, guarded=True)
        agreeing = _moved(said_re, sentence, guarded=True)
        for word, m in claimed.items():
            if word in said and word not in agreeing:
                rest = sentence[: m.start()] + sentence[m.end() :]
                if _CRITICAL_RE.search(rest):
                    return None
                return _verb_and(said[word], word), _verb_and(m, word)
    return None


def _verb_and(m: re.Match[str], word: str) -> str:
    """The verb of ``m`` and the word of its object whose stem is ``word``, as written."""
    written = next((w for w in m["what"].split() if tokenize(w) == [word]), word)
    gap = " " if m["what"].startswith(written) else " … "
    return m[0].split()[0] + gap + written


_DENIED_RE = re.compile(
    r"(?:n['’]t|\b(?:not|never|no|nor|cannot|anything\s+but|far\s+from|hardly))\b"
    r"(?:\s+[\w-]+){0,4}\s*$",
    _F,
)


def denies_reversal(sentence: str, statement: str) -> bool:
    """True when the sentence denies the statement's reverse, so agreeing with it.

    "Far from being unlimited, working memory is easily overloaded" says what "its capacity is
    limited" says; "working with parents is far from straightforward" what "can be
    challenging" says. Their negations are no difference from the statement.
    """
    for opp in OPPOSITIONS:
        if opp.stated.search(statement) is None or _claims(opp.claimed, statement):
            continue
        for m in opp.claimed.finditer(sentence):
            if _DENIED_RE.search(sentence[max(0, m.start() - _LOOK_BACK) : m.start()]):
                return True
    return False


def _says_too(opp: Opposition, statement: str, sentence: str) -> bool:
    """Whether the sentence also says, in the statement's own words, what the statement says.

    "Challenging rather than straightforward" does; another word of the kind does not ("a
    secondary concern … the sole responsibility of the lead" against "the first priority").
    """
    stated = {m[0].lower() for m in opp.stated.finditer(statement)}
    return any(
        m[0].lower() in stated
        and not _SET_ASIDE_RE.search(sentence[max(0, m.start() - _LOOK_BACK) : m.start()])
        # "statutory" naming a thing ("we adapted the statutory requirements as we saw fit",
        # V10 of the sixth user test, against NPQSL 6.12's "must adhere") says nothing of
        # whether it must be followed.
        and not _NAMING_RE.match(sentence, m.start())
        for m in opp.stated.finditer(sentence)
    )


_NAMING_RE = re.compile(r"statutory\s+[a-z]", re.IGNORECASE)


def opposite_words(sentence: str, statement: str) -> tuple[str, str] | None:
    """The statement's words and the sentence's that reverse them, or None.

    ``sentence``: the claim as written, citations taken out. The first pair that applies is
    returned, each side as it is written: ("can be challenging", "straightforward").
    """
    if turned := _reversed_direction(sentence, statement):
        return turned
    # A connective opening the sentence ("However, I argued that one end-of-term test gives a
    # definitive verdict…") turns from the sentence before; it is no criticism within this one.
    opened = _OPENING_CONNECTIVE_RE.sub("", sentence, count=1)
    for opp in OPPOSITIONS:
        # What the statement says, not a thing it names ("undertaking statutory induction
        # must adhere…" says "must").
        said = next(
            (
                m
                for m in opp.stated.finditer(statement)
                if not _NAMING_RE.match(statement, m.start())
            ),
            None,
        )
        if said is None or _claims(opp.claimed, statement):
            continue
        reversed_ = _claims(opp.claimed, sentence)
        if reversed_ is None or _says_too(opp, statement, sentence):
            continue
        # A sentence criticising what it tells ("…but it was short-lived") reports a lapse; the
        # words of the reverse itself are no criticism ("letting children struggle and fail
        # repeatedly", a twenty-first Check user test).
        claimed = reversed_[0]
        if _CRITICAL_RE.search(opened.replace(claimed, " ", 1)):
            continue
        return said[0], claimed
    return None
