"""Language negotiation: cookie, then Accept-Language, then English; RTL Arabic."""

from __future__ import annotations

import colander
import deform
import pytest
from pyramid.i18n import make_localizer
from pyramid.interfaces import ITranslationDirectories


def _html_tag(page):
    html = page.html.html
    return html.get("lang"), html.get("dir")


def test_arabic_cookie_gives_a_right_to_left_page(testapp):
    testapp.set_cookie("sherloc_lang", "ar")
    assert _html_tag(testapp.get("/")) == ("ar", "rtl")


@pytest.mark.parametrize("lang", ["zh", "en", "fr", "ru", "es"])
def test_other_languages_are_left_to_right(testapp, lang):
    testapp.set_cookie("sherloc_lang", lang)
    assert _html_tag(testapp.get("/")) == (lang, "ltr")


def test_accept_language_chooses_when_there_is_no_cookie(testapp):
    page = testapp.get("/", headers={"Accept-Language": "fr-CH, fr;q=0.9, en;q=0.5"})
    assert _html_tag(page) == ("fr", "ltr")


def test_cookie_beats_accept_language(testapp):
    testapp.set_cookie("sherloc_lang", "ru")
    page = testapp.get("/", headers={"Accept-Language": "fr"})
    assert _html_tag(page)[0] == "ru"


@pytest.mark.parametrize(
    "header", ["de-DE, de;q=0.9", "*", None], ids=["german", "any", "absent"]
)
def test_unknown_language_falls_back_to_english(testapp, header):
    page = testapp.get("/", headers={"Accept-Language": header} if header else {})
    assert _html_tag(page) == ("en", "ltr")


def test_unknown_cookie_value_is_ignored(testapp):
    testapp.set_cookie("sherloc_lang", "xx")
    page = testapp.get("/", headers={"Accept-Language": "es"})
    assert _html_tag(page)[0] == "es"


@pytest.mark.parametrize("header", ["zh-CN", "zh-Hans-CN", "zh"])
def test_simplified_chinese_gives_zh(testapp, header):
    assert _html_tag(testapp.get("/", headers={"Accept-Language": header}))[0] == "zh"


@pytest.mark.parametrize(
    ("lang", "message", "expected"),
    [
        ("ar", colander._("Required"), "مطلوب"),
        ("zh", colander._("Required"), "必填"),
        ("ar", deform.i18n._("Password"), "كلمة المرور"),
        ("zh", deform.i18n._("Password"), "密码"),
        ("fr", colander._("Required"), "Requis"),
    ],
)
def test_form_library_messages_are_translated(app, lang, message, expected):
    """colander and deform ship no Arabic and no plain zh: ours win."""
    directories = app.registry.getUtility(ITranslationDirectories)
    assert make_localizer(lang, directories).translate(message) == expected
