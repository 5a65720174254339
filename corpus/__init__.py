"""Stage 1: read a 决算 report file into typed sections and facts."""

from corpus.parse import load_report, parse_report
from corpus.reader import CorpusError
from corpus.records import Fact, IndicatorRow, ProjectTable, Report, Section
from corpus.settings import Settings

__all__ = [
    "CorpusError",
    "Fact",
    "IndicatorRow",
    "ProjectTable",
    "Report",
    "Section",
    "Settings",
    "load_report",
    "parse_report",
]
