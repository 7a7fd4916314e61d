"""Which files in an input folder blindrec reads, and why it leaves each other one alone.

Nothing in a folder may vanish silently: a file that is not anonymised is named in the
report with one of these reasons.
"""

from __future__ import annotations

DOCUMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".docm", ".odt", ".rtf")
TABULAR_SUFFIXES = (".csv", ".tsv", ".json", ".jsonl")

_ARCHIVE = "an archive: blindrec does not open archives; extract its files and run again on them"
_IMAGE = ("an image, not a document blindrec can read; handle it manually (a scanned application "
          "needs a text PDF or retyping)")
_OPENDOCUMENT = "OpenDocument is not supported; save it as DOCX or PDF and run again"
_SPREADSHEET = "a spreadsheet; save an ATS export as 'CSV UTF-8' and run again"
_TEXT = "a plain-text file; save it as DOCX or PDF and run again"
_EMAIL = "an email message; save its attachments and run again on them"

_NOT_READ = {
    **dict.fromkeys((".zip", ".7z", ".rar", ".gz", ".tgz", ".tar", ".bz2", ".xz"), _ARCHIVE),
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".heic", ".heif", ".webp"),
                    _IMAGE),
    **dict.fromkeys((".ods", ".odp", ".odg", ".fodt", ".ott"), _OPENDOCUMENT),
    **dict.fromkeys((".xlsx", ".xlsm", ".xls"), _SPREADSHEET),
    **dict.fromkeys((".txt", ".text", ".md"), _TEXT),
    **dict.fromkeys((".msg", ".eml"), _EMAIL),
    ".pages": "an Apple Pages document; export it as DOCX or PDF and run again",
}

# Files every shared folder collects that are never applications. They are listed, but do not
# fail the run: they appear whenever a document is open in Word or a Mac has shown the folder,
# so counting them would make exit code 1 routine and hide the failures that matter.
_FURNITURE = {"thumbs.db": "Windows' thumbnail cache", "desktop.ini": "Windows' folder settings"}


def is_read(name: str) -> bool:
    """Whether a file found in a folder is taken as an application or ATS export."""
    return (ignored_reason(name) is None
            and name.lower().endswith(DOCUMENT_SUFFIXES + TABULAR_SUFFIXES))


def ignored_reason(name: str, folder: bool = False) -> str | None:
    """Why a harmless file (or folder) is never read, or None; these do not fail a run."""
    if name.startswith("~$"):
        return "an Office lock file (Word leaves one while a document is open); not read"
    if name.startswith("."):
        return f"a hidden {'folder' if folder else 'file'}; not read"
    if not folder and name.lower() in _FURNITURE:
        return f"{_FURNITURE[name.lower()]}; not read"
    return None


def not_read_reason(name: str) -> str:
    """Why a file found in a folder is not anonymised (it fails the run: HR must handle it)."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return _NOT_READ.get(suffix) or (
        f"not a file type blindrec reads ({suffix or 'no extension'}); blindrec reads PDF and DOCX "
        f"applications and ATS exports (CSV, TSV, JSON): handle it manually")
