"""CSV cells that a spreadsheet cannot run as formulas (OWASP "CSV injection").

A cell starting with = + - @ (or a tab or carriage return before them) is read by Excel, LibreOffice
and Google Sheets as a formula: `=HYPERLINK(...)` or `=cmd|...` in a directory entry would run on
the reader's machine. Such cells are written with a leading apostrophe, which spreadsheets show as
"text" and do not display; a cell that itself starts with an apostrophe gets one more, so reading
the file back (`unguard`) gives exactly the value that was written.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) or text.startswith("'"):
        return "'" + text
    return text


def unguard(text: str) -> str:
    return text[1:] if text.startswith("'") else text
