"""SYNTHETIC TEST DATA: a generator of 决算 reports of the national template, for tests and benchmarks only.

Every report it writes is invented (places whose region codes start with 99, agencies, people, figures), says so
on its cover and in its first part, and has a file name starting with ``SYNTHETIC_``. It exists because the
report library (issue 15) must be tested and measured on hundreds of bodies and years, and no real reports can
be downloaded here. It lives outside the installed packages (corpus, index, assistant, ui, evals), so the product
cannot import it; tests and benchmarks do.

What holds in every generated report (the tests check it through the corpus parser and the report audit):
totals are the sums of their parts, shares and rates are computed from the printed amounts, each year's 上年
figures are the previous year's report's figures (a body's years are simulated as one series), project
执行率 = 执行数 ÷ 调整后预算数, indicator scores never exceed their weights and the 自评得分 is their sum plus the
预算执行 score. The same seed gives the same bytes; body i of a seed is the same in a library of any size.

    python -m benchmarks.synthetic --count 200 --out DIR --seed 1 [--years-per-body 3] [--format text|html|both]
"""

from benchmarks.synthetic.bodies import Body, SyntheticError, make_body, plan_bodies
from benchmarks.synthetic.compose import BodyReports, ReportFigures
from benchmarks.synthetic.library import MANIFEST, PREFIX, GeneratedReport, generate_library
from benchmarks.synthetic.render_html import render_html
from benchmarks.synthetic.render_text import render_text

__all__ = [
    "MANIFEST",
    "PREFIX",
    "Body",
    "BodyReports",
    "GeneratedReport",
    "ReportFigures",
    "SyntheticError",
    "generate_library",
    "make_body",
    "plan_bodies",
    "render_html",
    "render_text",
]
