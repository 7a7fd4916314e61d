"""blindrec never opens a network connection, and `--help` does not load the NLP stack."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from blindrec.api import RunOptions, anonymise_batch
from blindrec.settings import load_settings
from tests import builders


def test_a_run_opens_no_network_connection(tmp_path, monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access attempted during a blindrec run")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    # Start from a fresh engine so model loading happens under the guard too.
    from blindrec.detect import engine

    engine._engine.cache_clear()
    engine._dictionary_words.cache_clear()
    source = builders.cv_docx(builders.APPLICANTS["nigerian"], tmp_path / "in" / "cv.docx")
    result = anonymise_batch([source.parent], tmp_path / "out", load_settings(), RunOptions(jobs=1))
    assert result.exit_code == 0 and not result.failures
    assert attempts == []


def test_help_does_not_import_presidio_or_spacy():
    code = ("import sys; from click.testing import CliRunner; from blindrec.cli import cli; "
            "r = CliRunner().invoke(cli, ['--help']); assert r.exit_code == 0, r.output; "
            "heavy = [m for m in ('spacy', 'presidio_analyzer', 'presidio_anonymizer', 'docx', 'pypdf') "
            "if m in sys.modules]; print(','.join(heavy))")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == ""


def test_a_model_that_is_not_installed_is_refused_not_downloaded(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("nlp:\n  model: en_core_web_not_installed\n")
    from blindrec.detect.engine import ModelError, analyze

    with pytest.raises(ModelError, match="not installed"):
        analyze("text", load_settings([rules]))


def test_a_fresh_process_opens_no_connection_from_import_to_exit(tmp_path):
    source = builders.cv_docx(builders.APPLICANTS["polish"], tmp_path / "in" / "cv.docx")
    code = (
        "import socket, sys\n"
        "def refuse(*a, **k):\n"
        "    sys.stderr.write('NETWORK ATTEMPT\\n'); raise OSError('offline')\n"
        "socket.socket.connect = refuse; socket.socket.connect_ex = refuse\n"
        "socket.create_connection = refuse; socket.getaddrinfo = refuse\n"
        "from blindrec.cli import cli\n"
        f"cli(['anonymise', {str(source.parent)!r}, '--out', {str(tmp_path / 'out')!r}, '--jobs', '1', '-q'])\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    assert "NETWORK ATTEMPT" not in completed.stderr
