"""The Gradio app: ask, find evidence, check citations, browse the frameworks.

The app holds no retrieval or answer logic. Each tab calls the functions the CLI calls
(:meth:`assistant.answer.Assistant.stream`, :func:`assistant.essay.find_evidence`,
:func:`assistant.essay.check_essay`, :func:`assistant.documents.read_document`) and the
helpers here only format their results. Every piece of user or corpus text put into HTML or
Markdown goes through :func:`html.escape`, so pasted markup shows as text.

Example:
    >>> from assistant.service import load_services          # doctest: +SKIP
    >>> launch(load_services(), "127.0.0.1", 7860)           # doctest: +SKIP
"""

from __future__ import annotations

import atexit
import contextlib
import html
import os
import shutil
import sys
import tempfile
import uuid
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from assistant.answer import Answer, Turn
from assistant.documents import SUFFIXES, read_document
from assistant.essay import (
    CheckedCitation,
    CheckReport,
    FoundEvidence,
    TextError,
    check_essay,
    evidence_rows,
    find_evidence,
    missing_citations,
    rows_to_csv,
)
from assistant.service import Services
from index.hit import Hit
from index.search import QueryError
from ingest.errors import SourceError
from ingest.frameworks import AREA_TITLES
from ingest.ids import find_citations
from ingest.records import FRAMEWORKS, Statement, statement_sort_key

ALL = "All"
FRAMEWORK_CHOICES = [ALL, *FRAMEWORKS]
EVIDENCE_HEADERS = ["sentence", "ids", "strength", "statement", "in-text citation", "reference"]
# Model calls share two CPUs (the embedding model is the bottleneck); more in parallel only
# adds contention. Browsing is plain string formatting and can run wider.
CONCURRENCY = 2
BROWSE_CONCURRENCY = 8
QUEUE_MAX = 512

# verdict -> (label, background, text colour); the label is shown too, so colour is not the
# only cue.
VERDICT_STYLE: dict[str, tuple[str, str, str]] = {
    "supported": ("Supported", "#1a7f37", "#ffffff"),
    "wrong_number": ("Wrong number", "#f0b429", "#2b2100"),
    "unsupported": ("Unsupported", "#c62828", "#ffffff"),
    # Unsupported, but the cited statement is the frameworks' nearest to the sentence: the
    # right topic, its wording not clearly said (CheckedCitation.on_topic).
    "unclear": ("Not clearly said", "#9a4d00", "#ffffff"),
    "nonexistent": ("Id not found", "#c62828", "#ffffff"),
    "ambiguous": ("Ambiguous", "#6b7280", "#ffffff"),
}
STRENGTH_HELP = (
    "strong: close in meaning; partial: related; weak: loosely related. Read each statement "
    "before you cite it: a close statement can still qualify your claim"
)

# Runs once at page load. Each new question (and the start of its answer) at the top of the
# conversation's view, where Gradio's autoscroll would show the end of a long answer; and the
# citation chips' copy buttons.
APP_JS = """
() => {
  // The newest question is held near the top (below the copy and clear buttons) while its
  // answer comes in below it, until the user scrolls the conversation or 30 s pass.
  let shown = 0, target = 0, until = 0;
  const place = () => {
    const chat = document.querySelector('#npq-chat');
    if (!chat) return;
    const asked = chat.querySelectorAll('.message-row.user-row');
    if (asked.length > shown) { target = asked.length; until = Date.now() + 30000; }
    shown = asked.length;
    if (!target || target > asked.length || Date.now() > until) return;
    const row = asked[target - 1];
    const wrap = row.closest('.bubble-wrap');
    if (!wrap) return;
    const off = row.getBoundingClientRect().top - wrap.getBoundingClientRect().top - 40;
    if (Math.abs(off) > 1) wrap.scrollTop += off;
  };
  new MutationObserver(place).observe(document.body, { childList: true, subtree: true });
  const mine = e => { if (e.target.closest && e.target.closest('#npq-chat')) target = 0; };
  for (const kind of ['wheel', 'touchmove', 'keydown']) {
    document.addEventListener(kind, mine, { passive: true });
  }
  // A citation chip's copy buttons (copy_button): the citation or the quotation, ready to
  // paste. The clipboard API needs a secure page (localhost or https); elsewhere the older
  // copy command stands in.
  document.addEventListener('click', async e => {
    const b = e.target.closest && e.target.closest('button.npq-copy');
    if (!b) return;
    e.preventDefault();
    const text = b.dataset.copy || '';
    let done = false;
    try { await navigator.clipboard.writeText(text); done = true; } catch (_) {}
    if (!done) {
      const t = document.createElement('textarea');
      t.value = text;
      document.body.appendChild(t);
      t.select();
      done = document.execCommand('copy');
      t.remove();
    }
    const label = b.dataset.label || b.textContent;
    b.dataset.label = label;
    b.textContent = done ? 'Copied' : 'Select and copy';
    setTimeout(() => { b.textContent = label; }, 1500);
  });
}
"""

CSS = """
.npq-chip {display:inline-block; margin:2px 4px 2px 0; vertical-align:top; max-width:100%;}
.npq-chip > summary {cursor:pointer; padding:2px 8px; border-radius:12px;
  border:1px solid #2563eb; color:#1d4ed8; font-family:monospace; list-style:none;}
.npq-chip[open] > summary {background:#dbeafe;}
.npq-chip .npq-chip-body {border:1px solid #cbd5e1; border-radius:6px; padding:6px 10px;
  margin-top:4px; max-width:48em; background:var(--background-fill-secondary);}
.npq-bad > summary {border-color:#c62828; color:#c62828;}
.npq-copy {margin:4px 6px 0 0; padding:1px 8px; border:1px solid #94a3b8; border-radius:6px;
  font-size:0.85em; background:var(--background-fill-primary); cursor:pointer;}
.npq-flag {color:#b45309; font-size:0.9em;}
.npq-error {border-left:5px solid #c62828; padding:6px 10px; background:#fef2f2; color:#7f1d1d;}
.npq-pair {display:grid; grid-template-columns:1fr 1fr; gap:12px;}
.npq-sid, .npq-twin {font-family:monospace; font-weight:bold;}
/* On a phone all four tabs fit in one row (a usability test found two behind a "..." menu). */
@media (max-width: 520px) {
  .tab-container button {padding-left:7px !important; padding-right:7px !important;
    font-size:var(--text-md) !important;}
}
"""


# --------------------------------------------------------------------------- small helpers


def esc(text: object) -> str:
    """``text`` escaped for HTML (quotes too, so it is safe in attributes)."""
    return html.escape(str(text), quote=True)


def md_escape(text: str) -> str:
    """Markdown with any HTML in it escaped; a leading ``>`` (a quote) keeps its meaning."""
    out = []
    for line in text.split("\n"):
        stripped = line.lstrip(">")
        marks = line[: len(line) - len(stripped)]
        out.append(marks + html.escape(stripped, quote=False))
    return "\n".join(out)


def framework_filter(choice: str | None) -> str | None:
    """``All`` (or nothing) -> None; otherwise the framework code."""
    return None if not choice or choice == ALL else choice


def error_html(message: str) -> str:
    """A visible, escaped error message."""
    return f'<div class="npq-error" role="alert"><strong>⚠ </strong>{esc(message)}</div>'


def message_text(content: Any) -> str:
    """The text of a chatbot message's content (a string or Gradio's list of parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, Mapping):
        return str(content.get("text") or content.get("content") or "")
    if isinstance(content, Sequence):
        return "".join(message_text(c) for c in content)
    return ""


def history_turns(history: Sequence[Mapping[str, Any]]) -> list[Turn]:
    """The conversation as :class:`Turn` s (question, answer) from chatbot messages."""
    turns: list[Turn] = []
    question: str | None = None
    for msg in history or ():
        text = html.unescape(message_text(msg.get("content")))
        if msg.get("role") == "user":
            question = text
        elif msg.get("role") == "assistant" and question is not None:
            turns.append(Turn(question, text))
            question = None
    return turns


def backend_markdown(services: Services) -> str:
    """Which backend writes answers, and why a configured model is off (if it is)."""
    name = services.assistant.backend
    if name == "brief":
        text = (
            "**Answers:** evidence briefs quoted word for word from the frameworks (no "
            "language model writes them; whoever runs the app can connect one, see the README)."
        )
    else:
        text = f"**Answers written by:** `{esc(name)}`, citations checked against the frameworks."
    if services.llm_note:
        text += f"\n\n⚠ {esc(services.llm_note)}"
    return text


def read_input(text: str | None, file: str | None, *, max_mb: int) -> tuple[str, str]:
    """The text to work on (an uploaded file wins over the text box) and a note on its source.

    Raises:
        SourceError: The file is the wrong type, too big or unreadable.
    """
    if file:
        path = Path(file)
        body = read_document(path, max_bytes=max_mb * 1024 * 1024)
        note = f"Read {path.name}" + (
            " (the text box was ignored)." if (text or "").strip() else "."
        )
        return body, note
    return text or "", ""


def _export(directory: Path, stem: str, suffix: str, body: str) -> str:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{stem}-{uuid.uuid4().hex[:8]}{suffix}"
    path.write_text(body, encoding="utf-8")
    return str(path)


# --------------------------------------------------------------------------- statements


def same_as_html(s: Statement) -> str:
    """``Same text in: NPQEL 4.3, NPQLT …`` (text links to the identical statements)."""
    if not s.same_as:
        return ""
    ids = ", ".join(f'<span class="npq-twin">{esc(i)}</span>' for i in s.same_as)
    return f'<div class="npq-same">Same text in: {ids}</div>'


def flags_html(s: Statement) -> str:
    """Warnings about a statement's text: repaired or known to be cut off."""
    parts = []
    if s.repaired_from or s.repairs:
        what = "; ".join(s.repairs) or f"completed from {s.repaired_from}"
        parts.append(f'<span class="npq-flag" title="repaired text">⚠ repaired: {esc(what)}</span>')
    if s.incomplete:
        parts.append(
            '<span class="npq-flag" title="incomplete text">⚠ incomplete: the text is cut off '
            "in every source</span>"
        )
    return " ".join(parts)


def copy_button(label: str, text: str) -> str:
    """A button that copies ``text`` (APP_JS's click handler; plain text, never markup)."""
    return (
        f'<button type="button" class="npq-copy" data-copy="{esc(text)}" '
        f'aria-label="{esc(label)}: {esc(text)}">{esc(label)}</button>'
    )


def copy_buttons(statement: Statement) -> str:
    """Copy the in-text citation ``(NPQSL 4.1)``, or the statement quoted with it."""
    cite = f"({statement.id})"
    # A statement its source cut off is quoted as cut off ("…and Equality Act…").
    words = " ".join(statement.text.split()) + ("…" if statement.incomplete else "")
    quote = f"“{words}” {cite}"
    return f"<div>{copy_button('Copy citation', cite)}{copy_button('Copy quotation', quote)}</div>"


def statement_chip(sid: str, statement: Statement | None, *, bad: str = "") -> str:
    """A clickable chip that opens a statement's text, framework, area and identical twins."""
    cls = "npq-chip npq-bad" if bad or statement is None else "npq-chip"
    summary = f"<summary>{esc(sid)}{' ⚠' if bad or statement is None else ''}</summary>"
    if statement is None:
        body = f"<p>{esc(bad or 'No statement has this id in the frameworks.')}</p>"
    else:
        if statement.kind == "provider_section":
            where = (
                f"{esc(statement.area_title)} — {esc(statement.title)} ({esc(statement.publisher)})"
            )
        else:
            where = (
                f"{esc(statement.framework)}, area {statement.area}: {esc(statement.area_title)}"
                f" · {esc(statement.kind.replace('_', ' '))}"
            )
        warn = f"<p>⚠ {esc(bad)}</p>" if bad else ""
        # A citation a user may paste into their work: never for a flagged one.
        copy = "" if bad or statement.kind == "provider_section" else copy_buttons(statement)
        body = (
            f"{warn}<div><em>{where}</em></div><p>{esc(statement.text)}</p>"
            f"{same_as_html(statement)}{flags_html(statement)}{copy}"
        )
    return (
        f'<details class="{cls}" data-id="{esc(sid)}">{summary}'
        f'<div class="npq-chip-body">{body}</div></details>'
    )


def citations_html(answer: Answer, by_id: Mapping[str, Statement]) -> str:
    """The answer's citations as chips; invalid ones marked."""
    if (
        answer.abstained
        and answer.hits
        and all(h.statement.kind == "provider_section" for h in answer.hits)
    ):
        # A question about the course itself that no course page answers.
        return (
            "<p><strong>No citations:</strong> no course page here answers this question. "
            "The closest pages are under <em>Evidence retrieved</em>.</p>"
        )
    if answer.abstained:
        return (
            "<p><strong>No citations:</strong> the frameworks don't cover this question. "
            "The closest statements are under <em>Evidence retrieved</em>.</p>"
        )
    unknown = set(answer.report.unknown)
    outside = set(answer.report.not_in_evidence)
    ids = list(dict.fromkeys([*answer.cited, *answer.report.cited]))
    if not ids:
        return "<p>The answer cites no statements.</p>"
    chips = []
    for sid in ids:
        bad = (
            "this id does not exist in the frameworks"
            if sid in unknown
            else "cited, but not among the statements retrieved for this question"
            if sid in outside
            else ""
        )
        chips.append(statement_chip(sid, by_id.get(sid), bad=bad))
    return (
        f'<div aria-label="Citations"><p><strong>Citations</strong> ({len(ids)}; '
        f"click one to read the statement)</p>{''.join(chips)}</div>"
    )


def checks_html(answer: Answer) -> str:
    """Citation validation of the answer, the backend that wrote it, and any notes."""
    parts = []
    rep = answer.report
    if answer.abstained:
        parts.append("<p>ℹ Not covered by the frameworks: nothing is cited.</p>")
    elif rep.invalid:
        items = "".join(
            f"<li><code>{esc(i)}</code> — "
            f"{'does not exist' if i in rep.unknown else 'not in the evidence retrieved'}</li>"
            for i in rep.invalid
        )
        parts.append(
            f'<div class="npq-error" role="alert"><strong>⚠ {len(rep.invalid)} invalid '
            f"citation(s):</strong><ul>{items}</ul></div>"
        )
    elif rep.cited:
        parts.append(f"<p>✓ All {len(rep.cited)} citations exist and were in the evidence.</p>")
    if rep.unsupported:
        items = "".join(
            f"<li><code>{esc(u.id)}</code> does not say this: “{esc(u.sentence)}”"
            + (
                f" — closer: {', '.join(f'<code>{esc(i)}</code>' for i in u.suggested)}"
                if u.suggested
                else ""
            )
            + "</li>"
            for u in rep.unsupported
        )
        parts.append(
            f'<div class="npq-error" role="alert"><strong>⚠ {len(rep.unsupported)} '
            f"citation(s) not supported by the statement cited:</strong><ul>{items}</ul></div>"
        )
    if rep.uncited_claims:
        items = "".join(f"<li>{esc(c)}</li>" for c in rep.uncited_claims)
        parts.append(
            f'<div class="npq-flag" role="status"><strong>⚠ {len(rep.uncited_claims)} '
            f"claim(s) without a citation:</strong><ul>{items}</ul></div>"
        )
    if answer.note:
        parts.append(f"<p>ℹ {esc(answer.note)}</p>")
    searched = answer.search_query
    also = (
        f" · searched: {esc(searched)}" if searched and searched != answer.question.strip() else ""
    )
    parts.append(
        f"<p><small>Written by <code>{esc(answer.backend)}</code> in {answer.seconds:.1f} s"
        f"{also}</small></p>"
    )
    return "".join(parts)


def evidence_html(hits: Sequence[Hit]) -> str:
    """The statements retrieved, best first, with ids, kind and score."""
    if not hits:
        return "<p>No statements retrieved.</p>"
    items = []
    for h in hits:
        s = h.statement
        label = s.title if s.kind == "provider_section" else s.area_title
        items.append(
            f'<li><span class="npq-sid">{esc(s.id)}</span> '
            f"<small>({esc(s.kind.replace('_', ' '))}, {esc(label)}; score {h.score:.3f}, "
            f"{esc(h.method)})</small><br>{esc(s.text[:600])}{'…' if len(s.text) > 600 else ''}"
            f"</li>"
        )
    return f'<ol aria-label="Evidence retrieved">{"".join(items)}</ol>'


# --------------------------------------------------------------------------- essay tools


def evidence_frame(rows: Sequence[Mapping[str, str]]) -> pd.DataFrame:
    """The evidence finder's table (cells are shown as plain text, not HTML)."""
    return pd.DataFrame(
        [
            [
                r["sentence"],
                r["ids"],
                r["strength"],
                r["statement"],
                r["in_text_citation"],
                r["reference"],
            ]
            for r in rows
        ],
        columns=EVIDENCE_HEADERS,
    )


def find_summary_html(
    found: Sequence[FoundEvidence],
    rows: Sequence[Mapping[str, str]],
    note: str,
    missing: Sequence[str] = (),
) -> str:
    """Counts, unsupported sentences, those not searched (and why), numbers cited in vain."""
    strengths = [r["strength"] for r in rows if r["ids"]]
    counts = ", ".join(f"{strengths.count(k)} {k}" for k in ("strong", "partial", "weak"))
    searched = [f for f in found if not f.skipped]
    parts = [f"<p>ℹ {esc(note)}</p>"] if note else []
    parts.append(
        f"<p>{len(searched)} sentence(s) making a claim; {len(strengths)} supporting "
        f"statement(s) found ({counts}). <small>{esc(STRENGTH_HELP)}.</small></p>"
    )
    unsupported = [f.sentence.text for f in searched if not f.supports]
    if unsupported:
        items = "".join(f"<li>{esc(m)}</li>" for m in unsupported)
        parts.append(f"<p><strong>No supporting statement for:</strong></p><ul>{items}</ul>")
    skipped = [f for f in found if f.skipped]
    if skipped:
        items = "".join(
            f"<li>{esc(f.sentence.text)} <small>({esc(f.skipped)})</small></li>" for f in skipped
        )
        parts.append(f"<p><strong>Not searched:</strong></p><ul>{items}</ul>")
    if not searched:
        parts.append("<p>No sentence in the text makes a claim to find evidence for.</p>")
    if missing:
        items = "".join(f"<li>{esc(m)}</li>" for m in missing)
        parts.append(
            "<p><strong>Cited in your text but not in the frameworks</strong> (the Check "
            f"citations tab checks every citation):</p><ul>{items}</ul>"
        )
    return "".join(parts)


def verdict_badge(verdict: str) -> str:
    """A coloured, labelled verdict."""
    label, bg, fg = VERDICT_STYLE.get(verdict, (verdict, "#6b7280", "#ffffff"))
    return (
        f'<span class="npq-verdict" data-verdict="{esc(verdict)}" style="background:{bg};'
        f'color:{fg};padding:1px 8px;border-radius:10px;font-weight:bold;">{esc(label)}</span>'
    )


def shown_verdict(c: CheckedCitation) -> str:
    """The verdict as shown: an unsupported citation of the nearest statement is "unclear"."""
    return "unclear" if c.verdict == "unsupported" and c.on_topic else c.verdict


def _citation_card(c: CheckedCitation, by_id: Mapping[str, Statement]) -> str:
    _label, colour, _fg = VERDICT_STYLE.get(shown_verdict(c), ("", "#6b7280", ""))
    cited = esc(c.cited) if c.cited else "(no framework)"
    if c.cited_text:
        statement = f"<p>{esc(c.cited_text)}</p>"
    elif c.verdict == "nonexistent":
        statement = f"<p><em>No statement {cited} in the framework text held here.</em></p>"
    else:
        statement = "<p><em>Which statement is meant is unclear.</em></p>"
    reason = f'<p class="npq-reason"><strong>Why:</strong> {esc(c.reason)}</p>' if c.reason else ""
    suggestions = ""
    if c.suggested:
        chips = "".join(statement_chip(i, by_id.get(i)) for i in c.suggested)
        suggestions = f"<div><strong>Suggested:</strong> {chips}</div>"
    return (
        f'<article class="npq-check" data-verdict="{esc(c.verdict)}" style="border-left:6px solid '
        f'{colour};padding:6px 12px;margin:10px 0;">'
        f"<div>{verdict_badge(shown_verdict(c))} <code>{cited}</code> <small>cited as "
        f"“{esc(c.raw)}” · similarity {c.score:.2f}</small></div>"
        f'<div class="npq-pair"><div><h4>Your sentence</h4><p>{esc(c.sentence.text)}</p></div>'
        f"<div><h4>Cited statement</h4>{statement}</div></div>{reason}{suggestions}</article>"
    )


def check_html(report: CheckReport, by_id: Mapping[str, Statement], note: str = "") -> str:
    """The citation check: a summary, one card per citation, then uncited claims."""
    parts = [f"<p>ℹ {esc(note)}</p>"] if note else []
    verdicts = [shown_verdict(c) for c in report.citations]
    if verdicts:
        summary = " ".join(
            f"{verdict_badge(v)} × {verdicts.count(v)}" for v in VERDICT_STYLE if v in verdicts
        )
        parts.append(f"<p>{len(verdicts)} citation(s) checked: {summary}</p>")
    else:
        parts.append("<p>No NPQ citations (like “(NPQSL 4.3)”) found in the text.</p>")
    parts.extend(_citation_card(c, by_id) for c in report.citations)
    if report.uncited:
        items = "".join(
            f"<li>{esc(s.text)}<br>Could cite: "
            f"{''.join(statement_chip(i, by_id.get(i)) for i in ids)}</li>"
            for s, ids in report.uncited
        )
        parts.append(
            f"<h4>Uncited sentences worth citing ({len(report.uncited)})</h4><ul>{items}</ul>"
        )
    return "".join(parts)


def check_markdown(report: CheckReport, by_id: Mapping[str, Statement]) -> str:
    """The citation check as a Markdown report (user text escaped)."""

    def e(text: str) -> str:
        return html.escape(text, quote=False).replace("\n", " ")

    lines = ["# Citation check", ""]
    verdicts = [shown_verdict(c) for c in report.citations]
    lines.append(
        f"{len(verdicts)} citation(s): "
        + (", ".join(f"{verdicts.count(v)} {v}" for v in VERDICT_STYLE if v in verdicts) or "none")
    )
    for n, c in enumerate(report.citations, 1):
        lines += [
            "",
            f"## {n}. {e(c.cited or c.raw)}: {c.verdict}"
            + (" (not clearly said: the statement nearest the sentence)" if c.on_topic else ""),
            "",
            f"> {e(c.sentence.text)}",
            "",
        ]
        lines.append(f"- Cited as: `{e(c.raw)}`; similarity {c.score:.2f}")
        if c.cited_text:
            lines.append(f"- Cited statement: {e(c.cited_text)}")
        if c.reason:
            lines.append(f"- Why: {e(c.reason)}")
        for sid in c.suggested:
            found = by_id.get(sid)
            lines.append(f"- Suggested: {e(sid)}" + (f": {e(found.text)}" if found else ""))
    if report.uncited:
        lines += ["", "## Uncited sentences worth citing", ""]
        for sentence, ids in report.uncited:
            lines.append(f"- {e(sentence.text)} (could cite {e('; '.join(ids))})")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- browse


def area_choices(statements: Sequence[Statement], framework: str) -> list[tuple[str, str]]:
    """``("4 · Behaviour", "4")`` for each area of a framework, in order."""
    areas = sorted({(s.area, s.area_title) for s in statements if s.framework == framework})
    return [(f"{a} · {t}", str(a)) for a, t in areas]


def _browse_item(s: Statement) -> str:
    return (
        f'<li id="{esc(s.id.replace(" ", "-"))}"><span class="npq-sid">{esc(s.id)}</span> '
        f"{esc(s.text)}{same_as_html(s)} {flags_html(s)}</li>"
    )


def browse_html(statements: Sequence[Statement], framework: str, area: int, query: str = "") -> str:
    """One area of a framework: evidence statements, then practice headings with bullets.

    ``query`` keeps statements whose id or text contains it (a heading stays when a bullet
    under it matches).
    """
    rows = sorted(
        (s for s in statements if s.framework == framework and s.area == area),
        key=statement_sort_key,
    )
    if not rows:
        return error_html(f"{framework} has no area {area}.")
    q = query.strip().lower()

    def hit(s: Statement) -> bool:
        return not q or q in s.text.lower() or q in s.id.lower()

    evidence = [s for s in rows if s.kind == "evidence" and hit(s)]
    bullets: dict[str, list[Statement]] = {}
    for s in rows:
        if s.kind == "practice":
            bullets.setdefault(s.group, []).append(s)
    practice = []
    for h in (s for s in rows if s.kind == "practice_heading"):
        under = bullets.get(h.id, [])
        shown = under if hit(h) else [b for b in under if hit(b)]
        if hit(h) or shown:
            practice.append(
                f'<li id="{esc(h.id.replace(" ", "-"))}"><span class="npq-sid">{esc(h.id)}</span> '
                f"<strong>{esc(h.text)}</strong>{same_as_html(h)} {flags_html(h)}"
                f"<ul>{''.join(_browse_item(b) for b in shown)}</ul></li>"
            )
    count = len(evidence) + sum(1 for s in rows if s.kind != "evidence" and hit(s))
    title = f"{esc(framework)} · area {area}: {esc(rows[0].area_title)}"
    head = f"<h3>{title}</h3><p>{count} of {len(rows)} statements"
    head += f" match “{esc(query.strip())}”</p>" if q else "</p>"
    if not evidence and not practice:
        # An id of another framework or area ("NPQSL 4.9" typed while NPQEL is shown): say
        # where it is, with its text, rather than only that nothing matches here.
        by_id = {s.id: s for s in statements}
        elsewhere = [
            by_id[c.id]
            for c in find_citations(query)
            if c.id in by_id and (by_id[c.id].framework, by_id[c.id].area) != (framework, area)
        ]
        if elsewhere:
            s0 = elsewhere[0]
            return (
                head + f"<p>{esc(s0.id)} is in {esc(s0.framework)} area {s0.area} "
                f"({esc(s0.area_title)}): choose {esc(s0.framework)} and area {s0.area} to "
                "see it in its place.</p>"
                + '<ul class="npq-list">'
                + "".join(_browse_item(s) for s in elsewhere[:5])
                + "</ul>"
            )
        # Words found in other areas of this framework (a usability test: "routines" in NPQSL
        # area 1 said only that nothing matched; it is in area 4).
        areas = sorted(
            {
                (st.area, st.area_title)
                for st in statements
                if st.framework == framework and st.area != area and q in st.text.lower()
            }
        )
        if areas:
            where = "; ".join(f"area {n} ({esc(t)})" for n, t in areas[:6])
            return head + f"<p>Nothing matches in this area. In {esc(framework)}: {where}.</p>"
        return head + "<p>Nothing matches the filter.</p>"
    body = ""
    if evidence:
        body += (
            '<h4>Learn that… (evidence statements)</h4><ul class="npq-list">'
            + "".join(_browse_item(s) for s in evidence)
            + "</ul>"
        )
    if practice:
        body += (
            '<h4>Learn how to… (practice)</h4><ul class="npq-list">' + "".join(practice) + "</ul>"
        )
    return head + body


# --------------------------------------------------------------------------- the app


MY_NPQ_KEY = "npq-assistant-framework"


def remembered_framework(saved: object) -> tuple[str, str, str]:
    """The Ask and Find framework choices and Browse's framework for a remembered choice.

    Anything but a known choice (nothing saved yet, a framework this corpus no longer holds,
    a value edited by hand in the browser's storage) gives the defaults: All, and Browse's
    first framework.
    """
    choice = saved if isinstance(saved, str) and saved in FRAMEWORK_CHOICES else ALL
    return choice, choice, choice if choice in FRAMEWORKS else FRAMEWORKS[0]


def build_app(services: Services) -> gr.Blocks:
    """The Gradio app over loaded services (see :func:`launch`)."""
    by_id = services.index.by_id
    statements = services.index.statements
    max_mb = services.settings.ui.max_upload_mb
    export_dir = Path(tempfile.mkdtemp(prefix="npq-ui-"))
    atexit.register(shutil.rmtree, export_dir, True)
    upload_label = f"…or upload a file ({', '.join(SUFFIXES)}; up to {max_mb} MB)"

    def ask(
        message: str, history: list[dict[str, Any]] | None, framework: str
    ) -> Iterator[tuple[str, list[dict[str, Any]], str, str, str]]:
        history = list(history or [])
        question = message or ""
        shown = [
            *history,
            {"role": "user", "content": md_escape(question.strip())},
            {"role": "assistant", "content": ""},
        ]
        text = ""
        answer: Answer | None = None
        pending = "<p>Searching the frameworks…</p>"
        try:
            stream = services.assistant.stream(
                question, history_turns(history), framework=framework_filter(framework)
            )
            for item in stream:
                if isinstance(item, Answer):
                    answer = item
                    break
                text += item
                shown[-1] = {"role": "assistant", "content": md_escape(text)}
                yield "", shown, pending, "", ""
        except QueryError as exc:
            yield message, history, "", error_html(str(exc)), ""
            return
        if answer is None:  # the stream always ends with an Answer; be safe anyway
            yield "", shown, "", error_html("no answer was produced"), ""
            return
        shown[-1] = {"role": "assistant", "content": md_escape(answer.text)}
        yield (
            "",
            shown,
            citations_html(answer, by_id),
            checks_html(answer),
            evidence_html(answer.hits),
        )

    def find(text: str, file: str | None, framework: str) -> tuple[str, pd.DataFrame, str | None]:
        empty = evidence_frame([])
        try:
            body, note = read_input(text, file, max_mb=max_mb)
            found = find_evidence(
                body, services.index, framework=framework_filter(framework), every_sentence=True
            )
        except (SourceError, TextError, QueryError) as exc:
            return error_html(str(exc)), empty, None
        rows = evidence_rows(found)
        path = _export(export_dir, "npq-evidence", ".csv", rows_to_csv(rows)) if rows else None
        return (
            find_summary_html(found, rows, note, missing_citations(body, services.index)),
            evidence_frame(rows),
            path,
        )

    def check(text: str, file: str | None) -> tuple[str, str | None]:
        try:
            body, note = read_input(text, file, max_mb=max_mb)
            report = check_essay(body, services.index)
        except (SourceError, TextError, QueryError) as exc:
            return error_html(str(exc)), None
        path = _export(export_dir, "npq-citation-check", ".md", check_markdown(report, by_id))
        return check_html(report, by_id, note), path

    def browse(framework: str, area: str | int | None, query: str) -> str:
        fw = framework_filter(framework)
        if fw is None:
            return error_html(f"choose a framework: {', '.join(FRAMEWORKS)}")
        try:
            number = int(area) if area not in (None, "") else 0
        except (TypeError, ValueError):
            return error_html(f"the area must be a number; got {area!r}")
        valid = [int(v) for _label, v in area_choices(statements, fw)]
        if number not in valid:
            if number in AREA_TITLES.get(fw, {}):
                # NPQLT area 1 (Teaching): in the framework, with no statements of its own.
                return error_html(
                    f"{fw} area {number} ({AREA_TITLES[fw][number]}) holds no statements in the "
                    f"framework text here; the areas that do are {', '.join(map(str, valid))}"
                )
            return error_html(
                f"{fw} has no area {number}; its areas are {', '.join(map(str, valid))}"
            )
        return browse_html(statements, fw, number, query or "")

    def browse_areas(framework: str, area: str | None) -> gr.Dropdown:
        fw = framework_filter(framework) or FRAMEWORKS[0]
        choices = area_choices(statements, fw)
        values = [v for _label, v in choices]
        return gr.Dropdown(choices=choices, value=area if area in values else values[0])

    first_areas = area_choices(statements, FRAMEWORKS[0])
    with gr.Blocks(title="NPQ assistant", delete_cache=(3600, 3600)) as app:
        gr.Markdown(
            "# NPQ assistant\nSearch and cite the DfE National Professional Qualification "
            "frameworks (NPQSL, NPQEL, NPQLT)."
        )
        gr.Markdown(backend_markdown(services), elem_id="npq-backend")

        with gr.Tab("Ask", id="ask"):
            with gr.Row():
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(
                        label="Conversation",
                        height=460,
                        # Not to the bottom: a long answer's "In short" line would scroll out
                        # of sight (usability test). APP_JS shows each new question's top.
                        autoscroll=False,
                        buttons=["copy", "copy_all"],
                        feedback_options=None,
                        elem_id="npq-chat",
                    )
                    with gr.Row():
                        # One line to start, growing as it fills: Enter sends (Gradio sends
                        # on Enter only from a one-line box; a usability test found Enter
                        # adding a new line), Shift+Enter starts a new line.
                        question = gr.Textbox(
                            label="Your question",
                            info="Enter to send · Shift+Enter for a new line",
                            placeholder="e.g. How long before a behaviour policy shows impact?",
                            lines=1,
                            max_lines=8,
                            scale=3,
                            # On a phone the framework choice goes below, not beside, the box.
                            min_width=300,
                            elem_id="npq-question",
                        )
                        ask_fw = gr.Radio(
                            FRAMEWORK_CHOICES,
                            value=ALL,
                            label="Framework",
                            scale=2,
                            elem_id="npq-ask-framework",
                        )
                    with gr.Row():
                        ask_btn = gr.Button("Ask", variant="primary", elem_id="npq-ask")
                        clear_btn = gr.ClearButton(value="New conversation")
                with gr.Column(scale=2):
                    cites = gr.HTML(label="Citations", elem_id="npq-citations")
                    checks = gr.HTML(label="Citation checks", elem_id="npq-checks")
            with gr.Accordion("Evidence retrieved", open=False):
                evidence = gr.HTML(label="Evidence retrieved", elem_id="npq-evidence")
            ask_outputs = [question, chatbot, cites, checks, evidence]
            ask_btn.click(
                ask,
                [question, chatbot, ask_fw],
                ask_outputs,
                api_name="ask",
                concurrency_limit=CONCURRENCY,
                concurrency_id="model",
            )
            question.submit(
                ask,
                [question, chatbot, ask_fw],
                ask_outputs,
                api_visibility="private",
                concurrency_limit=CONCURRENCY,
                concurrency_id="model",
            )
            clear_btn.add([question, chatbot, cites, checks, evidence])

        with gr.Tab("Find evidence", id="find"):
            gr.Markdown(
                "Paste a paragraph or an essay: each sentence that makes a claim gets the "
                "statements that support it, with copy-ready citations."
            )
            with gr.Row():
                find_text = gr.Textbox(label="Your text", lines=8, scale=3, elem_id="npq-find-text")
                with gr.Column(scale=1):
                    find_file = gr.File(
                        label=upload_label, type="filepath", elem_id="npq-find-file"
                    )
                    find_fw = gr.Radio(
                        FRAMEWORK_CHOICES,
                        value=ALL,
                        label="Framework",
                        elem_id="npq-find-framework",
                    )
                    find_btn = gr.Button("Find evidence", variant="primary", elem_id="npq-find")
            find_status = gr.HTML(label="Summary", elem_id="npq-find-status")
            find_table = gr.Dataframe(
                value=evidence_frame([]),
                headers=EVIDENCE_HEADERS,
                label="Supporting statements",
                interactive=False,
                wrap=True,
                column_widths=["24%", "11%", "8%", "30%", "11%", "16%"],
                max_height=900,  # more than two or three rows in view (a usability test)
                elem_id="npq-find-table",
            )
            find_csv = gr.DownloadButton("Download CSV", elem_id="npq-find-csv")
            find_btn.click(
                find,
                [find_text, find_file, find_fw],
                [find_status, find_table, find_csv],
                api_name="find",
                concurrency_limit=CONCURRENCY,
                concurrency_id="model",
            )

        with gr.Tab("Check citations", id="check"):
            gr.Markdown(
                "Paste an essay that cites the frameworks, e.g. “… (NPQSL 4.3)”: each "
                "citation is checked against the statement it names."
            )
            with gr.Row():
                check_text_box = gr.Textbox(
                    label="Your essay", lines=10, scale=3, elem_id="npq-check-text"
                )
                with gr.Column(scale=1):
                    check_file = gr.File(
                        label=upload_label, type="filepath", elem_id="npq-check-file"
                    )
                    check_btn = gr.Button("Check citations", variant="primary", elem_id="npq-check")
                    check_md = gr.DownloadButton(
                        "Download report (Markdown)", elem_id="npq-check-md"
                    )
            check_out = gr.HTML(label="Citation check", elem_id="npq-check-out")
            check_btn.click(
                check,
                [check_text_box, check_file],
                [check_out, check_md],
                api_name="check",
                concurrency_limit=CONCURRENCY,
                concurrency_id="model",
            )

        with gr.Tab("Browse", id="browse"):
            with gr.Row():
                browse_fw = gr.Radio(
                    list(FRAMEWORKS),
                    value=FRAMEWORKS[0],
                    label="Framework",
                    elem_id="npq-browse-framework",
                )
                browse_area = gr.Dropdown(
                    first_areas,
                    value=first_areas[0][1] if first_areas else None,
                    label="Area",
                    elem_id="npq-browse-area",
                )
                browse_q = gr.Textbox(
                    label="Filter statements",
                    placeholder="words or an id",
                    scale=2,
                    elem_id="npq-browse-q",
                )
                browse_btn = gr.Button("Show", scale=0, min_width=90, elem_id="npq-browse")
            browse_out = gr.HTML(label="Statements", elem_id="npq-browse-out")
            browse_inputs = [browse_fw, browse_area, browse_q]
            browse_btn.click(
                browse,
                browse_inputs,
                browse_out,
                api_name="browse",
                concurrency_limit=BROWSE_CONCURRENCY,
            )
            quietly: dict[str, Any] = {
                "api_visibility": "private",
                "concurrency_limit": BROWSE_CONCURRENCY,
                "show_progress": "hidden",
                "trigger_mode": "always_last",
            }
            browse_fw.change(
                browse_areas, [browse_fw, browse_area], browse_area, api_visibility="private"
            ).then(browse, browse_inputs, browse_out, **quietly)
            browse_area.input(browse, browse_inputs, browse_out, **quietly)
            browse_q.input(browse, browse_inputs, browse_out, **quietly)
            browse_q.submit(browse, browse_inputs, browse_out, **quietly)
            app.load(browse, browse_inputs, browse_out, api_visibility="private")

        # The user's NPQ, remembered in their browser: a user on one course picks it once, in
        # Ask or Find (the tabs whose citations go into their work), and both tabs use it
        # from then on, next visit too; Browse opens on it. "All" stays one click away.
        my_npq = gr.BrowserState(ALL, storage_key=MY_NPQ_KEY)
        app.load(
            remembered_framework,
            my_npq,
            [ask_fw, find_fw, browse_fw],
            api_visibility="private",
            show_progress="hidden",
        )
        for chosen in (ask_fw, find_fw):
            others = [r for r in (ask_fw, find_fw) if r is not chosen]
            chosen.input(
                lambda choice: (choice, choice),
                chosen,
                [my_npq, *others],
                api_visibility="private",
                show_progress="hidden",
            )
    return app


def auth_from_env(
    user_env: str, password_env: str, environ: Mapping[str, str] | None = None
) -> tuple[str, str] | None:
    """Basic-auth credentials when both environment variables are set, else None."""
    env = os.environ if environ is None else environ
    user, password = env.get(user_env, ""), env.get(password_env, "")
    return (user, password) if user and password else None


def launch(
    services: Services,
    host: str = "127.0.0.1",
    port: int = 7860,
    *,
    block: bool = True,
    quiet: bool = False,
) -> gr.Blocks:
    """Build the app and serve it on ``host:port`` (loopback unless told otherwise).

    Basic auth is on when both environment variables named by ``settings.ui.auth_user_env``
    and ``auth_password_env`` are set. Uploads are limited to ``settings.ui.max_upload_mb``.

    Args:
        services: Loaded services (:func:`assistant.service.load_services`).
        host: Bind address.
        port: Port.
        block: Serve until interrupted (False: return once the server is up).
        quiet: Don't print the URL.
    """
    ui = services.settings.ui
    if CONCURRENCY > 1 and hasattr(services.index.encoder, "query_threads"):
        # Requests run CONCURRENCY at a time: one thread each (ONNX Runtime's or torch's)
        # keeps them off each other. One question now sets up what that runs on (ONNX
        # Runtime's one-thread session), so the first user's question is not the slow one.
        services.index.encoder.query_threads = 1
        services.index.encoder.encode_queries(["warm-up"])
    auth = auth_from_env(ui.auth_user_env, ui.auth_password_env)
    if host not in ("127.0.0.1", "localhost", "::1") and auth is None:
        print(
            f"warning: serving on {host} without a password; set {ui.auth_user_env} and "
            f"{ui.auth_password_env} to require one",
            file=sys.stderr,
        )
    app = build_app(services)
    app.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_MAX)
    app.launch(
        server_name=host,
        server_port=port,
        auth=auth,
        max_file_size=ui.max_upload_mb * 1024 * 1024,
        prevent_thread_lock=not block,
        quiet=quiet,
        show_error=False,
        share=False,
        css=CSS,
        js=APP_JS,
        footer_links=["api"],
    )
    return app


def main(host: str = "127.0.0.1", port: int = 7860) -> int:
    """Load the corpus, index and assistant (printing progress), then serve the app.

    Returns:
        The exit status: 0 after a normal stop, 2 when the product cannot load.
    """
    from assistant.service import load_services
    from assistant.settings import Settings
    from index.errors import IndexStoreError, ModelLoadError
    from ingest.errors import ManifestError

    def say(message: str) -> None:
        print(f"npq ui: {message}", flush=True)

    try:
        services = load_services(Settings(), log=say)
    except (ManifestError, ModelLoadError, IndexStoreError) as exc:
        print(f"npq ui: cannot start: {exc}", file=sys.stderr)
        return 2
    services.index.prepare()  # so the first questions (and the first misspelt one) are not slow
    say(f"serving on http://{host}:{port} (Ctrl+C stops)")
    with contextlib.suppress(KeyboardInterrupt):
        launch(services, host, port)
    return 0
