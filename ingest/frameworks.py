"""What the DfE frameworks are: names, area titles, and their reference-list entries."""

from __future__ import annotations

FRAMEWORK_NAMES: dict[str, str] = {
    "NPQSL": "Senior Leadership",
    "NPQEL": "Executive Leadership",
    "NPQLT": "Leading Teaching",
}

# Other NPQs users may cite; the corpus holds none of their statements.
OTHER_NPQS: dict[str, str] = {
    "NPQH": "Headship",
    "NPQLTD": "Leading Teacher Development",
    "NPQLBC": "Leading Behaviour and Culture",
    "NPQML": "Middle Leadership",
    "NPQEYL": "Early Years Leadership",
    "NPQLL": "Leading Literacy",
    "NPQLPM": "Leading Primary Mathematics",
    "NPQSENCO": "Special Educational Needs Co-ordinator",
}

AREA_TITLES: dict[str, dict[int, str]] = {
    "NPQSL": {
        1: "School Culture",
        2: "Teaching",
        3: "Curriculum and Assessment",
        4: "Behaviour",
        5: "Additional and Special Educational Needs and Disabilities",
        6: "Professional Development",
        7: "Organisational Management",
        8: "Implementation",
        9: "Working in Partnership",
        10: "Governance and Accountability",
    },
    "NPQEL": {},  # NPQSL's titles with "Trust Culture" for area 1 (filled in below)
    "NPQLT": {
        1: "Teaching",
        2: "School Culture",
        3: "How Pupils Learn",
        4: "Subject and Curriculum",
        5: "Classroom Practice",
        6: "Adaptive Teaching",
        7: "Assessment",
        8: "Professional Development",
        9: "Implementation",
    },
}

AREA_TITLES["NPQEL"] = {**AREA_TITLES["NPQSL"], 1: "Trust Culture"}

# Short names people use for areas in citations ("NPQSL Behaviour 9", "SEND").
AREA_ALIASES: dict[str, str] = {
    "send": "Additional and Special Educational Needs and Disabilities",
    "sen": "Additional and Special Educational Needs and Disabilities",
    "additional and special educational needs": (
        "Additional and Special Educational Needs and Disabilities"
    ),
    "special educational needs": "Additional and Special Educational Needs and Disabilities",
    "culture": "School Culture",
    "curriculum": "Curriculum and Assessment",
    "governance": "Governance and Accountability",
    "partnership": "Working in Partnership",
    "partnerships": "Working in Partnership",
    "cpd": "Professional Development",
    "organisational management": "Organisational Management",
    "organizational management": "Organisational Management",
}


def reference_entry(framework: str) -> str:
    """The reference-list entry for a framework document (Harvard style, as NPQ courses use)."""
    name = FRAMEWORK_NAMES.get(framework, framework)
    return (
        f"Department for Education (2020) National Professional Qualification (NPQ): {name} "
        "Framework. London: DfE."
    )


def area_number(framework: str, name: str) -> int | None:
    """The number of the area called ``name`` in ``framework`` (case-insensitive), or None."""
    key = " ".join(name.lower().replace("&", "and").split())
    key_title = AREA_ALIASES.get(key, "")
    for number, title in AREA_TITLES.get(framework, {}).items():
        if title.lower() == key or title == key_title:
            return number
    if framework == "NPQEL" and key == "school culture":
        return 1
    return None
