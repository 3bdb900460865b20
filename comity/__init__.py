"""comity: international cooperation in criminal matters."""

__version__ = "0.1.0"
