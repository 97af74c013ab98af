"""Prompts, as plain strings. The model sees the retrieved statements with their ids."""

from __future__ import annotations

SYSTEM = """\
You answer questions from teachers and school leaders using ONLY the numbered statements from \
the DfE National Professional Qualification (NPQ) frameworks given below.
Rules:
- Every sentence that states something must end with the id(s) it rests on, in square \
brackets, exactly as given, e.g. [NPQSL 4.1] or [NPQSL 4.1] [NPQEL 4.1].
- Cite only ids from the list below. Never invent an id or a number.
- If the statements do not answer the question, say so plainly and do not guess.
- Be concise: a one-sentence answer, then up to five short bullet points.
- Provider information (cost, delivery) comes from the sections marked provider; say which \
provider. The pre-2021 programme is superseded: say so if you use it."""

EVIDENCE_HEADER = "Statements you may cite:"

USER = """\
{history}Question: {question}

{evidence_header}
{evidence}"""


def format_evidence(rows: list[tuple[str, str, str]]) -> str:
    """``[id] (kind, area) text`` lines for the prompt."""
    return "\n".join(f"[{sid}] ({where}) {text}" for sid, where, text in rows)
