"""The app in a real browser: headless Debian chromium driven by Playwright (playwright-core).

Asks a question and sees a cited statement id, checks an essay and sees verdicts, finds
evidence, browses an area; checks that every visible control has an accessible name, that Tab
moves focus between controls, and that pasted markup never becomes live HTML. Screenshots go
to a temporary folder, so that a test run leaves the checkout as it was; to refresh the ones
the reports show, run ``NPQ_SCREENSHOTS=eval/reports/screenshots make test``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.ui.test_app import Served, served  # noqa: F401  (the session app fixture)

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium")
NODE_DIR = Path(tempfile.gettempdir()) / "npq-playwright"

SCRIPT = r"""
const { chromium } = require('playwright-core');
const [url, shots, profile] = process.argv.slice(2);
const out = { steps: [], alerts: 0, unlabelled: [], controls: 0 };
const T = 90000;

// Controls (visible inputs, text areas, selects, buttons) that have no accessible name.
function unnamedControls() {
  const text = el => (el && el.textContent || '').trim();
  const named = el => {
    if ((el.getAttribute('aria-label') || '').trim()) return true;
    const by = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    if (by.some(id => text(document.getElementById(id)))) return true;
    if (el.labels && [...el.labels].some(l => text(l))) return true;
    if (text(el.closest('label'))) return true;
    if ((el.getAttribute('title') || '').trim()) return true;
    return el.tagName === 'BUTTON' && text(el) !== '';
  };
  const sel = 'input, textarea, select, button, [role="combobox"]';
  const shown = [...document.querySelectorAll(sel)]
    .filter(el => el.type !== 'hidden' && el.checkVisibility && el.checkVisibility());
  return { count: shown.filter(el => el.tagName !== 'BUTTON').length,
           bad: shown.filter(el => !named(el)).map(el => el.outerHTML.slice(0, 160)) };
}

(async () => {
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = ctx.pages()[0] || await ctx.newPage();
    page.setDefaultTimeout(T);
    page.on('dialog', async d => { out.alerts += 1; await d.dismiss(); });
    const audit = async tab => {
      const r = await page.evaluate(unnamedControls);
      out.controls += r.count;
      out.unlabelled.push(...r.bad.map(b => `${tab}: ${b}`));
    };
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const question = page.locator('#npq-question textarea');
    await question.waitFor({ state: 'visible' });
    await audit('Ask');
    out.steps.push('loaded');

    // Tab moves focus from the question box to the next controls.
    await question.focus();
    const seen = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      seen.push(await page.evaluate(() => {
        const a = document.activeElement;
        const box = a && a.closest('[id^="npq-"]');
        return `${a ? a.tagName : 'none'}#${box ? box.id : (a && a.id) || ''}`;
      }));
    }
    out.tab_order = seen;

    // Ask.
    // Ask, by pressing Enter in the question box (a usability test found Enter adding a
    // new line instead of sending).
    await question.fill('How long before a behaviour policy shows impact?');
    await question.press('Enter');
    const chip = page.locator('#npq-citations details[data-id^="NPQSL 4."]').first();
    await chip.waitFor({ state: 'visible' });
    out.answer = await page.locator('#npq-chat').innerText();
    await chip.locator('summary').click();
    out.chip_text = await chip.innerText();
    // The chip's copy button puts the citation on the clipboard, ready to paste.
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
    const copy = chip.locator('button.npq-copy').first();
    out.copy_data = await copy.getAttribute('data-copy');
    await copy.click();
    try {
      out.copied = await page.evaluate(() => navigator.clipboard.readText());
    } catch (e) {
      out.copied = `unreadable: ${e}`;
    }
    // "Copied" shows for a moment (how long the check takes varies), then the label returns.
    await page.waitForTimeout(2000);
    out.copy_label = await copy.textContent();
    out.chip_ids = await page.locator('#npq-citations details')
      .evaluateAll(ds => ds.map(d => d.dataset.id));
    await page.screenshot({ path: `${shots}/ask.png`, fullPage: true });
    out.steps.push('asked');

    // A second, longer answer: the new question and the start of its answer are in view, not
    // the end of the answer (a usability test found the "In short" line scrolled away).
    await question.fill('How should I lead a new behaviour policy so staff apply it consistently?');
    await question.press('Enter');
    await page.locator('#npq-chat .message-row.bot-row').nth(1).getByText('In short')
      .waitFor({ state: 'attached' });
    await page.waitForTimeout(1500);  // let the answer settle
    out.chat_view = await page.evaluate(() => {
      const wrap = document.querySelector('#npq-chat .bubble-wrap');
      const asked = [...document.querySelectorAll('#npq-chat .message-row.user-row')].pop();
      const lead = [...document.querySelectorAll('#npq-chat .message-row.bot-row')].pop()
        .querySelector('strong');
      const w = wrap.getBoundingClientRect();
      const inView = el => {
        const r = el.getBoundingClientRect();
        return r.top >= w.top && r.bottom <= w.bottom;
      };
      return { overflows: wrap.scrollHeight > wrap.clientHeight + 40,
               scrolled: wrap.scrollTop > 0, question_in_view: inView(asked),
               lead: lead ? lead.textContent : '', lead_in_view: lead ? inView(lead) : false };
    });
    await page.screenshot({ path: `${shots}/ask2.png`, fullPage: true });
    out.steps.push('asked again');

    // Check citations, with pasted markup.
    await page.getByRole('tab', { name: 'Check citations' }).click();
    await page.locator('#npq-check-text textarea').waitFor({ state: 'visible' });
    await audit('Check citations');
    const essay = [
      'Behaviour policies usually take more than a school term to show their impact (NPQSL 4.3).',
      'Pupils benefit from consistent routines <script>alert(1)</script> that are taught',
      'explicitly (NPQSL 4.25). Working memory <img src=x onerror=alert(2)> is limited and can',
      'be overloaded (NPQLT 3.4).',
    ].join(' ');
    await page.locator('#npq-check-text textarea').fill(essay);
    await page.locator('#npq-check').click();
    await page.locator('#npq-check-out [data-verdict="nonexistent"]').first()
      .waitFor({ state: 'visible' });
    out.verdicts = await page.locator('#npq-check-out article.npq-check')
      .evaluateAll(as => as.map(a => a.dataset.verdict));
    out.check_text = await page.locator('#npq-check-out').innerText();
    out.check_live_markup = await page.locator('#npq-check-out script, #npq-check-out img').count();
    await page.screenshot({ path: `${shots}/check.png`, fullPage: true });
    out.steps.push('checked');

    // Find evidence, with pasted markup.
    await page.getByRole('tab', { name: 'Find evidence' }).click();
    await page.locator('#npq-find-text textarea').waitFor({ state: 'visible' });
    await audit('Find evidence');
    await page.locator('#npq-find-text textarea').fill([
      'Teachers should keep whole school behaviour routines <script>alert(3)</script> consistent',
      'for all pupils. Pupils remember more when they are asked to retrieve ideas from memory',
      'after a gap.',
    ].join(' '));
    await page.locator('#npq-find').click();
    await page.locator('#npq-find-status p').first().waitFor({ state: 'visible' });
    // The grid's own cells (it also keeps a hidden sizing copy of each row).
    await page.locator('#npq-find-table').getByRole('gridcell', { name: 'strong', exact: true })
      .first().waitFor({ state: 'visible' });
    out.find_table = await page.locator('#npq-find-table').innerText();
    out.find_live_markup = await page.locator('#npq-find-table script, #npq-find-status script')
      .count();
    await page.screenshot({ path: `${shots}/find.png`, fullPage: true });
    out.steps.push('found');

    // Browse.
    await page.getByRole('tab', { name: 'Browse' }).click();
    await page.locator('#npq-browse-out').getByText('NPQSL 1.P1', { exact: true }).first()
      .waitFor({ state: 'visible' });
    await audit('Browse');
    out.browse_text = await page.locator('#npq-browse-out').innerText();
    await page.screenshot({ path: `${shots}/browse.png`, fullPage: true });
    out.steps.push('browsed');

    // On a phone every tab is in the row (a usability test found two behind a "More tabs" menu).
    const phone = await ctx.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(url, { waitUntil: 'domcontentloaded' });
    await phone.locator('#npq-question textarea').waitFor({ state: 'visible' });
    await phone.waitForTimeout(1000);
    out.phone_tabs = await phone.getByRole('tab')
      .evaluateAll(ts => ts.filter(t => t.checkVisibility()).map(t => t.textContent.trim()));
    await phone.screenshot({ path: `${shots}/phone.png` });
    await phone.close();
    out.steps.push('phone');

    // The user's NPQ: chosen once in Ask, Find uses it too, and a new visit opens on it.
    await page.getByRole('tab', { name: 'Ask' }).click();
    await page.locator('#npq-ask-framework').getByText('NPQEL', { exact: true }).click();
    await page.getByRole('tab', { name: 'Find evidence' }).click();
    const checked = async (p, id) => {
      const box = p.locator(`#${id} input:checked`);
      await box.waitFor({ state: 'attached' });
      return box.inputValue();
    };
    await page.waitForTimeout(1000);
    out.find_fw_after_ask = await checked(page, 'npq-find-framework');
    const again = await ctx.newPage();
    await again.goto(url, { waitUntil: 'domcontentloaded' });
    await again.locator('#npq-question textarea').waitFor({ state: 'visible' });
    await again.waitForTimeout(2000);
    out.remembered = { ask: await checked(again, 'npq-ask-framework') };
    await again.getByRole('tab', { name: 'Find evidence' }).click();
    out.remembered.find = await checked(again, 'npq-find-framework');
    await again.getByRole('tab', { name: 'Browse' }).click();
    out.remembered.browse = await checked(again, 'npq-browse-framework');
    await again.close();
    out.steps.push('remembered');
  } catch (e) {
    out.error = String(e && e.stack || e);
  } finally {
    await ctx.close();
    console.log(JSON.stringify(out));
  }
})();
"""


def playwright_dir() -> Path:
    """A node_modules with playwright-core (installed once into the temp dir)."""
    if (NODE_DIR / "node_modules" / "playwright-core").is_dir():
        return NODE_DIR
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        pytest.skip("node/npm not installed")
    NODE_DIR.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--prefix", str(NODE_DIR), "playwright-core"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0:
        pytest.skip(f"could not install playwright-core: {proc.stderr[-300:]}")
    return NODE_DIR


@pytest.fixture(scope="module")
def browser_run(served: Served, tmp_path_factory: pytest.TempPathFactory) -> dict:  # noqa: F811
    if CHROMIUM is None:
        pytest.skip("chromium not installed (apt-get install -y chromium)")
    node_dir = playwright_dir()
    work = tmp_path_factory.mktemp("browser")
    script = work / "run.js"
    script.write_text(SCRIPT, encoding="utf-8")
    shots = Path(os.environ.get("NPQ_SCREENSHOTS") or work / "screenshots").resolve()
    shots.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NODE_PATH": str(node_dir / "node_modules")}
    proc = subprocess.run(
        ["node", str(script), served.url, str(shots), str(work / "profile")],
        capture_output=True,
        text=True,
        timeout=420,
        env=env,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    assert lines, f"no result from the browser script: {proc.stdout[-500:]} {proc.stderr[-1500:]}"
    result = json.loads(lines[-1])
    assert "error" not in result, result["error"]
    result["shots"] = shots
    return result


def test_ask_shows_a_cited_statement(browser_run: dict) -> None:
    assert "[NPQSL 4." in browser_run["answer"]
    assert any(i.startswith("NPQSL 4.") for i in browser_run["chip_ids"])
    # the opened chip shows the statement, its area and its twin in another framework
    assert "Behaviour" in browser_run["chip_text"] and "Same text in" in browser_run["chip_text"]
    assert (browser_run["shots"] / "ask.png").stat().st_size > 10_000


def test_a_chip_copies_its_citation(browser_run: dict) -> None:
    assert browser_run["copy_data"].startswith("(NPQSL 4.")
    assert browser_run["copied"] == browser_run["copy_data"]
    assert browser_run["copy_label"] == "Copy citation"  # back after "Copied"


def test_a_new_answer_is_shown_from_its_start(browser_run: dict) -> None:
    view = browser_run["chat_view"]
    assert view["overflows"] and view["scrolled"]  # a long conversation, scrolled to the new one
    assert view["question_in_view"]
    assert view["lead"].startswith("In short") and view["lead_in_view"]


def test_on_a_phone_every_tab_is_in_view(browser_run: dict) -> None:
    assert browser_run["phone_tabs"] == ["Ask", "Find evidence", "Check citations", "Browse"]


def test_check_shows_verdicts_and_pasted_markup_as_text(browser_run: dict) -> None:
    assert "nonexistent" in browser_run["verdicts"] and "supported" in browser_run["verdicts"]
    assert "<script>alert(1)</script>" in browser_run["check_text"]  # shown as text
    assert browser_run["check_live_markup"] == 0
    assert browser_run["alerts"] == 0
    assert (browser_run["shots"] / "check.png").is_file()


def test_find_table_shows_markup_as_text(browser_run: dict) -> None:
    assert "strong" in browser_run["find_table"]
    assert "<script>alert(3)</script>" in browser_run["find_table"]
    assert browser_run["find_live_markup"] == 0
    assert (browser_run["shots"] / "find.png").is_file()


def test_browse_lists_practice_headings(browser_run: dict) -> None:
    assert "NPQSL 1.P1" in browser_run["browse_text"]
    assert (browser_run["shots"] / "browse.png").is_file()


def test_the_users_npq_is_used_in_ask_and_find_and_remembered(browser_run: dict) -> None:
    # Chosen in Ask, Find's choice follows; a new visit (same browser) opens on it everywhere.
    assert browser_run["find_fw_after_ask"] == "NPQEL"
    assert browser_run["remembered"] == {"ask": "NPQEL", "find": "NPQEL", "browse": "NPQEL"}


def test_every_control_has_an_accessible_name(browser_run: dict) -> None:
    assert browser_run["controls"] >= 8  # inputs on the four tabs
    assert browser_run["unlabelled"] == []


def test_tab_moves_focus_between_controls(browser_run: dict) -> None:
    order = browser_run["tab_order"]
    assert order[0] != "TEXTAREA#npq-question"
    assert len(set(order)) >= 3
    assert any("npq-ask-framework" in o or "npq-ask" in o for o in order)
