"""Example questions for the start screens, built from the loaded report rather than written for one file."""

from __future__ import annotations

from corpus import Report


def example_questions(report: Report, limit: int = 4) -> list[str]:
    """Questions every report of the national template can answer, plus one about its first project."""
    questions = [
        "公务接待费增长原因是什么？",
        f"{report.year}年“三公”经费支出决算是多少？",
        "本年收入合计一共多少？",
    ]
    project = next((p for p in report.projects if p.execution_rate is not None and p.name), None)
    if project is not None:
        questions.append(f"{project.name}的预算执行率是多少？")
    return questions[:limit]
