"""Practice mode in Korean, in the browser: a check on a page in Korean says its verdicts, hints
and statuses in Korean, with no English word outside code; switching the language keeps the
practice code and words the report anew; a file exported in Korean comes back on a page in
English; a refused file is told of in Korean."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from i18n.test_switch import IDENTIFIERS, LATIN_WORD, NAMES, VISIBLE_WORDS
from pages import open_app
from practice.practice_page import CHECK_MS, OPS, SOLUTIONS, check, panel

pytestmark = pytest.mark.e2e

HANGUL = re.compile(r"[\uac00-\ud7a3]")
# A learner's attempt that fails in every way a report can show: a wrong value in the course
# checks, an error with a traceback, output, and the going-further cases.
ATTEMPT = (
    "import numpy as np\n\nprint('loaded')\n\ndef softmax(x):\n    if x.ndim == 1:\n"
    "        return np.exp(x).sum(axis=1)\n    x_exp = np.exp(x)\n"
    "    return x_exp / np.sum(x_exp, axis=1)[:, None] * 2\n"
)


# Text with Hangul set in italics (Hangul has no italic: a browser slants it, which reads badly).
ITALIC_HANGUL = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const slanted = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (/[\uac00-\ud7a3]/.test(node.data) && node.parentElement.checkVisibility()
        && getComputedStyle(node.parentElement).fontStyle !== "normal") slanted.push(node.data.trim());
  }
  return slanted;
}"""


def english_words(page) -> list[str]:
    """The English words in the visible text of the practice panels and the files' messages,
    outside code (the page's own scan, tests/i18n/test_switch.py, on these parts only)."""
    script = VISIBLE_WORDS.replace("document.body", "root").replace(
        '[...document.querySelectorAll("[aria-label]")]', '[...root.querySelectorAll("[aria-label]")]'
    )
    texts = page.evaluate(f"""() => [...document.querySelectorAll(
        "[data-practice], .practice-files-status, .practice-files-question")]
        .flatMap((root) => ({script.replace("() =>", "() =>", 1)})())""")
    return [word for text in texts for word in LATIN_WORD.findall(text) if word not in NAMES | IDENTIFIERS]


def open_every_case(box):
    box.evaluate("b => b.querySelectorAll('.case details').forEach((d) => { d.open = true; })")


def test_a_check_on_a_korean_page_is_worded_in_korean_with_no_english_outside_code(browser, site_url):
    page, watcher = open_app(browser, site_url, "/?lang=ko", viewport={"width": 1280, "height": 900})
    try:
        box = check(page, "softmax", ATTEMPT)
        expect(page.locator("html")).to_have_attribute("lang", "ko")
        example = box.locator('[data-case="example"]')
        expect(example.locator(".case-verdict")).to_have_text("실패: 값 검사")
        assert HANGUL.search(box.locator(".practice-hint").first.text_content())
        assert HANGUL.search(example.locator(".case-message").text_content())
        expect(box.locator('[data-case="one-row"] .case-verdict')).to_have_text("실패: 오류가 발생했습니다")
        expect(box.locator(".practice-status")).to_contain_text("채점을 마쳤습니다")
        expect(box.locator('output[name="grade"]')).to_have_text("0/4 통과")
        open_every_case(box)
        box.locator(".practice-solution summary").click()
        assert english_words(page) == []
        assert page.evaluate(ITALIC_HANGUL) == []
        for op in OPS:  # every Practice tab open at once: stub, solution, buttons, notes
            panel(page, op).locator(".practice-solution").evaluate("d => { d.open = true; }")
        assert english_words(page) == []
        page.locator('section[data-op] [role="tab"][data-tab="explore"]').first.click()
        assert page.evaluate(ITALIC_HANGUL) == []  # the cards' explanations too
        check(page, "softmax", "def softmax(x)\n    pass\n")  # a syntax error, told of above the cases
        expect(box.locator(".practice-problem-text")).to_have_text("코드에 문법 오류가 있습니다.")
        check(page, "l2", "def other(x):\n    pass\n")  # no such function
        expect(panel(page, "l2").locator(".practice-problem-text")).to_contain_text("함수를 정의하세요")
        assert english_words(page) == []
    finally:
        page.context.close()
    watcher.assert_clean()


def test_switching_the_language_keeps_the_code_and_words_the_report_anew(browser, site_url):
    page, watcher = open_app(browser, site_url, "/?lang=en", viewport={"width": 1280, "height": 900})
    try:
        box = check(page, "softmax", ATTEMPT)
        verdict = box.locator('[data-case="example"] .case-verdict')
        expect(verdict).to_have_text("failed the values check")
        code = box.locator('[name="code"]')
        page.select_option('select[name="lang"]', "ko")
        expect(verdict).to_have_text("실패: 값 검사")
        expect(box.locator(".practice-title")).to_have_text("연습: softmax(x) 직접 구현하기")
        assert HANGUL.search(box.locator(".practice-hint").first.text_content())
        expect(box.locator('button[name="check"]')).to_have_text("채점")
        assert code.input_value() == ATTEMPT
        assert box.locator(".cm-content").evaluate("e => e.textContent").startswith("import numpy as np")
        open_every_case(box)
        left = english_words(page)
        assert left == [], left
        page.select_option('select[name="lang"]', "en")
        expect(verdict).to_have_text("failed the values check")
        expect(box.locator('output[name="grade"]')).to_have_text("0/4 passed")
        assert code.input_value() == ATTEMPT
    finally:
        page.context.close()
    watcher.assert_clean()


def test_a_file_exported_in_korean_comes_back_on_an_english_page(browser, site_url, tmp_path):
    page, watcher = open_app(browser, site_url, "/?lang=ko", viewport={"width": 1280, "height": 900})
    try:
        mine = SOLUTIONS["sigmoid"].replace("return", "# 내 풀이\n    return", 1)
        panel(page, "sigmoid").locator('[name="code"]').fill(mine)
        with page.expect_download(timeout=CHECK_MS) as download:
            page.locator('button[name="download-ipynb"]').click()
        saved = tmp_path / "mine.ipynb"
        download.value.save_as(saved)
        text = saved.read_text("utf-8")
        assert "내 연습 코드" in text and "모든 테스트를 통과했습니다." in text
        expect(page.locator(".practice-files-status")).to_contain_text("파일을 저장했습니다")
        notes = tmp_path / "notes.py"
        notes.write_text("print('not an exercise')\n")
        page.locator('input[name="upload-practice"]').set_input_files(str(notes))
        expect(page.locator(".practice-files-status")).to_contain_text("연습 함수를 찾지 못했습니다", timeout=CHECK_MS)
        page.select_option('select[name="lang"]', "en")  # the language changes; the file is the same
        editor = panel(page, "sigmoid").locator('[name="code"]')
        editor.fill("def sigmoid(x):\n    return None\n")
        page.locator('input[name="upload-practice"]').set_input_files(str(saved))
        confirm = page.locator('button[name="upload-confirm"]')
        expect(confirm).to_be_visible(timeout=CHECK_MS)
        expect(page.locator(".practice-files-question")).to_contain_text("sigmoid(x)")
        expect(page.locator(".practice-files-question")).to_contain_text("Replace your code in")
        confirm.click()
        expect(editor).to_have_value(mine.strip("\n") + "\n")
    finally:
        page.context.close()
    watcher.assert_clean()
