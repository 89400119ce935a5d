"""Settings: secrets never default, a development secret file is made once."""

import stat

import pytest
from pyramid.exceptions import ConfigurationError

from sherloc_portal.settings import read_settings

BASE = {"sherloc.public_url": "http://localhost"}


def test_a_missing_secret_is_a_configuration_error(monkeypatch):
    monkeypatch.delenv("SHERLOC_SECRET", raising=False)
    with pytest.raises(ConfigurationError, match="SHERLOC_SECRET"):
        read_settings(dict(BASE))


def test_a_short_secret_is_refused(monkeypatch):
    monkeypatch.delenv("SHERLOC_SECRET", raising=False)
    with pytest.raises(ConfigurationError):
        read_settings({**BASE, "sherloc.secret": "too-short"})


def test_the_environment_wins_over_the_ini(monkeypatch):
    monkeypatch.setenv("SHERLOC_SECRET", "e" * 40)
    settings = read_settings({**BASE, "sherloc.secret": "i" * 40})
    assert settings.secret == "e" * 40


def test_a_secret_file_is_created_private_and_reused(monkeypatch, tmp_path):
    monkeypatch.delenv("SHERLOC_SECRET", raising=False)
    path = tmp_path / "var" / "secret"
    first = read_settings({**BASE, "sherloc.secret_file": str(path)}).secret
    assert len(first) >= 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = read_settings({**BASE, "sherloc.secret_file": str(path)}).secret
    assert again == first


def test_a_missing_public_url_is_a_configuration_error():
    with pytest.raises(ConfigurationError, match="public_url"):
        read_settings({"sherloc.secret": "s" * 40})
