"""The 13 附表 of a fixture report, derived from the figures its text states.

SYNTHETIC TEST DATA. Every figure printed here is either stated by the report's text, follows from stated
figures (a part that the stated total leaves at 0, a 款 that is the sum of its 项), or — where the text says
nothing (a split between 基本支出 and 项目支出 that the text leaves open, a 三公 budget behind a stated
completion rate) — is chosen to agree with everything stated and marked `synthetic` (printed with ※).
"""

from __future__ import annotations

from decimal import Decimal

from model import Cell, Schedule

from corpus import Report

Z = Decimal("0.00")
CENT = Decimal("0.01")
# 政府收支分类科目 codes of the 类/款/项 the fixture reports use (the national classification).
CODES = {
    "一般公共服务": "201",
    "政府办公厅（室）及相关机构事务": "20103",
    "事业运行": "2010350",
    "其他政府办公厅（室）及相关机构事务支出": "2010399",
    "教育": "205",
    "进修及培训": "20508",
    "培训支出": "2050803",
    "社会保障和就业": "208",
    "行政事业单位养老支出": "20805",
    "事业单位离退休": "2080502",
    "机关事业单位基本养老保险缴费支出": "2080505",
    "机关事业单位职业年金缴费支出": "2080506",
    "其他社会保障和就业支出": "20899",  # the 款; its 项 of the same name is 2089999 (ITEM_CODES)
    "卫生健康": "210",
    "行政事业单位医疗": "21011",
    "事业单位医疗": "2101102",
    "住房保障": "221",
    "住房保障支出": "221",
    "住房改革支出": "22102",
    "住房公积金": "2210201",
}
ITEM_CODES = {"其他社会保障和就业支出": "2089999"}  # 项 whose name is also a 款's
PROJECT_ITEM = "其他政府办公厅（室）及相关机构事务支出"  # the 项 that holds the projects' spending
NUMBERS = "一二三四五六七八九十"


def _m(value: Decimal | None) -> str:
    return "" if value is None else f"{value.quantize(CENT)}"


def c(value: Decimal | str | None, synthetic: bool = False) -> Cell:
    return Cell(value if isinstance(value, str) else _m(value), synthetic)


class _Facts:
    def __init__(self, report: Report) -> None:
        self.report = report

    def get(self, subject: str, measure: str = "决算数") -> Decimal | None:
        return next((f.value for f in self.report.facts if f.subject == subject and f.measure == measure), None)

    def items(self) -> list[tuple[str, str, str, Decimal]]:
        """(类, 款, 项, 决算数) of every 项 line the text states, in report order."""
        out = []
        for f in self.report.facts:
            if f.measure == "决算数" and f.subject.endswith("（项）") and "（类）" in f.subject:
                cls, rest = f.subject.split("（类）", 1)
                kuan, rest = rest.split("（款）", 1)
                out.append((cls, kuan, rest.removesuffix("（项）"), f.value))
        return out

    def classes(self) -> list[tuple[str, Decimal]]:
        return [
            (f.subject, f.value)
            for f in self.report.facts
            if f.measure == "决算数" and f.parent == "一般公共预算财政拨款支出" and f.subject.endswith("支出")
        ]


def _class_name(name: str) -> str:
    return name if name.endswith("支出") else name + "支出"


def _code(name: str) -> str:
    return CODES.get(name.removesuffix("支出"), CODES.get(name, ""))


def derived_schedules(report: Report) -> dict[str, Schedule]:
    f = _Facts(report)
    year = report.year
    fiscal_income = f.get("一般公共预算财政拨款收入") or Z
    other_income = f.get("其他收入") or Z
    income_total = f.get("本年收入合计") or fiscal_income + other_income
    spend_total = f.get("本年支出合计") or income_total
    basic_total = f.get("基本支出") or Z
    fiscal_basic = f.get("一般公共预算财政拨款基本支出") or Z
    staff, office = f.get("人员经费") or Z, f.get("公用经费") or Z
    classes = f.classes()
    items = f.items()
    fiscal_project = (f.get("一般公共预算财政拨款支出") or fiscal_income) - fiscal_basic

    # 基本/项目 split per 项: the projects' 项 is project spending; what the stated project total leaves over
    # comes out of the first 项 (事业运行) — a split the text does not state, so it is marked synthetic.
    split: dict[str, tuple[Decimal, Decimal, bool]] = {}
    stated_project = sum((v for _, _, name, v in items if name == PROJECT_ITEM), Z)
    leftover = fiscal_project - stated_project if fiscal_project > stated_project else Z
    for _, _, name, value in items:
        if name == PROJECT_ITEM:
            split[name] = (Z, value, False)
        elif leftover and name == items[0][2]:
            split[name] = (value - leftover, leftover, True)
        else:
            split[name] = (value, Z, False)
    # non-fiscal income (其他收入) is spent on basic costs of the first 项 (not stated: synthetic)
    first_item = items[0][2] if items else ""

    def tree(columns) -> list[tuple[Cell, ...]]:
        """类/款/项 rows; `columns(name, value)` gives the figure cells of a 项."""
        rows: list[tuple[Cell, ...]] = []
        stated = dict(classes)
        for cls in dict.fromkeys(i[0] for i in items):
            cls_items = [i for i in items if i[0] == cls]
            per_item = {i[2]: columns(i[2], i[3]) for i in cls_items}
            sums = _sum_cells(per_item.values())
            total = stated.get(_class_name(cls))
            if total is not None and not sums[0].synthetic:
                # the class total as the text states it (its items may add up a cent apart: the report rounds);
                # what the first column adds to the items (other income) is kept on top of it
                extra = Decimal(sums[0].text) - sum((i[3] for i in cls_items), Z)
                sums = (c(total + extra), *sums[1:])
            rows.append((c(_code(cls)), c(_class_name(cls)), *sums))
            for kuan in dict.fromkeys(i[1] for i in cls_items):
                kuan_items = [i for i in cls_items if i[1] == kuan]
                rows.append((c(_code(kuan)), c(kuan), *_sum_cells(per_item[i[2]] for i in kuan_items)))
                for _, _, name, _ in kuan_items:
                    rows.append((c(ITEM_CODES.get(name, _code(name))), c(name), *per_item[name]))
        return rows

    def with_total(rows: list[tuple[Cell, ...]], width: int) -> list[tuple[Cell, ...]]:
        tops = [r for r in rows if len(r[0].text) == 3]
        total = _sum_cells(r[2:] for r in tops)
        return [(c(""), c("合计"), *total[:width]), *rows]

    def income_cells(name: str, value: Decimal) -> tuple[Cell, ...]:
        extra = other_income if name == first_item else Z
        return (c(value + extra, bool(extra)), c(value), c(Z), c(extra, bool(extra)))

    def spend_cells(name: str, value: Decimal) -> tuple[Cell, ...]:
        basic, project, synthetic = split[name]
        extra = other_income if name == first_item else Z
        return (c(value + extra, bool(extra)), c(basic + extra, synthetic or bool(extra)), c(project, synthetic))

    def fiscal_cells(name: str, value: Decimal) -> tuple[Cell, ...]:
        basic, project, synthetic = split[name]
        return (c(value), c(basic, synthetic), c(project, synthetic))

    class_rows = [(c(_class_name(name)), c(value)) for name, value in classes]
    extra_first_class = bool(other_income)
    spend_classes = [
        (c(f"{NUMBERS[k]}、{name}"), c(value + (other_income if k == 0 else Z), extra_first_class and k == 0))
        for k, (name, value) in enumerate(classes)
    ]
    income_rows = [
        ("一般公共预算财政拨款收入", fiscal_income),
        ("政府性基金预算财政拨款收入", Z),
        ("国有资本经营预算财政拨款收入", Z),
        ("上级补助收入", Z),
        ("事业收入", Z),
        ("经营收入", Z),
        ("附属单位上缴收入", Z),
        ("其他收入", other_income),
    ]
    left = [(c(f"{NUMBERS[k]}、{name}"), c(value)) for k, (name, value) in enumerate(income_rows)]
    out: dict[str, Schedule] = {}

    def side_by_side(left_rows, right_rows, closing) -> tuple[tuple[Cell, ...], ...]:
        n = max(len(left_rows), len(right_rows))
        blank = (c(""), c(""))
        body = [
            (*(left_rows[k] if k < len(left_rows) else blank), *(right_rows[k] if k < len(right_rows) else blank))
            for k in range(n)
        ]
        return tuple(body + closing)

    out["一、收入支出决算总表"] = Schedule(
        "收入支出决算总表",
        "公开01表",
        ("收入项目", "决算数", "支出项目", "决算数"),
        side_by_side(
            left,
            spend_classes,
            [
                (c("本年收入合计"), c(income_total), c("本年支出合计"), c(spend_total)),
                (c("年初结转和结余"), c(Z), c("年末结转和结余"), c(Z)),
                (c("总计"), c(income_total), c("总计"), c(spend_total)),
            ],
        ),
    )
    out["二、收入决算表"] = Schedule(
        "收入决算表",
        "公开02表",
        ("科目编码", "科目名称", "本年收入合计", "财政拨款收入", "事业收入", "其他收入"),
        tuple(with_total(tree(income_cells), 4)),
    )
    out["三、支出决算表"] = Schedule(
        "支出决算表",
        "公开03表",
        ("科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"),
        tuple(with_total(tree(spend_cells), 3)),
    )
    fiscal_left = [
        (c("一、一般公共预算财政拨款"), c(fiscal_income)),
        (c("二、政府性基金预算财政拨款"), c(Z)),
        (c("三、国有资本经营预算财政拨款"), c(Z)),
    ]
    out["四、财政拨款收入支出决算总表"] = Schedule(
        "财政拨款收入支出决算总表",
        "公开04表",
        ("收入项目", "决算数", "支出项目", "决算数"),
        side_by_side(
            fiscal_left,
            [(c(f"{NUMBERS[k]}、{r[0].text}"), r[1]) for k, r in enumerate(class_rows)],
            [
                (c("本年收入合计"), c(fiscal_income), c("本年支出合计"), c(fiscal_income)),
                (c("年初财政拨款结转和结余"), c(Z), c("年末财政拨款结转和结余"), c(Z)),
                (c("总计"), c(fiscal_income), c("总计"), c(fiscal_income)),
            ],
        ),
    )
    fiscal_tree = tree(fiscal_cells)
    out["五、财政拨款支出决算明细表"] = Schedule(
        "财政拨款支出决算明细表",
        "公开05表",
        ("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
        tuple(with_total([r for r in fiscal_tree if len(r[0].text) == 3], 3)),
    )
    out["六、一般公共预算财政拨款支出决算表"] = Schedule(
        "一般公共预算财政拨款支出决算表",
        "公开06表",
        ("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
        tuple(with_total(fiscal_tree, 3)),
    )
    stated_basic = fiscal_basic or basic_total
    fiscal_total = f.get("一般公共预算财政拨款支出") or fiscal_income
    out["七、一般公共预算财政拨款支出决算明细表"] = Schedule(
        "一般公共预算财政拨款支出决算明细表",
        "公开07表",
        ("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
        (
            (c(""), c("合计"), c(fiscal_total), c(stated_basic), c(fiscal_project)),
            (c("301"), c("人员经费"), c(staff), c(staff), c(Z)),
            (c("302"), c("公用经费"), c(office), c(office), c(Z)),
            (c("399"), c("项目支出"), c(fiscal_project), c(Z), c(fiscal_project)),
        ),
    )
    out["八、一般公共预算财政拨款基本支出决算表"] = Schedule(
        "一般公共预算财政拨款基本支出决算表",
        "公开08表",
        ("科目编码", "科目名称", "决算数"),
        (
            (c(""), c("合计"), c(staff + office)),
            (c("301"), c("人员经费"), c(staff)),
            (c("302"), c("公用经费"), c(office)),
        ),
    )
    project_rows = [r[:2] + r[4:5] + r[4:5] for r in fiscal_tree if r[4].text not in ("", "0.00")]
    out["九、一般公共预算财政拨款项目支出决算表"] = Schedule(
        "一般公共预算财政拨款项目支出决算表",
        "公开09表",
        ("科目编码", "科目名称", "合计", "项目支出"),
        tuple(with_total(project_rows, 2)),
    )
    empty = f"注：本单位{year}年度无{{}}，本表无数据。"
    out["十、政府性基金预算财政拨款收入支出决算表"] = Schedule(
        "政府性基金预算财政拨款收入支出决算表",
        "公开10表",
        ("科目编码", "科目名称", "年初结转和结余", "本年收入", "本年支出", "年末结转和结余"),
        (),
        empty.format("政府性基金预算财政拨款收入支出"),
    )
    out["十一、国有资本经营预算财政拨款收入支出决算表"] = Schedule(
        "国有资本经营预算财政拨款收入支出决算表",
        "公开11表",
        ("科目编码", "科目名称", "年初结转和结余", "本年收入", "本年支出", "年末结转和结余"),
        (),
        empty.format("国有资本经营预算财政拨款收入支出"),
    )
    out["十二、国有资本经营预算财政拨款支出决算表"] = Schedule(
        "国有资本经营预算财政拨款支出决算表",
        "公开12表",
        ("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
        (),
        empty.format("国有资本经营预算财政拨款支出"),
    )
    out["十三、财政拨款“三公”经费支出决算表"] = _sangong(f)
    return out


def _sum_cells(rows) -> tuple[Cell, ...]:
    rows = [tuple(r) for r in rows]
    width = len(rows[0])
    out = []
    for k in range(width):
        total = sum((Decimal(r[k].text) for r in rows if r[k].text), Z)
        out.append(c(total, any(r[k].synthetic for r in rows)))
    return tuple(out)


def _budget(spent: Decimal | None, rate: Decimal | None) -> tuple[Decimal, bool]:
    """A budget behind a stated completion rate: spent ÷ rate, to the cent (synthetic: the text states none)."""
    if not spent or not rate:
        return Z, False
    return (spent * 100 / rate).quantize(CENT), True


def _sangong(f: _Facts) -> Schedule:
    car, car_synthetic = _budget(f.get("公务用车购置及运行维护费"), f.get("公务用车购置及运行维护费", "预算完成率"))
    hosting, host_synthetic = _budget(f.get("公务接待费"), f.get("公务接待费", "预算完成率"))
    abroad = f.get("因公出国（境）费") or Z
    buy = f.get("公务用车购置费") or Z
    run = f.get("公务用车运行维护费") or (f.get("公务用车购置及运行维护费") or Z) - buy
    domestic = f.get("国内公务接待费") or f.get("公务接待费") or Z
    foreign = f.get("外事接待费") or Z
    spent = f.get("三公经费") or Z
    rows = (
        (c("合计"), c(car + hosting, car_synthetic or host_synthetic), c(spent)),
        (c("1.因公出国（境）费"), c(Z), c(abroad)),
        (c("2.公务用车购置及运行维护费"), c(car, car_synthetic), c(buy + run)),
        (c("其中：（1）公务用车购置费"), c(Z), c(buy)),
        (c("（2）公务用车运行维护费"), c(car, car_synthetic), c(run)),
        (c("3.公务接待费"), c(hosting, host_synthetic), c(domestic + foreign)),
        (c("其中：（1）国内接待费"), c(hosting, host_synthetic), c(domestic)),
        (c("（2）外事接待费"), c(Z), c(foreign)),
    )
    return Schedule("财政拨款“三公”经费支出决算表", "公开13表", ("项目", "预算数", "决算数"), rows)
