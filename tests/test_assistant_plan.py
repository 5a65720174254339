"""The typed plan: what understanding hands on, as plain data; `python -m assistant explain`; determinism."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from assistant_support import ask
from index_support import built_settings

from assistant.cli import main
from assistant.understand.plan import Condition, Op, Plan, Step, Target

REPO = Path(__file__).resolve().parent.parent


def round_trips(plan: Plan) -> None:
    data = plan.to_json()
    json.dumps(data, ensure_ascii=False)  # plain JSON
    again = Plan.from_json(json.loads(json.dumps(data, ensure_ascii=False)))
    assert again == plan
    assert again.to_json() == data


@pytest.mark.parametrize(
    "question",
    [
        "三公经费是多少？",
        "除了公务接待费，三公经费其余几项加起来多少？",
        "2022年公务接待费是多少？",
        "哪个项目的预算执行率最低？",
        "年初预算为0的项目调整后预算合计多少？",
        "主要职责第二项是什么？",
        "公务用车运行维护费平均每辆车多少钱？",
    ],
)
def test_a_plan_is_plain_json_and_round_trips(both_assistants, question: str) -> None:
    plan = both_assistants.understand(question)
    assert plan.steps, plan
    round_trips(plan)


def test_a_follow_up_carries_the_previous_turns_plan(both_assistants) -> None:
    history = [{"role": "user", "content": "三公经费是多少？"}, {"role": "assistant", "content": "……"}]
    plan = both_assistants.understand("其中公务接待费呢？", history)
    assert plan.previous is not None and plan.previous.previous is None
    assert "三公经费" in plan.previous.subjects
    round_trips(plan)


def test_the_plan_holds_what_later_stages_used_to_reread(assistant) -> None:
    """Conditions, people, thresholds, per-unit divisors, ordinals and the cues are fields, read once."""
    leader = next(p.leader for p in assistant.report.projects if p.leader)
    plan = assistant.understand(f"{leader}负责的项目中，年初预算为0的有哪些？")
    assert plan.people == (leader,)
    assert Condition("年初预算", "=", "0", plan.conditions[0].said) == plan.conditions[0]
    assert plan.steps[0].op is Op.FILTER and {c.field for c in plan.steps[0].conditions} >= {"年初预算", "负责人"}
    threshold = assistant.understand("执行率低于90%的项目有哪些？").threshold
    assert threshold is not None and (threshold.comparator, threshold.value, threshold.unit) == ("<", "90", "%")
    per = assistant.understand("公务用车运行维护费平均每辆车多少钱？")
    assert per.per == "辆" and per.says("money") and per.steps[-1].op is Op.PER_UNIT
    nth = assistant.understand("主要职责第三项是什么？")
    assert (nth.ordinal, nth.ordinal_word) == (3, "项") and nth.steps[0].op is Op.NTH
    complement = assistant.understand("除了公务接待费，三公经费其余几项加起来多少？")
    assert complement.steps[-1] == Step(Op.COMPLEMENT, inputs=(0, 1))
    assert all(t.measure == "决算数" for s in complement.steps[:-1] for t in s.targets)


def test_steps_and_targets_are_records_too() -> None:
    step = Step(Op.NTH, (Target("collection", "projects", "执行率", options=("a", "b")),), rank=2)
    assert Step.from_json(json.loads(json.dumps(step.to_json()))) == step


def test_answers_say_which_route_answered_and_carry_their_plan(assistant) -> None:
    answer = ask(assistant, "2022年公务接待费是多少？")
    assert answer.route == "prior_year" and answer.plan is not None
    assert Plan.from_json(answer.plan).steps[-1].op is Op.PRIOR_YEAR
    refused = ask(assistant, "2019年公务接待费是多少？")
    assert refused.status == "not_found" and refused.route == "out_of_scope"


def test_explain_prints_the_plan_and_the_route(tmp_path_factory, capsys, tmp_path) -> None:
    settings = built_settings(tmp_path_factory)
    assert main(["explain", "除了公务接待费，三公经费其余几项加起来多少？"], settings) == 0
    out = capsys.readouterr().out
    assert "complement" in out and "路径：complement" in out and "用第 0、1 步的结果" in out
    history = tmp_path / "history.json"
    history.write_text(json.dumps([{"role": "user", "content": "三公经费是多少？"}]), encoding="utf-8")
    assert main(["explain", "其中公务接待费呢？", "--history", str(history), "--json"], settings) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["route"] == "figure" and data["plan"]["previous"]["subjects"] == ["三公经费"]
    assert Plan.from_json(data["plan"]).steps[0].targets[0].name == "公务接待费"
    assert main(["explain", "   "], settings) == 2


ASK_ALL = """
import json, sys
from corpus import Settings
from assistant.service import Assistant
assistant = Assistant(Settings.from_env())
print(json.dumps([assistant.ask(q).to_json() for q in json.loads(sys.argv[1])], ensure_ascii=False))
"""


def test_answers_do_not_depend_on_the_hash_seed(assistant, tmp_path_factory) -> None:
    """Two people named in one question, equally long words, overlapping name pieces: set order never decides."""
    people = list(dict.fromkeys(p.leader for p in assistant.report.projects if p.leader))[:2]
    questions = [
        f"{people[0]}和{people[1]}分别负责哪些项目？",
        f"{people[1]}和{people[0]}负责的项目执行数加起来多少？",
        "项目支出是什么意思？",
        "健康通项目的满意度指标完成得怎么样？",
    ]
    settings = built_settings(tmp_path_factory)
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "JUESUAN_DATA_DIR": str(settings.data_dir)}
        done = subprocess.run(
            [sys.executable, "-c", ASK_ALL, json.dumps(questions, ensure_ascii=False)],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=True,
        )  # fmt: skip
        runs.append([(a["status"], a["answer"], a["route"]) for a in json.loads(done.stdout)])
    assert runs[0] == runs[1]
    assert runs[0][0][0] == "answered" and people[0] in runs[0][0][1]


def test_a_bare_definition_question_gets_the_definition_alone(both_assistants) -> None:
    """Every term the report's 名词解释 defines ("N.X：指…"), asked "X是什么意思", is answered with that one sentence,
    not with other sentences that merely mention a word of it."""
    text = both_assistants.report.clean_text
    names = [m.group(1) for m in re.finditer(r"(?m)^\s*\d+\.([^：:\n（(]{2,12})[：:]\s*指", text)]
    assert len(names) >= 4
    for name in names:
        answer = both_assistants.ask(f"{name}是什么意思？")
        assert answer.status == "answered", name
        assert len(answer.citations) == 1, (name, answer.answer)
        assert re.search(re.escape(name) + r"[：:]\s*指", answer.answer), (name, answer.answer)
