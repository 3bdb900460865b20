"""Synthetic case registers for the case-register benchmark, loaded through the bulk import service.

Run by case_register.py in a child process whose environment selects a throwaway database:

    COMITY_HOME=/tmp/x python benchmarks/case_synthetic.py --cases 100000 --seed 1 --out info.json

The cases are split between authorities as a State's register would be: one large central
authority (BIG_SHARE of the cases; the benchmark's user works there) and OTHER_AUTHORITIES smaller
ones sharing the rest. Each case has about ten events (long histories of allowed moves of
lifecycle.py, open and finished cases), deadlines in the past and the future, 2-3 persons with
names in Latin (with and without diacritics), Cyrillic, Arabic and Chinese script, and often a
company and an account. Everything is loaded with comity.casework.transfer.import_register (all
or nothing per call, in chunks of CHUNK cases) and marked is_example. Deterministic per seed.
"""

from __future__ import annotations

import datetime
import random
import sys
import time
from pathlib import Path

import synthetic

ROOT = Path(__file__).resolve().parent.parent
BIG_SHARE = 0.6
OTHER_AUTHORITIES = 40
BIG_OFFICERS = 20
CHUNK = 10_000
YEARS = 5
COUNTERPARTS = 150

# Names people carry, per script. Surnames are drawn with Zipf weights: a few are common (a search
# for them finds hundreds of cases), most are rare.
# fmt: off
LATIN_DIACRITICS = (
    ["José", "Zoë", "Łukasz", "Çağla", "François", "Jiří", "Søren", "Íñigo", "Małgorzata", "Ömer",
     "Anaïs", "Dóra", "Tomáš", "Ștefan", "Björn", "Renée", "Agnieszka", "Mátyás"],
    ["Müller", "Martínez", "García", "Wiśniewski", "Öztürk", "Lefèvre", "Dvořák", "Sørensen",
     "Núñez", "Kowalczyk", "Şahin", "Çelik", "Jürgens", "Šimunović", "Håkansson", "Gómez",
     "Pérez", "Łęcki", "Rodríguez", "Ferreira da Conceição", "Nagy-Tóth", "Đorđević", "Hernández",
     "Schröder", "Văduva", "Fernández", "Brønstad", "Krejčí", "Yıldız", "Benoît"],
)
LATIN_PLAIN = (
    ["John", "Peter", "Maria", "Anna", "David", "Michael", "Sarah", "Thomas", "Laura", "James",
     "Paolo", "Giulia", "Ahmed", "Fatima", "Ivan", "Olga", "Wei", "Chen", "Kwame", "Amara"],
    ["Smith", "Johnson", "Brown", "Rossi", "Bianchi", "de Vries", "Jansen", "Williams", "Taylor",
     "Okafor", "Mensah", "Silva", "Santos", "Costa", "Novak", "Horvat", "Kovacs", "Murphy",
     "Kelly", "O'Brien", "van Dijk", "Bakker", "Peeters", "Nielsen", "Larsen", "Andersen",
     "Papadopoulos", "Georgiou", "Ivanov", "Petrov"],
)
CYRILLIC = (
    ["Олександр", "Олена", "Дмитрий", "Наталья", "Сергій", "Ірина", "Андрей", "Юлия", "Григорій",
     "Тетяна", "Владимир", "Ольга", "Євген", "Марія", "Михаил", "Анна"],
    ["Коваленко", "Шевченко", "Бондаренко", "Ткаченко", "Кравченко", "Иванов", "Петров", "Смирнов",
     "Кузнецов", "Попов", "Мельник", "Бойко", "Лысенко", "Гончаренко", "Соколов", "Волков",
     "Федоров", "Морозов", "Павленко", "Григоренко", "Зайцев", "Ковальчук", "Олійник", "Савченко",
     "Руденко", "Марченко", "Яковлев", "Щербак", "Жуков", "Єременко"],
)
ARABIC = (
    ["محمد", "أحمد", "فاطمة", "علي", "عمر", "خديجة", "يوسف", "مريم", "حسن", "ليلى", "إبراهيم",
     "سارة", "خالد", "نور"],
    ["عبد الله", "الحسيني", "المصري", "الشامي", "العلي", "حداد", "منصور", "البغدادي", "القاسم",
     "الزين", "سليمان", "الخطيب", "النجار", "الفارس", "بن علي", "الرشيد", "عثمان", "يوسفي",
     "التميمي", "الأنصاري"],
)
CHINESE = (
    ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
     "建华", "志强", "海燕", "晓东"],
    ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
     "罗"],
)
# fmt: on
SCRIPTS = {
    "latin_diacritics": LATIN_DIACRITICS,
    "latin": LATIN_PLAIN,
    "cyrillic": CYRILLIC,
    "arabic": ARABIC,
    "chinese": CHINESE,
}
SCRIPT_WEIGHTS = [30, 25, 25, 12, 8]
COMPANIES = [
    "{city} Trading Ltd", "{city} Holdings S.A.", "Nordic {city} Logistics AB",
    "ООО «{cyr}-Инвест»", "ТОВ «{cyr} Трейд»", "شركة {ar} للتجارة", "{zh}贸易有限公司",
    "Société {city} SARL", "{city} Import-Export GmbH", "Inversiones {city} S.L.",
]  # fmt: skip
ROLES = ["suspect", "accused", "witness", "victim", "sentenced person", "owner of the account"]
OFFENCES = [
    "fraud", "money laundering", "drug trafficking", "corruption", "trafficking in persons",
    "cybercrime", "participation in an organised criminal group", "tax evasion", "murder",
]  # fmt: skip
KIND_WEIGHTS = {
    "mla": 55,
    "extradition": 14,
    "provisional_arrest": 5,
    "transfer_sentenced": 4,
    "transfer_proceedings": 3,
    "confiscation": 9,
    "preservation": 7,
    "jit": 3,
}


def _zipf(n: int, s: float = 0.9) -> list[float]:
    return [1 / (rank + 1) ** s for rank in range(n)]


class Register:
    """Draws the cases of one authority: its State, its officers, a counter for references."""

    def __init__(self, rng: random.Random, *, states: list[str], today: datetime.date):
        self.rng = rng
        self.states = states
        self.state_weights = _zipf(len(states), 1.0)
        self.today = today
        self.kinds = list(KIND_WEIGHTS)
        self.kind_weights = list(KIND_WEIGHTS.values())
        self.surname_weights = {name: _zipf(len(s[1])) for name, s in SCRIPTS.items()}

    def person(self) -> dict:
        rng = self.rng
        script = rng.choices(list(SCRIPTS), weights=SCRIPT_WEIGHTS)[0]
        first, last = SCRIPTS[script]
        surname = rng.choices(last, weights=self.surname_weights[script])[0]
        given = rng.choice(first)
        if script == "chinese":
            value = surname + given
        elif script == "arabic":
            value = f"{given} {surname}"
        else:
            value = f"{given} {surname}" if rng.random() < 0.85 else f"{surname} {given}"
        entity = {"kind": "person", "role": rng.choice(ROLES), "value": value}
        if rng.random() < 0.6:
            born = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randint(0, 18_000))
            entity["date_of_birth"] = born.isoformat()
        return entity

    def company(self) -> dict:
        rng = self.rng
        name = rng.choice(COMPANIES).format(
            city=rng.choice(synthetic.CITIES),
            cyr=rng.choice(CYRILLIC[1]),
            ar=rng.choice(ARABIC[0]),
            zh=rng.choice(["华信", "中联", "东方", "长城", "金桥", "海通"]),
        )
        return {"kind": "company", "role": "company", "value": f"{name} {rng.randint(1, 400)}"}

    def account(self) -> dict:
        rng = self.rng
        country = rng.choice(["DE", "FR", "UA", "CY", "LV", "NL", "AE", "GB", "ES", "IT"])
        digits = "".join(str(rng.randint(0, 9)) for _ in range(18))
        groups = " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))
        return {
            "kind": "account",
            "role": "account",
            "value": f"{country}{rng.randint(10, 99)} {groups}",
        }

    def history(self, direction: str, opened: datetime.date, finish: bool) -> list[dict]:
        """Allowed moves from the opening state: a walk among the open states, then (when the case
        is finished) the way out; ten events a case on average, with the opening one."""
        from comity.casework import lifecycle

        rng = self.rng
        moves = lifecycle.MOVES[direction]
        status = lifecycle.OPENING[direction]
        length = rng.randint(2, 16)
        steps = []
        for _ in range(max(0, length - (2 if finish else 0))):
            options = [s for s in moves[status] if s not in lifecycle.FINISHED]
            status = rng.choice(options)
            steps.append(status)
        if finish:
            for out in ("executed", "returned", "refused", "withdrawn", "closed"):
                if out in moves[status] and (out != "refused" or rng.random() < 0.3):
                    steps.append(out)
                    status = out
                    break
            if status != "closed" and rng.random() < 0.8:
                steps.append("closed")
        span = (self.today - opened).days
        total = min(span, rng.randint(20, 700)) if finish else rng.randint(0, span)
        gaps = [rng.expovariate(1.0) for _ in steps]
        scale = total / (sum(gaps) or 1)
        days, out = 0.0, []
        for status, gap in zip(steps, gaps, strict=True):
            days += gap * scale
            on = opened + datetime.timedelta(days=min(int(days), span))
            out.append({"to": status, "on": on.isoformat()})
        return out

    def case(self, index: int, *, prefix: str, officers: list[int]) -> dict:
        rng = self.rng
        direction = "incoming" if rng.random() < 0.5 else "outgoing"
        age = int(rng.random() ** 1.3 * YEARS * 365)
        opened = self.today - datetime.timedelta(days=age)
        finish = rng.random() < (0.9 if age > 365 else 0.45 if age > 90 else 0.15)
        kind = rng.choices(self.kinds, weights=self.kind_weights)[0]
        entities = [self.person() for _ in range(rng.choice((2, 2, 3)))]
        if rng.random() < 0.5:
            entities.append(self.company())
        if rng.random() < 0.4:
            entities.append(self.account())
        case = {
            "direction": direction,
            "kind": kind,
            "counterpart_state": rng.choices(self.states, weights=self.state_weights)[0],
            "our_reference": f"{prefix}/{opened.year}/{index:06d}",
            "opened_on": opened.isoformat(),
            "entities": entities,
            "history": self.history(direction, opened, finish),
            "offences": rng.sample(OFFENCES, rng.randint(1, 2)),
            "priority": rng.choices(["urgent", "high", "normal", "low"], weights=[5, 15, 70, 10])[
                0
            ],
            "subject": f"{kind.replace('_', ' ')} {rng.choice(OFFENCES)}",
            "is_example": True,
        }
        if rng.random() < 0.7:
            case["their_reference"] = (
                f"{rng.choice(['MLA', 'EXT', 'JUS', 'PG'])}-{rng.randint(1, 99999)}"
            )
        if rng.random() < 0.6:
            case["requested_deadline"] = (
                opened + datetime.timedelta(days=rng.randint(14, 200))
            ).isoformat()
        if kind == "provisional_arrest":
            case["statutory_deadline"] = (opened + datetime.timedelta(days=40)).isoformat()
            case["statutory_basis"] = "ETS-024 art. 16(4)"
        if officers and rng.random() < 0.8:
            case["assigned_to"] = rng.choice(officers)
        if any(step["to"] == "refused" for step in case["history"]):
            case["refusal_ground"] = rng.choice(["untoc_18_21_a", "untoc_18_21_b", "untoc_18_21_d"])
        return case


def _authorities(rng: random.Random, countries: list[dict]) -> list:
    """1 + OTHER_AUTHORITIES synthetic directory entries (the real import), in distinct States."""
    from comity.directory.models import Authority

    picked = rng.sample(countries, 1 + OTHER_AUTHORITIES)
    rows = synthetic.generate(rng, picked, len(picked))
    rows[0]["kind"] = "central_authority"
    synthetic._import(rows, 0)
    by_email = {a.email: a for a in Authority.objects.filter(source=synthetic.SOURCE)}
    return [by_email[row["email"]] for row in rows]


def _user(username: str, authority, role):
    from comity.accounts.models import User

    return User.objects.create_user(
        username=username, authority=authority, role=role, is_example=True
    )


def load(cases: int, seed: int) -> dict:
    from comity.accounts.models import Role
    from comity.casework.models import CaseEvent
    from comity.casework.transfer import import_register
    from comity.geo.models import Country

    rng = random.Random(seed)
    countries = list(
        Country.objects.states().order_by("iso3").values("iso3", "iso2", "official_languages")
    )
    if not countries:
        raise SystemExit("no States in geo.Country: run `manage.py load_reference` first")
    today = datetime.date.today()
    authorities = _authorities(rng, countries)
    big = authorities[0]
    big_cases = int(cases * BIG_SHARE)
    per_other = (cases - big_cases) // OTHER_AUTHORITIES
    plan = [(big, big_cases)] + [(a, per_other) for a in authorities[1:]]
    plan[-1] = (plan[-1][0], cases - big_cases - per_other * (OTHER_AUTHORITIES - 1))
    officers = [_user(f"bench-officer-{i}", big, Role.OFFICER) for i in range(BIG_OFFICERS)]
    info: dict = {
        "cases": cases,
        "seed": seed,
        "authorities": len(plan),
        "measured_authority_cases": big_cases,
        "other_authority_cases": per_other,
        "chunk": CHUNK,
        "chunks": [],
    }
    started = time.perf_counter()
    generate_s = import_s = 0.0
    for number, (authority, count) in enumerate(plan):
        actor = (
            officers[0]
            if authority == big
            else _user(f"bench-clerk-{number}", authority, Role.OFFICER)
        )
        assignees = [o.pk for o in officers] if authority == big else []
        states = [c["iso3"] for c in countries if c["iso3"] != authority.country_id]
        rng.shuffle(states)
        register = Register(random.Random(rng.random()), states=states[:COUNTERPARTS], today=today)
        for start in range(0, count, CHUNK):
            t0 = time.perf_counter()
            chunk = [
                register.case(i, prefix=f"B{number:02d}", officers=assignees)
                for i in range(start, min(count, start + CHUNK))
            ]
            t1 = time.perf_counter()
            done = import_register(owner=authority, actor=actor, cases=chunk)
            t2 = time.perf_counter()
            generate_s += t1 - t0
            import_s += t2 - t1
            if authority == big or (start == 0 and number == 1):
                info["chunks"].append(
                    {"authority": number, "cases": done["created"], "events": done["events"],
                     "import_s": round(t2 - t1, 2)}
                )  # fmt: skip
                print(
                    f"    {done['created']} cases, {done['events']} events in {t2 - t1:.1f} s",
                    flush=True,
                )
    info["events"] = CaseEvent.objects.count()
    info["generate_s"] = round(generate_s, 1)
    info["import_s"] = round(import_s, 1)
    info["total_s"] = round(time.perf_counter() - started, 1)
    info["cases_per_s"] = round(cases / import_s, 1) if import_s else None
    info["measured_authority"] = str(big.pk)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # autovacuum would do it soon after a bulk load
    return info


def measured_user(authority_id: int):
    """A viewer of the large authority."""
    from comity.accounts.models import Role
    from comity.directory.models import Authority

    return _user("bench-viewer", Authority.objects.get(pk=authority_id), Role.VIEWER)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import captured

    captured.synthetic_main(
        __doc__, unit="cases", default=100_000, load=load, measured_user=measured_user
    )
