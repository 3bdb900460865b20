"""The installation as a whole: its reference data, the demo account, backup and restore.

The top floor: it may use every app; no app imports it.
"""
